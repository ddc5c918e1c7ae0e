import { describe, it, expect } from 'vitest'
import { Announcer, fresh, type Player } from './announcer'

function fakePlayer() {
  const started: string[] = []
  const finish: (() => void)[] = []
  let refuse = false
  const player: Player = async (url) => {
    if (refuse) {
      const e = new Error('no gesture')
      e.name = 'NotAllowedError'
      throw e
    }
    started.push(url)
    return { ended: new Promise<void>((r) => finish.push(r)) }
  }
  return { player, started, finish, refuse: (b: boolean) => (refuse = b) }
}

const tick = () => new Promise((r) => setTimeout(r, 0))

describe('Announcer', () => {
  it('plays one call at a time, in order, each to its end', async () => {
    const f = fakePlayer()
    let t = 0
    const a = new Announcer({ player: f.player, url: (k, c) => `${k}@${c}`, now: () => ++t })
    a.enqueue('A-0001', '1')
    a.enqueue('B-0001', '3')
    a.enqueue('A-0001', '1') // a recall is said again
    await tick()
    expect(f.started).toEqual(['A-0001@1'])
    f.finish[0]()
    await tick()
    expect(f.started).toEqual(['A-0001@1', 'B-0001@3'])
    f.finish[1]()
    await tick()
    f.finish[2]()
    await tick()
    expect(a.log.map((r) => r.ticket)).toEqual(['A-0001', 'B-0001', 'A-0001'])
    for (let i = 1; i < a.log.length; i++) expect(a.log[i].startedAt).toBeGreaterThanOrEqual(a.log[i - 1].endedAt!)
    expect(a.pending).toBe(0)
  })

  it('waits for a tap when the browser refuses to play, keeping the call', async () => {
    const f = fakePlayer()
    const blocked: boolean[] = []
    const a = new Announcer({ player: f.player, url: (k) => k, onBlocked: (b) => blocked.push(b) })
    f.refuse(true)
    a.enqueue('A-0001', '1')
    a.enqueue('A-0002', '2')
    await tick()
    expect(blocked).toEqual([true])
    expect(a.pending).toBe(2)
    f.refuse(false)
    a.unblock()
    await tick()
    expect(blocked).toEqual([true, false])
    expect(f.started).toEqual(['A-0001'])
  })
})

describe('fresh', () => {
  const now = Date.parse('2026-12-02T08:00:00Z')
  it('announces calls of the last minute, by the centre clock', () => {
    expect(fresh('2026-12-02T07:59:30Z', now, 0)).toBe(true)
    expect(fresh('2026-12-02T07:58:59Z', now, 0)).toBe(false) // replayed after a reconnect
    expect(fresh('2026-12-02T07:58:30Z', now, -40_000)).toBe(true) // this TV runs 40 s fast
    expect(fresh(undefined, now, 0)).toBe(true)
  })
})
