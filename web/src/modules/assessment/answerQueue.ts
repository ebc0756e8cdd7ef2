// The exam page's answers on their way to the server. Every change gets a
// sequence number that grows on this device (Date.now(), and above the last
// one); unacknowledged answers are kept in localStorage so a reload, a closed
// tab or a dropped network loses nothing: they are resent until the server
// acknowledges a sequence at least as new. The server keeps the highest
// sequence per question, so resending is always harmless.
import type { Response } from './types'

export interface PendingAnswer {
  position: number
  seq: number
  answer: Response
}

export interface KeyValueStore {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

export class AnswerQueue {
  private pending = new Map<number, PendingAnswer>()
  private lastSeq = 0
  private readonly key: string

  constructor(
    attemptId: number,
    private readonly store: KeyValueStore | null,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.key = `ecomops.exam.attempt.${attemptId}`
    this.restore()
  }

  private restore(): void {
    if (!this.store) return
    try {
      const raw = this.store.getItem(this.key)
      if (!raw) return
      const list = JSON.parse(raw) as PendingAnswer[]
      for (const p of list) {
        if (typeof p?.position === 'number' && typeof p?.seq === 'number' && p.answer && typeof p.answer === 'object') {
          this.pending.set(p.position, p)
          this.lastSeq = Math.max(this.lastSeq, p.seq)
        }
      }
    } catch {
      /* a damaged entry is dropped; the server still has every acknowledged answer */
    }
  }

  private persist(): void {
    if (!this.store) return
    try {
      if (this.pending.size === 0) this.store.removeItem(this.key)
      else this.store.setItem(this.key, JSON.stringify([...this.pending.values()]))
    } catch {
      /* storage full or disabled: the answers are still queued in memory */
    }
  }

  /** Makes sure new sequences stay above what the server has seen from this attempt. */
  observe(serverSeq: number): void {
    this.lastSeq = Math.max(this.lastSeq, serverSeq)
  }

  /** Records a new answer; returns the entry to send. */
  put(position: number, answer: Response): PendingAnswer {
    const seq = Math.max(this.now(), this.lastSeq + 1)
    this.lastSeq = seq
    const p = { position, seq, answer }
    this.pending.set(position, p)
    this.persist()
    return p
  }

  /** The server holds seq for position: drop what it has (or newer). */
  ack(position: number, serverSeq: number): void {
    this.observe(serverSeq)
    const p = this.pending.get(position)
    if (p && serverSeq >= p.seq) {
      this.pending.delete(position)
      this.persist()
    }
  }

  /** Answers not acknowledged yet, oldest first. */
  list(): PendingAnswer[] {
    return [...this.pending.values()].sort((a, b) => a.seq - b.seq)
  }

  get(position: number): PendingAnswer | undefined {
    return this.pending.get(position)
  }

  get size(): number {
    return this.pending.size
  }

  /** Forgets everything (the attempt is over). */
  clear(): void {
    this.pending.clear()
    this.persist()
  }
}

/** True when an answer says nothing (the server reads {} as "cleared"). */
export function isEmptyAnswer(a: Response | null | undefined): boolean {
  if (!a) return true
  if (a.choices && a.choices.length) return false
  if (typeof a.value === 'boolean') return false
  if (a.blanks && a.blanks.some((b) => b.trim() !== '')) return false
  if (a.text && a.text.trim() !== '') return false
  return true
}
