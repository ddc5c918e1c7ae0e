import { describe, it, expect } from 'vitest'
import { apply, bannerText, dismiss, KindCleared, KindNearEnd, KindOut, noAlerts, replace, severity, visible, type Alerts, type PaperAlert } from './alerts'

const al = (kiosk: string, kind: string): PaperAlert => ({ kiosk, kind, vi: `Máy ${kiosk}`, en: `Kiosk ${kiosk}` })
const shown = (s: Alerts) => visible(s).map((a) => `${a.kiosk}:${a.kind}`)
const fold = (...as: PaperAlert[]) => as.reduce(apply, noAlerts())

describe('paper alerts', () => {
  it('orders the kinds', () => {
    expect(severity(KindOut)).toBeGreaterThan(severity(KindNearEnd))
    expect(severity(KindNearEnd)).toBeGreaterThan(severity(KindCleared))
    expect(severity('cover_open')).toBe(0)
  })

  const cases: { name: string; events: PaperAlert[]; want: string[] }[] = [
    { name: 'nothing', events: [], want: [] },
    { name: 'near end', events: [al('A', KindNearEnd)], want: ['A:paper_near_end'] },
    { name: 'near end then out: one banner, red', events: [al('A', KindNearEnd), al('A', KindOut)], want: ['A:paper_out'] },
    { name: 'two kiosks, out first', events: [al('A', KindNearEnd), al('B', KindOut)], want: ['B:paper_out', 'A:paper_near_end'] },
    { name: 'same kind, by name', events: [al('B', KindOut), al('A', KindOut)], want: ['A:paper_out', 'B:paper_out'] },
    { name: 'cleared removes the kiosk', events: [al('A', KindOut), al('B', KindOut), al('A', KindCleared)], want: ['B:paper_out'] },
    { name: 'cleared of an unknown kiosk', events: [al('A', KindCleared)], want: [] },
    { name: 'out then near end', events: [al('A', KindOut), al('A', KindNearEnd)], want: ['A:paper_near_end'] },
    { name: 'an unknown kind is no banner', events: [al('A', KindOut), al('A', 'cover_open')], want: [] },
  ]
  for (const c of cases) {
    it(c.name, () => expect(shown(fold(...c.events))).toEqual(c.want))
  }

  it('ignores what is not an alert', () => {
    const s = fold(al('A', KindOut))
    for (const bad of [null, 'x', 3, {}, { kiosk: '', kind: KindOut }, { kiosk: 'B' }]) expect(apply(s, bad)).toBe(s)
  })

  it('hides a dismissed banner until the alert gets worse', () => {
    let s = fold(al('A', KindNearEnd), al('B', KindOut))
    s = dismiss(s, 'A')
    expect(shown(s)).toEqual(['B:paper_out'])
    s = apply(s, al('A', KindNearEnd)) // the same again (a replay): still hidden
    expect(shown(s)).toEqual(['B:paper_out'])
    s = apply(s, al('A', KindOut)) // worse: shown again
    expect(shown(s)).toEqual(['A:paper_out', 'B:paper_out'])
    s = dismiss(s, 'B')
    s = apply(s, al('B', KindNearEnd)) // better: stays hidden
    expect(shown(s)).toEqual(['A:paper_out'])
    s = apply(s, al('B', KindOut)) // worse than near end: shown
    expect(shown(s)).toEqual(['A:paper_out', 'B:paper_out'])
  })

  it('forgets a dismissal when the paper is replaced', () => {
    let s = dismiss(fold(al('A', KindNearEnd)), 'A')
    s = apply(s, al('A', KindCleared))
    expect(s.dismissed).toEqual({})
    s = apply(s, al('A', KindNearEnd)) // the next roll runs low: a new banner
    expect(shown(s)).toEqual(['A:paper_near_end'])
  })

  it('dismissing a kiosk without an alert changes nothing', () => {
    const s = fold(al('A', KindOut))
    expect(dismiss(s, 'Z')).toBe(s)
  })

  it('replaces the state with the list in force, keeping dismissals', () => {
    let s = dismiss(fold(al('A', KindNearEnd), al('B', KindOut), al('C', KindOut)), 'A')
    s = dismiss(s, 'C')
    // While the page was disconnected: B was refilled, A ran out, D ran low; C unchanged.
    s = replace(s, [al('A', KindOut), al('C', KindOut), al('D', KindNearEnd)])
    expect(shown(s)).toEqual(['A:paper_out', 'D:paper_near_end'])
    expect(Object.keys(s.byKiosk).sort()).toEqual(['A', 'C', 'D'])
    expect(s.dismissed).toEqual({ C: KindOut })
    expect(shown(replace(s, []))).toEqual([])
    expect(shown(replace(s, null))).toEqual([])
  })
})

describe('banner text', () => {
  it('names the kiosk in both languages', () => {
    expect(bannerText(al('Tầng 1', KindOut))).toEqual({ vi: 'Ki-ốt Tầng 1: máy in hết giấy', en: 'Kiosk Tầng 1: printer out of paper' })
    expect(bannerText(al('Tầng 1', KindNearEnd))).toEqual({ vi: 'Ki-ốt Tầng 1: máy in sắp hết giấy', en: 'Kiosk Tầng 1: printer paper running low' })
  })
  it("falls back on the centre's words for a kind it does not know", () => {
    expect(bannerText(al('A', 'ribbon_low'))).toEqual({ vi: 'Máy A', en: 'Kiosk A' })
  })
})
