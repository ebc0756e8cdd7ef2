// Package notify is the notification centre and the single outbox every
// outbound message passes through. It knows no business module: training,
// evaluation and appraisal hold the *Service the application builds and call
// Send inside their own transaction:
//
//	_, err := s.notify.Send(ctx, tx, notify.Message{Channel: notify.Email, To: notify.Recipients{UserIDs: ids},
//	    Kind: "training.enrolment", Title: "...", Body: "...", Link: "/training/sessions/12",
//	    DedupeKey: fmt.Sprintf("training.enrolment:%d:%d", sessionID, userID)})
//
// Files: model.go (types), send.go (Send), inbox.go (the bell), channel.go
// and allowlist.go (administration), relay.go (outbox -> River), deliver.go
// (the River worker and the delivery guarantee), webhook.go and email.go
// (providers), ratelimit.go, ssrf.go (the dial-time guard), http.go (routes).
//
// Delivery guarantee (details in deliver.go and docs/ARCHITECTURE.md):
//   - a message is recorded only if the caller's transaction commits;
//   - one DedupeKey gives at most one in-app row per user and one outbox row
//     per destination, hence one River job per destination;
//   - once a provider's acceptance is recorded, the message is never sent
//     again, whatever jobs are retried or duplicated;
//   - a crash while the provider is being called (between its acceptance
//     and our record of it) sends the message again after the claim's
//     lease expires: at-least-once in that window, which is the length of
//     one HTTP request or SMTP exchange plus one UPDATE.
package notify
