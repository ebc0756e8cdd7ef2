// What part of a video has really been played: merged intervals of
// continuous playback (a seek starts a new interval, so skipping ahead does
// not count). The course player reports the share to the server, which
// keeps the largest share it finds credible.

export type Interval = [number, number]

export class WatchedRanges {
  private ranges: Interval[] = []

  constructor(readonly duration: number) {}

  /** Adds [from, to] (seconds), clamped to the video. */
  add(from: number, to: number): void {
    const a = Math.max(0, Math.min(from, to))
    const b = Math.min(this.duration, Math.max(from, to))
    if (b <= a) return
    const next: Interval[] = []
    let cur: Interval = [a, b]
    for (const r of this.ranges) {
      if (r[1] < cur[0] || r[0] > cur[1]) next.push(r)
      else cur = [Math.min(r[0], cur[0]), Math.max(r[1], cur[1])]
    }
    next.push(cur)
    next.sort((x, y) => x[0] - y[0])
    this.ranges = next
  }

  /** Seconds covered. */
  covered(): number {
    return this.ranges.reduce((s, r) => s + (r[1] - r[0]), 0)
  }

  /** Share 0-1 of the video covered; a gap under half a second at the end counts as watched. */
  share(): number {
    if (this.duration <= 0) return 0
    const c = this.covered()
    if (this.duration - c < 0.5) return 1
    return Math.min(1, c / this.duration)
  }

  intervals(): Interval[] {
    return this.ranges.map((r) => [r[0], r[1]])
  }
}

/**
 * Tracks continuous playback from timeupdate events: a step forward of at
 * most maxStep seconds counts as played; a larger jump (or going back) is a seek.
 */
export class PlaybackTracker {
  private last: number | null = null

  constructor(
    readonly ranges: WatchedRanges,
    private readonly maxStep = 1.5,
  ) {}

  /** Call with the player's current time on every timeupdate. */
  tick(now: number): void {
    if (this.last !== null && now >= this.last && now - this.last <= this.maxStep) this.ranges.add(this.last, now)
    this.last = now
  }

  /** A seek or pause: the next tick starts a new interval. */
  reset(at: number | null = null): void {
    this.last = at
  }
}
