package notify

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Group bots, as their documentation describes them:
//
//	DingTalk  POST {webhook}&timestamp=MS&sign=S, S = urlencode(base64(HMAC-SHA256(key=secret, timestamp+"\n"+secret)));
//	          body {"msgtype":"text","text":{"content":...}}; answer {"errcode":0,"errmsg":"ok"}; 20 messages/min per bot.
//	WeCom     POST {webhook} (the key is in the URL); same body and answer shape; 20 messages/min per bot.
//	Feishu    POST {webhook}, body {"timestamp":"S","sign":X,"msg_type":"text","content":{"text":...}},
//	          X = base64(HMAC-SHA256(key=timestamp+"\n"+secret, empty message)); answer {"code":0,"msg":"success"};
//	          100 messages/min and 5/s per bot.
//
// DingTalk's timestamp is in milliseconds, Feishu's in seconds; both refuse
// one more than an hour away from their clock. Messages are sent as plain
// text: nothing in a title can turn into markup or a link in the group.

// textLimits are the providers' text size limits in bytes (WeCom: 2048).
var textLimits = map[Channel]int{DingTalk: 18000, WeCom: 2000, Feishu: 18000}

// SignDingTalk returns DingTalk's signature for timestamp (ms), before URL
// encoding.
func SignDingTalk(secret string, timestampMS int64) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(strconv.FormatInt(timestampMS, 10) + "\n" + secret))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// SignFeishu returns Feishu's signature for timestamp (s): the HMAC key is
// timestamp + "\n" + secret and the message is empty.
func SignFeishu(secret string, timestampS int64) string {
	m := hmac.New(sha256.New, []byte(strconv.FormatInt(timestampS, 10)+"\n"+secret))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// text renders a message as the plain text a group shows.
func (s *Service) text(r OutboxRow) string {
	parts := []string{r.Title}
	if r.Body != "" {
		parts = append(parts, r.Body)
	}
	if link := s.absLink(r.Link); link != "" {
		parts = append(parts, link)
	}
	return strings.Join(parts, "\n")
}

// absLink makes an in-app path absolute when PublicURL is set.
func (s *Service) absLink(link string) string {
	if link == "" || s.PublicURL == "" || !strings.HasPrefix(link, "/") {
		return link
	}
	return strings.TrimRight(s.PublicURL, "/") + link
}

// webhookRequest builds the signed request for bot c.
func (s *Service) webhookRequest(ctx context.Context, c ChannelConfig, r OutboxRow, now time.Time) (*http.Request, error) {
	u, err := url.Parse(c.WebhookURL)
	if err != nil || u.Host == "" {
		return nil, permanent(errors.New("the webhook address is not a URL"))
	}
	if u.Scheme != "https" && !(u.Scheme == "http" && s.hostAllowed(ctx, strings.ToLower(u.Hostname()))) {
		return nil, permanent(errors.New("the webhook address must use https (plain http only for allow-listed hosts)"))
	}
	content := clip(s.text(r), textLimits[c.Type])
	var body any
	switch c.Type {
	case DingTalk:
		if c.Secret != "" {
			ts := now.UnixMilli()
			q := u.Query()
			q.Set("timestamp", strconv.FormatInt(ts, 10))
			q.Set("sign", SignDingTalk(c.Secret, ts))
			u.RawQuery = q.Encode() // URL-encodes the base64 signature
		}
		body = map[string]any{"msgtype": "text", "text": map[string]string{"content": content}}
	case WeCom:
		body = map[string]any{"msgtype": "text", "text": map[string]string{"content": content}}
	case Feishu:
		m := map[string]any{"msg_type": "text", "content": map[string]string{"text": content}}
		if c.Secret != "" {
			ts := now.Unix()
			m["timestamp"], m["sign"] = strconv.FormatInt(ts, 10), SignFeishu(c.Secret, ts)
		}
		body = m
	default:
		return nil, permanent(fmt.Errorf("channel type %q is not a group bot", c.Type))
	}
	b, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), bytes.NewReader(b))
	if err != nil {
		return nil, permanent(errors.New("the webhook address is not a URL"))
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set("User-Agent", "EcomOps-notify")
	return req, nil
}

// postWebhook sends r to bot c and returns the provider's acceptance. Errors
// never contain the URL (it carries the bot's token).
func (s *Service) postWebhook(ctx context.Context, c ChannelConfig, r OutboxRow) (string, error) {
	req, err := s.webhookRequest(ctx, c, r, time.Now())
	if err != nil {
		return "", err
	}
	resp, err := s.http.Do(req)
	if err != nil {
		return "", scrubURL(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode/100 != 2 {
		return "", fmt.Errorf("%s answered HTTP %d: %s", c.Type, resp.StatusCode, clip(string(raw), 300))
	}
	return parseBotReply(c.Type, raw)
}

// parseBotReply reads a bot's JSON answer: DingTalk and WeCom send errcode,
// Feishu code (older Feishu bots StatusCode); 0 means accepted.
func parseBotReply(typ Channel, raw []byte) (string, error) {
	var a struct {
		ErrCode    *int   `json:"errcode"`
		ErrMsg     string `json:"errmsg"`
		Code       *int   `json:"code"`
		Msg        string `json:"msg"`
		StatusCode *int   `json:"StatusCode"`
		StatusMsg  string `json:"StatusMessage"`
	}
	if err := json.Unmarshal(raw, &a); err != nil {
		return "", fmt.Errorf("%s answered something that is not JSON: %s", typ, clip(string(raw), 200))
	}
	code, msg := -1, ""
	switch {
	case a.ErrCode != nil:
		code, msg = *a.ErrCode, a.ErrMsg
	case a.Code != nil:
		code, msg = *a.Code, a.Msg
	case a.StatusCode != nil:
		code, msg = *a.StatusCode, a.StatusMsg
	}
	if code != 0 {
		return "", fmt.Errorf("%s refused the message: code %d %s", typ, code, clip(msg, 200))
	}
	return clip(fmt.Sprintf("%s: code 0 %s", typ, msg), 500), nil
}

// scrubURL drops the request URL from an HTTP client error (url.Error
// prints it, token included) and keeps the cause.
func scrubURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		cause := ue.Err
		if errors.Is(cause, errRedirect) {
			return permanent(fmt.Errorf("%s webhook: the server answered with a redirect, which is not followed", ue.Op))
		}
		if errors.Is(cause, ErrBlockedAddress) {
			return permanent(fmt.Errorf("%s webhook: %w", ue.Op, cause))
		}
		return fmt.Errorf("%s webhook: %w", ue.Op, cause)
	}
	return err
}
