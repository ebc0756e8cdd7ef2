import { describe, expect, it } from 'vitest'
import { AnswerQueue, isEmptyAnswer, type KeyValueStore } from './answerQueue'

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>()
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  }
}

describe('AnswerQueue', () => {
  it('gives every change a growing sequence, even within one millisecond', () => {
    const q = new AnswerQueue(1, null, () => 1000)
    const a = q.put(1, { choices: ['A'] })
    const b = q.put(2, { choices: ['B'] })
    const c = q.put(1, { choices: ['C'] })
    expect([a.seq, b.seq, c.seq]).toEqual([1000, 1001, 1002])
    expect(q.get(1)?.answer).toEqual({ choices: ['C'] })
    expect(q.size).toBe(2)
  })

  it('stays above the sequence the server reported (a clock set back, another tab)', () => {
    const q = new AnswerQueue(1, null, () => 500)
    q.observe(9000)
    expect(q.put(3, { value: true }).seq).toBe(9001)
  })

  it('keeps an answer until the server acknowledges it or something newer', () => {
    const q = new AnswerQueue(1, null, () => 1000)
    const first = q.put(1, { choices: ['A'] })
    const second = q.put(1, { choices: ['B'] })
    q.ack(1, first.seq) // a late answer to the first save
    expect(q.get(1)?.seq).toBe(second.seq)
    q.ack(1, second.seq)
    expect(q.size).toBe(0)
  })

  it('survives a reload through storage and forgets acknowledged answers', () => {
    const store = memoryStore()
    const q = new AnswerQueue(7, store, () => 2000)
    q.put(1, { text: 'hello' })
    q.put(2, { blanks: ['SKU'] })
    const again = new AnswerQueue(7, store, () => 1) // clock earlier than before
    expect(again.list().map((p) => p.position)).toEqual([1, 2])
    expect(again.put(3, { value: false }).seq).toBe(2002)
    again.ack(1, 2000)
    again.ack(2, 2001)
    again.ack(3, 2002)
    expect(store.data.size).toBe(0)
    expect(new AnswerQueue(8, store).size).toBe(0) // another attempt sees nothing
  })

  it('drops a damaged stored entry', () => {
    const store = memoryStore()
    store.setItem('ecomops.exam.attempt.3', '{not json')
    expect(new AnswerQueue(3, store).size).toBe(0)
  })
})

describe('isEmptyAnswer', () => {
  it('knows an answer that says nothing', () => {
    expect(isEmptyAnswer({})).toBe(true)
    expect(isEmptyAnswer({ choices: [] })).toBe(true)
    expect(isEmptyAnswer({ blanks: ['', ' '] })).toBe(true)
    expect(isEmptyAnswer({ value: false })).toBe(false)
    expect(isEmptyAnswer({ text: 'x' })).toBe(false)
  })
})
