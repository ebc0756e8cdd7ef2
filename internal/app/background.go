package app

import (
	"context"
	"log/slog"
	"time"
)

// startBackground starts what runs beside the HTTP server: River's workers,
// the notification relay (outbox -> River), the learning loop (report
// reminders) and the evaluation loop (exam deadlines, rating requests).
// The returned stop lets running jobs finish for up to 20 s,
// then cancels them; ListenAndServe
// calls it after the HTTP server has shut down, so requests in flight can
// still enqueue. Only `serve` starts these: other commands enqueue and exit,
// and the next `serve` delivers.
func (a *App) startBackground(ctx context.Context) (stop func(), err error) {
	// River and the relay get a context of their own so that the signal
	// which stops the HTTP server does not stop them before it.
	bg, cancel := context.WithCancel(context.WithoutCancel(ctx))
	if err := a.Jobs.Start(bg); err != nil {
		cancel()
		return nil, err
	}
	relayDone, learningDone, assessmentDone := make(chan struct{}), make(chan struct{}), make(chan struct{})
	go func() { a.Notify.Run(bg); close(relayDone) }()
	go func() { a.learningLoop(bg); close(learningDone) }()
	go func() { a.assessmentLoop(bg); close(assessmentDone) }()
	return func() {
		sctx, scancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer scancel()
		if err := a.Jobs.Stop(sctx); err != nil {
			slog.Warn("stopping jobs", "err", err)
		}
		cancel()
		<-relayDone
		<-learningDone
		<-assessmentDone
	}, nil
}
