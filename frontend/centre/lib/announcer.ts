// The hall's spoken calls: a queue played one at a time, each to its end,
// so two calls never overlap or cut each other off.

export interface Announced {
  ticket: string
  counter: string
  startedAt: number // Date.now() when the sound started
  endedAt: number | null
}

/** A Player starts a sound: the promise resolves once it plays and gives
 *  another that resolves when it has finished; it rejects when it cannot
 *  start (NotAllowedError: the browser wants a tap first). */
export type Player = (url: string) => Promise<{ ended: Promise<void> }>

export interface AnnouncerOptions {
  player: Player
  url: (ticket: string, counter: string) => string
  /** the browser refused to play (true) or a tap allowed it again (false) */
  onBlocked?: (blocked: boolean) => void
  /** what was said, in order (window.__announced on the display) */
  log?: Announced[]
  now?: () => number
}

interface Item {
  ticket: string
  counter: string
}

export class Announcer {
  readonly log: Announced[]
  blocked = false
  private queue: Item[] = []
  private busy = false
  private readonly now: () => number

  constructor(private readonly o: AnnouncerOptions) {
    this.log = o.log ?? []
    this.now = o.now ?? Date.now
  }

  get pending(): number {
    return this.queue.length
  }

  enqueue(ticket: string, counter: string) {
    this.queue.push({ ticket, counter })
    void this.pump()
  }

  /** unblock is called after a tap: the queue plays again. */
  unblock() {
    if (!this.blocked) return
    this.blocked = false
    this.o.onBlocked?.(false)
    void this.pump()
  }

  private async pump() {
    if (this.busy || this.blocked) return
    const item = this.queue[0]
    if (!item) return
    this.busy = true
    try {
      const { ended } = await this.o.player(this.o.url(item.ticket, item.counter))
      const rec: Announced = { ticket: item.ticket, counter: item.counter, startedAt: this.now(), endedAt: null }
      this.log.push(rec)
      await ended
      rec.endedAt = this.now()
      this.queue.shift()
    } catch (e) {
      if ((e as Error)?.name === 'NotAllowedError') {
        this.blocked = true
        this.busy = false
        this.o.onBlocked?.(true)
        return // the call stays first in line until the tap
      }
      console.warn('announcement skipped', item, e)
      this.queue.shift()
    }
    this.busy = false
    void this.pump()
  }
}

/** audioPlayer plays through one <audio> element at a time, put in the
 *  page while it plays and removed after; a sound that never ends is cut
 *  after maxMs so the queue goes on. */
export function audioPlayer(maxMs = 20_000): Player {
  return async (url) => {
    const a = document.createElement('audio')
    a.preload = 'auto'
    a.src = url
    a.dataset.testid = 'announcement'
    a.hidden = true
    document.body.appendChild(a)
    try {
      await a.play()
    } catch (e) {
      a.remove()
      throw e
    }
    const ended = new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(t)
        a.pause()
        a.remove()
        resolve()
      }
      const t = setTimeout(done, maxMs)
      a.addEventListener('ended', done, { once: true })
      a.addEventListener('error', done, { once: true })
    })
    return { ended }
  }
}

/** ANNOUNCE_MAX_AGE: a call older than this (replayed after a reconnect) is shown, not announced. */
export const ANNOUNCE_MAX_AGE = 60_000

/** fresh says whether a call made at `at` (RFC 3339, from the centre) is
 *  recent enough to announce; skew is the centre's clock minus this one's, ms.
 *  A call without a time is fresh (it came live). */
export function fresh(at: string | undefined, now: number, skew: number): boolean {
  const t = at ? Date.parse(at) : NaN
  return Number.isNaN(t) || now + skew - t <= ANNOUNCE_MAX_AGE
}
