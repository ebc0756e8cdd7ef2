// How an import session reads on screen: finished or not, how far, how it ended.
import type { Import } from './types'

const RUNNING: ReadonlyArray<string> = ['queued', 'running']

export function isFinished(im: Pick<Import, 'status'>): boolean {
  return !RUNNING.includes(im.status)
}

/**
 * Percent done from the bytes read (bytes_done / file_bytes). Only a completed
 * import shows 100: the last batch commits after the last byte is read.
 */
export function progressPercent(im: Pick<Import, 'status' | 'bytes_done' | 'file_bytes'>): number {
  if (im.status === 'completed') return 100
  if (!im.file_bytes || im.file_bytes <= 0) return 0
  return Math.max(0, Math.min(99, Math.floor((im.bytes_done * 100) / im.file_bytes)))
}

/** The el-progress status: success, warning (some rows rejected), exception (failed) or none while running. */
export function progressTone(im: Pick<Import, 'status' | 'rejected'>): '' | 'success' | 'warning' | 'exception' {
  switch (im.status) {
    case 'completed':
      return im.rejected > 0 ? 'warning' : 'success'
    case 'failed':
    case 'aborted':
    case 'interrupted':
      return 'exception'
    default:
      return ''
  }
}

/** Poll interval: quick at first, then slower for long imports. */
export function pollDelay(elapsedMs: number): number {
  return elapsedMs < 10_000 ? 500 : elapsedMs < 60_000 ? 1000 : 2000
}
