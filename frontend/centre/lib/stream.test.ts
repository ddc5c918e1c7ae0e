import { describe, it, expect, vi, afterEach } from 'vitest'
import { Stream, type Link } from './stream'

// FakeES stands in for EventSource.
class FakeES {
  static all: FakeES[] = []
  readyState = 0
  onopen: (() => void) | null = null
  onerror: (() => void) | null = null
  listeners: Record<string, ((e: unknown) => void)[]> = {}
  constructor(readonly url: string) {
    FakeES.all.push(this)
  }
  addEventListener(name: string, fn: (e: unknown) => void) {
    ;(this.listeners[name] ??= []).push(fn)
  }
  close() {
    this.readyState = 2
  }
  open() {
    this.readyState = 1
    this.onopen?.()
  }
  fail(closed: boolean) {
    this.readyState = closed ? 2 : 0
    this.onerror?.()
  }
  emit(name: string, id: number, data: unknown) {
    for (const fn of this.listeners[name] ?? []) fn({ lastEventId: String(id), data: JSON.stringify(data) })
  }
}

afterEach(() => {
  vi.useRealTimers()
  FakeES.all = []
})

describe('Stream', () => {
  it('reports the link, resumes after the last event and drops repeats', () => {
    vi.useFakeTimers()
    const links: Link[] = []
    const got: number[] = []
    const opens: boolean[] = []
    const s = new Stream({ url: '/ev', events: ['queue:call'], ES: FakeES as unknown as typeof EventSource, downAfter: 5000,
      onEvent: (_n, _d, id) => got.push(id), onLink: (l) => links.push(l), onOpen: (r) => opens.push(r) })
    const es = FakeES.all[0]
    expect(es.url).toBe('/ev')
    es.open()
    es.emit('queue:call', 7, { counter: '1' })
    es.emit('queue:call', 7, { counter: '1' })
    es.fail(false) // the browser retries by itself
    expect(links).toEqual(['ok', 'retrying'])
    vi.advanceTimersByTime(5000)
    expect(links).toEqual(['ok', 'retrying', 'down'])
    es.fail(true) // it gave up: a new stream after a pause, resuming after 7
    vi.advanceTimersByTime(1000)
    const es2 = FakeES.all[1]
    expect(es2.url).toBe('/ev?after=7')
    es2.open()
    es2.emit('queue:call', 8, {})
    expect(got).toEqual([7, 8])
    expect(opens).toEqual([false, true])
    expect(links).toEqual(['ok', 'retrying', 'down', 'ok'])
    s.close()
  })
})
