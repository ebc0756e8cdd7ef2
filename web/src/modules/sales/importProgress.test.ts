import { describe, expect, it } from 'vitest'
import { isFinished, pollDelay, progressPercent, progressTone } from './importProgress'

describe('import progress', () => {
  it('counts bytes but shows 100 only when completed', () => {
    expect(progressPercent({ status: 'running', bytes_done: 50, file_bytes: 200 })).toBe(25)
    expect(progressPercent({ status: 'running', bytes_done: 200, file_bytes: 200 })).toBe(99)
    expect(progressPercent({ status: 'completed', bytes_done: 0, file_bytes: 0 })).toBe(100)
    expect(progressPercent({ status: 'queued', bytes_done: 0, file_bytes: 0 })).toBe(0)
  })

  it('tells finished sessions and their tone', () => {
    expect(isFinished({ status: 'running' })).toBe(false)
    expect(isFinished({ status: 'queued' })).toBe(false)
    expect(isFinished({ status: 'interrupted' })).toBe(true)
    expect(progressTone({ status: 'completed', rejected: 0 })).toBe('success')
    expect(progressTone({ status: 'completed', rejected: 3 })).toBe('warning')
    expect(progressTone({ status: 'aborted', rejected: 3 })).toBe('exception')
    expect(progressTone({ status: 'running', rejected: 0 })).toBe('')
  })

  it('polls slower as an import goes on', () => {
    expect(pollDelay(0)).toBe(500)
    expect(pollDelay(30_000)).toBe(1000)
    expect(pollDelay(120_000)).toBe(2000)
  })
})
