// The centre's event stream (/api/v1/events, server-sent events) for the
// pages: an EventSource that resumes after the last event it saw, with a
// link state the page shows. The browser retries a dropped stream itself
// (with Last-Event-ID); when it gives up (the centre answered an error)
// this opens a new one after a growing pause, resuming with ?after=.

export type Link = 'ok' | 'retrying' | 'down'

export interface StreamOptions {
  url: string
  /** names of the events to pass on */
  events: string[]
  onEvent: (name: string, data: unknown, id: number) => void
  /** the stream (re)opened; reconnect is false the first time */
  onOpen?: (reconnect: boolean) => void
  onLink?: (link: Link) => void
  /** ms of failed retries before the link is "down" (default 10 s) */
  downAfter?: number
  /** ES is the EventSource constructor (tests) */
  ES?: typeof EventSource
}

const backoff = [1000, 2000, 4000, 8000, 10000]

export class Stream {
  link: Link = 'retrying'
  lastId = -1
  private es: EventSource | null = null
  private opened = false
  private failures = 0
  private retryTimer: ReturnType<typeof setTimeout> | undefined
  private downTimer: ReturnType<typeof setTimeout> | undefined
  private closed = false

  constructor(private readonly o: StreamOptions) {
    this.connect()
  }

  private setLink(l: Link) {
    if (l === 'ok') {
      clearTimeout(this.downTimer)
      this.downTimer = undefined
    } else if (this.downTimer === undefined && l === 'retrying') {
      this.downTimer = setTimeout(() => this.setLink('down'), this.o.downAfter ?? 10_000)
    }
    if (l === 'retrying' && this.link === 'down') return // still down until it opens
    if (this.link === l) return
    this.link = l
    this.o.onLink?.(l)
  }

  private connect() {
    if (this.closed) return
    const ES = this.o.ES ?? EventSource
    const url = this.lastId >= 0 ? `${this.o.url}${this.o.url.includes('?') ? '&' : '?'}after=${this.lastId}` : this.o.url
    const es = new ES(url, { withCredentials: true })
    this.es = es
    es.onopen = () => {
      if (es !== this.es) return
      this.failures = 0
      this.setLink('ok')
      const reconnect = this.opened
      this.opened = true
      this.o.onOpen?.(reconnect)
    }
    es.onerror = () => {
      if (es !== this.es) return
      this.setLink('retrying')
      if (es.readyState === 2 /* CLOSED: the browser gave up */) this.retryLater()
    }
    for (const name of this.o.events) {
      es.addEventListener(name, (ev) => {
        if (es !== this.es) return
        const m = ev as MessageEvent<string>
        const id = Number(m.lastEventId)
        if (Number.isFinite(id) && id > 0) {
          if (id <= this.lastId) return // already handed on (a reopened stream overlaps)
          this.lastId = id
        }
        let data: unknown = null
        try {
          data = JSON.parse(m.data)
        } catch {
          return
        }
        this.o.onEvent(name, data, id)
      })
    }
  }

  private retryLater() {
    this.es?.close()
    this.es = null
    clearTimeout(this.retryTimer)
    const wait = backoff[Math.min(this.failures, backoff.length - 1)]
    this.failures++
    this.retryTimer = setTimeout(() => this.connect(), wait)
  }

  /** reconnect drops the stream and opens a new one now (the page saw the link fail another way). */
  reconnect() {
    if (this.closed) return
    this.setLink('retrying')
    this.es?.close()
    this.es = null
    clearTimeout(this.retryTimer)
    this.connect()
  }

  close() {
    this.closed = true
    clearTimeout(this.retryTimer)
    clearTimeout(this.downTimer)
    this.es?.close()
    this.es = null
  }
}
