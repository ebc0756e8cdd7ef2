import { describe, expect, it } from 'vitest'
import { PlaybackTracker, WatchedRanges } from './watched'

describe('WatchedRanges', () => {
  it('merges overlapping and touching intervals', () => {
    const w = new WatchedRanges(100)
    w.add(0, 10)
    w.add(5, 20)
    w.add(20, 30)
    w.add(50, 60)
    expect(w.intervals()).toEqual([
      [0, 30],
      [50, 60],
    ])
    expect(w.covered()).toBe(40)
    expect(w.share()).toBeCloseTo(0.4)
  })

  it('clamps to the video and ignores empty intervals', () => {
    const w = new WatchedRanges(10)
    w.add(-5, 3)
    w.add(8, 50)
    w.add(4, 4)
    expect(w.intervals()).toEqual([
      [0, 3],
      [8, 10],
    ])
  })

  it('counts a tiny gap at the end as complete', () => {
    const w = new WatchedRanges(6)
    w.add(0, 5.7)
    expect(w.share()).toBe(1)
  })
})

describe('PlaybackTracker', () => {
  it('counts continuous playback but not a seek ahead', () => {
    const w = new WatchedRanges(60)
    const p = new PlaybackTracker(w)
    for (let s = 0; s <= 10; s += 0.25) p.tick(s)
    p.tick(40) // seek
    for (let s = 40; s <= 45; s += 0.25) p.tick(s)
    expect(w.covered()).toBeCloseTo(15)
  })

  it('does not count going back as played, and resumes after a reset', () => {
    const w = new WatchedRanges(60)
    const p = new PlaybackTracker(w)
    p.tick(10)
    p.tick(11)
    p.tick(5)
    p.tick(6)
    p.reset()
    p.tick(30)
    p.tick(31)
    expect(w.intervals()).toEqual([
      [5, 6],
      [10, 11],
      [30, 31],
    ])
  })
})
