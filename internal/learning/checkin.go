package learning

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"time"
)

// Check-in tokens (the QR code shown in the room). A token names the
// session and the start of the rotation window it was issued in, and is
// signed with the session's own secret:
//
//	base64url( session id (8 bytes) | window start, Unix seconds (8 bytes) | HMAC-SHA256(secret, first 16 bytes)[:12] )
//
// The screen shows a new token every qr_rotate_seconds; a token is accepted
// for qr_valid_seconds after its window began, so a photo of the code sent
// to someone outside the room stops working within a minute or two. Tokens
// are stateless: nothing is written per rotation.
const tokenLen = 8 + 8 + 12

// issueToken returns the token of the window that contains now.
func issueToken(sessionID int64, secret string, now time.Time, rotate time.Duration) (string, time.Time) {
	window := now.Truncate(rotate)
	b := make([]byte, 16, tokenLen)
	binary.BigEndian.PutUint64(b[:8], uint64(sessionID))
	binary.BigEndian.PutUint64(b[8:16], uint64(window.Unix()))
	b = append(b, sign(secret, b)...)
	return base64.RawURLEncoding.EncodeToString(b), window
}

func sign(secret string, msg []byte) []byte {
	key, err := hex.DecodeString(secret)
	if err != nil {
		key = []byte(secret)
	}
	m := hmac.New(sha256.New, key)
	m.Write(msg)
	return m.Sum(nil)[:12]
}

// parseToken splits a token without checking it: the session id tells whose
// secret verifies it.
func parseToken(tok string) (sessionID int64, issued time.Time, ok bool) {
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil || len(b) != tokenLen {
		return 0, time.Time{}, false
	}
	return int64(binary.BigEndian.Uint64(b[:8])), time.Unix(int64(binary.BigEndian.Uint64(b[8:16])), 0).UTC(), true
}

// TokenState is what verifying a token found.
type TokenState int

const (
	TokenBad     TokenState = iota // not a token of this session (forged, mangled)
	TokenExpired                   // genuine but older than the validity
	TokenValid
)

// verifyToken checks tok's signature with the session secret and its age at
// now; a token from the future (beyond a small clock skew) is bad.
func verifyToken(tok, secret string, now time.Time, valid time.Duration) (TokenState, time.Time) {
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil || len(b) != tokenLen || !hmac.Equal(b[16:], sign(secret, b[:16])) {
		return TokenBad, time.Time{}
	}
	_, issued, _ := parseToken(tok)
	expires := issued.Add(valid)
	switch {
	case issued.After(now.Add(5 * time.Second)):
		return TokenBad, expires
	case !now.Before(expires):
		return TokenExpired, expires
	}
	return TokenValid, expires
}
