import { describe, it, expect } from 'vitest'
import { cases, needsCaseStep, missing, hoursOf, compareMethods } from './guide'
import type { ProcedureView } from './types'

const base: ProcedureView = {
  code: '1.001193', name: 'Đăng ký khai sinh', field: 'Hộ tịch', level: 'xã', agency: 'UBND cấp xã', subjects: [], steps: [],
  methods: [], cases: [], result: '', conditions: [], legalBasis: [], forms: [], onlineLevel: '', validity: '', replacedBy: '',
  source: '', sourceUrl: '', updated: '', unverified: [], feeAmount: 0, portalUrl: '', service: undefined,
}

describe('guide', () => {
  it('a procedure without cases falls back to one case, never a blank step', () => {
    const p = { ...base, methods: [{ method: 'Trực tiếp', time: 'Trong ngày', fee: 'Miễn phí', feeAmount: 0 }] }
    expect(cases(p)).toHaveLength(1)
    expect(cases(p)[0].time).toBe('Trong ngày')
    expect(needsCaseStep(p)).toBe(false)
  })
  it('asks the case question only when there is a choice', () => {
    const c = { name: 'a', time: '', fee: '', documents: [] }
    expect(needsCaseStep({ ...base, cases: [c, { ...c, name: 'b' }] })).toBe(true)
  })
  it('missing papers keep checklist order', () => {
    const d = (name: string) => ({ name, originals: 1, copies: 0, form: '', formUrl: '', obtain: '', notes: '' })
    expect(missing([d('a'), d('b'), d('c')], new Set([1])).map((x) => x.name)).toEqual(['a', 'c'])
  })
  it('reads processing times', () => {
    expect(hoursOf('03 ngày làm việc')).toBe(24)
    expect(hoursOf('Trong ngày')).toBe(4)
    expect(hoursOf('05 giờ làm việc')).toBe(5)
    expect(hoursOf('Không quy định')).toBe(Infinity)
  })
  it('highlights the cheaper and the faster method', () => {
    const r = compareMethods([
      { method: 'Trực tiếp', time: '03 ngày làm việc', fee: '200.000 đ', feeAmount: 200000 },
      { method: 'Trực tuyến', time: '03 ngày làm việc', fee: '100.000 đ', feeAmount: 100000 },
      { method: 'Bưu chính', time: '05 ngày làm việc', fee: '200.000 đ', feeAmount: 200000 },
    ])
    expect(r.map((m) => m.cheapest)).toEqual([false, true, false])
    expect(r.map((m) => m.fastest)).toEqual([true, true, false])
  })
  it('marks nothing when all methods are equal', () => {
    const m = { method: 'Trực tiếp', time: '1 ngày', fee: '0', feeAmount: 0 }
    expect(compareMethods([m, { ...m, method: 'Trực tuyến' }]).some((x) => x.cheapest || x.fastest)).toBe(false)
  })
})
