package notify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"
)

// receiver is a group-bot endpoint written from the providers' documented
// verification, independently of the sending code: it recomputes the
// signature from its own copy of the secret, refuses timestamps more than
// an hour from its clock, and answers in the provider's JSON shape. It can
// be told to fail the first requests.
type receiver struct {
	typ    Channel
	secret string
	srv    *httptest.Server

	mu        sync.Mutex
	failFirst int         // answer failures to this many requests first
	requests  int         // every request received
	arrivals  []time.Time // arrival time of every request
	accepted  []string    // texts of accepted messages
	refusals  []string    // why requests were refused
}

const botToken = "tok-3f9a27c1d8e4b6a0"

func newReceiver(t *testing.T, typ Channel, secret string) *receiver {
	rc := &receiver{typ: typ, secret: secret}
	rc.srv = httptest.NewServer(http.HandlerFunc(rc.serve))
	t.Cleanup(rc.srv.Close)
	return rc
}

// url is the webhook address an administrator would paste for this bot.
func (rc *receiver) url() string {
	switch rc.typ {
	case DingTalk:
		return rc.srv.URL + "/robot/send?access_token=" + botToken
	case WeCom:
		return rc.srv.URL + "/cgi-bin/webhook/send?key=" + botToken
	default:
		return rc.srv.URL + "/open-apis/bot/v2/hook/" + botToken
	}
}

func (rc *receiver) counts() (requests, accepted int) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return rc.requests, len(rc.accepted)
}

func (rc *receiver) serve(w http.ResponseWriter, r *http.Request) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.requests++
	rc.arrivals = append(rc.arrivals, time.Now())
	var body struct {
		MsgType   string                   `json:"msgtype"`
		Text      struct{ Content string } `json:"text"`
		Timestamp string                   `json:"timestamp"`
		Sign      string                   `json:"sign"`
		FMsgType  string                   `json:"msg_type"`
		Content   struct{ Text string }    `json:"content"`
	}
	if r.Method != http.MethodPost || json.NewDecoder(r.Body).Decode(&body) != nil {
		rc.refuse(w, "not a JSON POST")
		return
	}
	if rc.requests <= rc.failFirst {
		if rc.requests%2 == 1 {
			w.WriteHeader(http.StatusBadGateway)
			rc.refusals = append(rc.refusals, "injected 502")
			return
		}
		rc.refuse(w, "injected: send too fast")
		return
	}
	switch rc.typ {
	case DingTalk:
		if r.URL.Path != "/robot/send" || r.URL.Query().Get("access_token") != botToken {
			rc.refuse(w, "unknown access token")
			return
		}
		if rc.secret != "" {
			// DingTalk: sign = urlencode(base64(HmacSHA256(secret, timestamp+"\n"+secret))), timestamp in ms.
			ts, err := strconv.ParseInt(r.URL.Query().Get("timestamp"), 10, 64)
			if err != nil || absDur(time.Since(time.UnixMilli(ts))) > time.Hour {
				rc.refuse(w, "timestamp missing or more than an hour off")
				return
			}
			m := hmac.New(sha256.New, []byte(rc.secret))
			m.Write([]byte(r.URL.Query().Get("timestamp") + "\n" + rc.secret))
			got, err := base64.StdEncoding.DecodeString(r.URL.Query().Get("sign"))
			if err != nil || !hmac.Equal(got, m.Sum(nil)) {
				rc.refuse(w, "sign not match")
				return
			}
		}
		if body.MsgType != "text" || body.Text.Content == "" {
			rc.refuse(w, "empty text")
			return
		}
		rc.accepted = append(rc.accepted, body.Text.Content)
		w.Write([]byte(`{"errcode":0,"errmsg":"ok"}`))
	case WeCom:
		if r.URL.Path != "/cgi-bin/webhook/send" || r.URL.Query().Get("key") != botToken {
			rc.refuse(w, "invalid webhook url")
			return
		}
		if body.MsgType != "text" || body.Text.Content == "" {
			rc.refuse(w, "empty text")
			return
		}
		rc.accepted = append(rc.accepted, body.Text.Content)
		w.Write([]byte(`{"errcode":0,"errmsg":"ok"}`))
	case Feishu:
		if r.URL.Path != "/open-apis/bot/v2/hook/"+botToken {
			rc.refuse(w, "unknown hook")
			return
		}
		if rc.secret != "" {
			// Feishu: sign = base64(HmacSHA256(key = timestamp+"\n"+secret, message = "")), timestamp in s.
			ts, err := strconv.ParseInt(body.Timestamp, 10, 64)
			if err != nil || absDur(time.Since(time.Unix(ts, 0))) > time.Hour {
				rc.refuse(w, "timestamp is not within one hour from current time")
				return
			}
			m := hmac.New(sha256.New, []byte(body.Timestamp+"\n"+rc.secret))
			got, err := base64.StdEncoding.DecodeString(body.Sign)
			if err != nil || !hmac.Equal(got, m.Sum(nil)) {
				rc.refuse(w, "sign match fail")
				return
			}
		}
		if body.FMsgType != "text" || body.Content.Text == "" {
			rc.refuse(w, "empty text")
			return
		}
		rc.accepted = append(rc.accepted, body.Content.Text)
		w.Write([]byte(`{"code":0,"msg":"success","data":{}}`))
	}
}

// refuse answers like the provider does for a refused message: HTTP 200
// with a non-zero code.
func (rc *receiver) refuse(w http.ResponseWriter, why string) {
	rc.refusals = append(rc.refusals, why)
	if rc.typ == Feishu {
		json.NewEncoder(w).Encode(map[string]any{"code": 19021, "msg": why})
		return
	}
	json.NewEncoder(w).Encode(map[string]any{"errcode": 310000, "errmsg": why})
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}
