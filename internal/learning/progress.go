package learning

import (
	"math"
	"time"
)

// Progress rules for the course player (B3.3). The player reports a beacon
// every few seconds; the server keeps, per learner and material:
//
//   - position: where to resume; it may move freely (seeking back is fine)
//     and is clamped to [0, duration].
//   - watched share: the largest share seen, so it never runs backwards and
//     a repeated beacon changes nothing (idempotent).
//   - a share may only grow as fast as the wall clock allows: since the
//     previous beacon, or since the open when that came later (a reload), at
//     most elapsed × MaxPlaybackRate seconds of video can have been watched.
//     A larger jump is cut to that bound and the beacon is marked clamped;
//     the credible part counts, the rest must really be watched. There is no
//     allowance per beacon, so repeating or spamming beacons (or opens)
//     gains nothing; a player that reports every few seconds at normal
//     speed stays well inside the bound.
//   - a video is completed at VideoCompletePermille of its duration (players
//     stop a moment before the end and the last beacon may be missed).
//   - a document (PDF, slides, image) is completed by a beacon arriving at
//     least min_seconds after the server recorded its open: the timing is
//     the server's, so a client cannot claim reading time it did not spend.
const (
	MaxPlaybackRate       = 2.0
	VideoCompletePermille = 950
)

// Beacon is one report from the player.
type Beacon struct {
	PositionSeconds float64 `json:"position_seconds" minimum:"0" doc:"current playback position"`
	WatchedShare    float64 `json:"watched_share" minimum:"0" maximum:"1" doc:"share of the video played so far (0-1), as the player measured it"`
	DurationSeconds float64 `json:"duration_seconds,omitempty" minimum:"0" doc:"the player's idea of the length; used only when the file did not tell"`
}

// VideoState is the stored progress of one learner on one video.
type VideoState struct {
	PositionMS      int64
	WatchedPermille int
	Since           time.Time // the later of the previous beacon and the open; zero when neither
	Completed       bool
}

// ApplyVideoBeacon returns the state after b arrives at now for a video of
// durationSec seconds, and whether the reported share was cut.
func ApplyVideoBeacon(cur VideoState, b Beacon, durationSec int, now time.Time) (VideoState, bool) {
	next := cur
	if durationSec <= 0 {
		return next, false
	}
	dur := float64(durationSec)
	next.PositionMS = int64(math.Round(math.Min(math.Max(b.PositionSeconds, 0), dur) * 1000))
	reported := int(math.Round(math.Min(math.Max(b.WatchedShare, 0), 1) * 1000))
	clamped := false
	if reported > cur.WatchedPermille {
		elapsed := time.Duration(0)
		if !cur.Since.IsZero() && now.After(cur.Since) {
			elapsed = now.Sub(cur.Since)
		}
		allowed := cur.WatchedPermille + int(math.Floor(elapsed.Seconds()*MaxPlaybackRate/dur*1000))
		next.WatchedPermille = min(reported, allowed, 1000)
		clamped = next.WatchedPermille < reported
	}
	if next.WatchedPermille >= VideoCompletePermille {
		next.Completed = true
	}
	next.Since = now
	return next, clamped
}

// DocumentRead reports whether a document opened at openedAt counts as read
// at now with the minimum open time minSec.
func DocumentRead(openedAt *time.Time, now time.Time, minSec int) bool {
	return openedAt != nil && !now.Before(openedAt.Add(time.Duration(minSec)*time.Second))
}

// CourseComplete applies a course's completion rule to the count of
// counted materials (the required ones, or all when none is marked
// required) and how many of them the learner completed. A course without
// materials, and the exam rule, never complete from materials alone.
func CourseComplete(rule string, minPct, counted, done int) bool {
	if counted == 0 {
		return false
	}
	switch rule {
	case "all_materials":
		return done >= counted
	case "min_share":
		return done*100 >= minPct*counted
	}
	return false
}
