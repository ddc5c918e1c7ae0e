import { describe, it, expect } from 'vitest'
import { buttons, countersOf, pinKey, reasonText, transferTargets } from './rules'
import { S } from '../lib/strings'
import type { CounterView, CTicket, ServiceView } from './types'

const line = (code: string, counters: string[]): ServiceView => ({ code, name: code, nameEn: code, prefix: 'A', counters, waiting: 0, open: true, estWait: -1 })
const ticket = (status: string): CTicket => ({
  id: 1, code: 'A-0001', service: 'HT', serviceName: 'Hộ tịch', serviceNameEn: 'Civil status', line: 'HT', status, counter: '1',
  officer: 'Lan', priority: '', issuedAt: '', calledAt: '', startedAt: '', recalls: 0, transfers: 0, note: '',
})
const view = (cur: CTicket | null, paused = false, waiting = 1): CounterView => ({
  state: { counter: '1', officer: 'Lan', paused, reason: paused ? 'Họp' : '', since: '' },
  services: ['HT'], current: cur, parked: [], waiting: Array.from({ length: waiting }, () => ticket('waiting')),
  lines: [line('HT', ['1', '2']), line('CT', ['3'])],
})

describe('counter buttons', () => {
  it('calls when free, not while a ticket is called or served', () => {
    expect(buttons(view(null)).next.ok).toBe(true)
    expect(buttons(view(ticket('called'))).next).toEqual({ ok: false, why: S.cWhyBusy })
    expect(buttons(view(ticket('serving'))).callOne.ok).toBe(false)
  })
  it('says why when paused, with the reason, and when nobody waits', () => {
    const b = buttons(view(null, true))
    expect(b.next.ok).toBe(false)
    expect(b.next.why?.vi).toContain('Họp')
    expect(buttons(view(null, false, 0)).next.why).toEqual(S.cWhyNobody)
  })
  it('no-show and recall only after a call; finish only when serving', () => {
    const called = buttons(view(ticket('called')))
    expect([called.noshow.ok, called.recall.ok, called.start.ok, called.finish.ok]).toEqual([true, true, true, false])
    const serving = buttons(view(ticket('serving')))
    expect([serving.noshow.ok, serving.recall.ok, serving.start.ok, serving.finish.ok]).toEqual([false, false, false, true])
    expect(buttons(view(null)).park.why).toEqual(S.cWhyNoTicket)
  })
  it('transfers to the other services', () => {
    expect(transferTargets([line('HT', []), line('CT', [])], 'HT').map((l) => l.code)).toEqual(['CT'])
    expect(buttons(view(ticket('serving'))).transfer.ok).toBe(true)
  })
})

describe('helpers', () => {
  it('joins a chip and free text', () => {
    expect(reasonText(S.cChipElderly, '')).toBe('Người cao tuổi')
    expect(reasonText(S.cChipElderly, ' 85 tuổi ')).toBe('Người cao tuổi — 85 tuổi')
    expect(reasonText(null, '  ')).toBe('')
  })
  it('edits a PIN', () => {
    expect(pinKey('12', '3')).toBe('123')
    expect(pinKey('123', 'back')).toBe('12')
    expect(pinKey('123', 'clear')).toBe('')
    expect(pinKey('1', 'x')).toBe('1')
  })
  it('lists counters in natural order', () => {
    expect(countersOf([line('A', ['10', '2']), line('B', ['1', '2'])])).toEqual(['1', '2', '10'])
  })
})
