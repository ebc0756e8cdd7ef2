package notify

import (
	"bufio"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"fmt"
	"math/big"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// smtpServer is a real SMTP server on 127.0.0.1, speaking enough of RFC 5321
// (EHLO, optional STARTTLS and AUTH PLAIN, MAIL, RCPT, DATA, RSET, NOOP,
// QUIT) to receive what go-mail sends.
type smtpServer struct {
	port int
	tls  *tls.Config // non-nil: offer STARTTLS
	user string      // non-empty: require AUTH PLAIN with user/pass after STARTTLS
	pass string
	ln   net.Listener

	mu   sync.Mutex
	msgs []receivedMail
}

type receivedMail struct {
	From   string
	To     []string
	Data   string
	TLS    bool
	Authed bool
}

func newSMTPServer(t *testing.T) *smtpServer {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &smtpServer{ln: ln, port: ln.Addr().(*net.TCPAddr).Port}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go s.session(c)
		}
	}()
	return s
}

func (s *smtpServer) count() int { s.mu.Lock(); defer s.mu.Unlock(); return len(s.msgs) }

func (s *smtpServer) mails() []receivedMail {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]receivedMail(nil), s.msgs...)
}

func (s *smtpServer) session(c net.Conn) {
	defer func() { c.Close() }()
	c.SetDeadline(time.Now().Add(20 * time.Second))
	r, w := bufio.NewReader(c), bufio.NewWriter(c)
	reply := func(lines ...string) {
		for _, l := range lines {
			w.WriteString(l + "\r\n")
		}
		w.Flush()
	}
	var cur receivedMail
	reply("220 127.0.0.1 ESMTP test server")
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		line = strings.TrimRight(line, "\r\n")
		verb := strings.ToUpper(strings.SplitN(line, " ", 2)[0])
		switch verb {
		case "EHLO", "HELO":
			ext := []string{"250-127.0.0.1 hello", "250-8BITMIME", "250-SIZE 10485760"}
			if s.tls != nil && !cur.TLS {
				ext = append(ext, "250-STARTTLS")
			}
			if s.user != "" && cur.TLS {
				ext = append(ext, "250-AUTH PLAIN")
			}
			ext[len(ext)-1] = "250 " + ext[len(ext)-1][4:]
			reply(ext...)
		case "STARTTLS":
			if s.tls == nil {
				reply("502 not offered")
				continue
			}
			reply("220 ready to start TLS")
			tc := tls.Server(c, s.tls)
			if err := tc.Handshake(); err != nil {
				return
			}
			c = tc
			r, w = bufio.NewReader(c), bufio.NewWriter(c)
			cur = receivedMail{TLS: true}
		case "AUTH":
			f := strings.Fields(line)
			if len(f) < 2 || strings.ToUpper(f[1]) != "PLAIN" || !cur.TLS {
				reply("504 unsupported")
				continue
			}
			resp := ""
			if len(f) == 3 {
				resp = f[2]
			} else {
				reply("334 ")
				l, _ := r.ReadString('\n')
				resp = strings.TrimSpace(l)
			}
			b, _ := base64.StdEncoding.DecodeString(resp)
			if string(b) == "\x00"+s.user+"\x00"+s.pass {
				cur.Authed = true
				reply("235 2.7.0 authenticated")
			} else {
				reply("535 5.7.8 bad credentials")
			}
		case "MAIL":
			if s.user != "" && !cur.Authed {
				reply("530 5.7.0 authentication required")
				continue
			}
			cur.From, cur.To = addrOf(line), nil
			reply("250 2.1.0 ok")
		case "RCPT":
			cur.To = append(cur.To, addrOf(line))
			reply("250 2.1.5 ok")
		case "DATA":
			reply("354 end with <CRLF>.<CRLF>")
			var data strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				data.WriteString(strings.TrimPrefix(l, "."))
			}
			cur.Data = data.String()
			s.mu.Lock()
			s.msgs = append(s.msgs, cur)
			n := len(s.msgs)
			s.mu.Unlock()
			reply(fmt.Sprintf("250 2.0.0 Ok: queued as Q%04d", n))
			cur = receivedMail{TLS: cur.TLS, Authed: cur.Authed}
		case "RSET":
			cur = receivedMail{TLS: cur.TLS, Authed: cur.Authed}
			reply("250 2.0.0 ok")
		case "NOOP":
			reply("250 2.0.0 ok")
		case "QUIT":
			reply("221 2.0.0 bye")
			return
		default:
			reply("502 5.5.2 unknown command")
		}
	}
}

func addrOf(line string) string {
	i, j := strings.IndexByte(line, '<'), strings.IndexByte(line, '>')
	if i < 0 || j < i {
		return ""
	}
	return line[i+1 : j]
}

// testCert makes a self-signed certificate for 127.0.0.1 and the pool that
// trusts it.
func testCert(t *testing.T) (*tls.Config, *x509.CertPool) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}, pool
}
