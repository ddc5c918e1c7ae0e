import { describe, expect, it } from 'vitest'
import { ago, ageSeconds, bundleList, counts, disk, diskLow, duration, printerWords, readerWords, skewOf, sortCards, stateOf, stateWords } from './cards'
import { S, fill } from '../lib/strings'
import type { KioskHealth, State } from './types'

const card = (kiosk: string, state: string): KioskHealth => ({ kiosk, state: state as State })

describe('fleet cards', () => {
  it('puts the most urgent first, then orders by name (numbers as numbers)', () => {
    const list = [card('k10', 'green'), card('k2', 'green'), card('b', 'amber'), card('z', 'offline'), card('a', 'red'), card('c', 'offline'), card('x', 'weird')]
    expect(sortCards(list).map((k) => k.kiosk)).toEqual(['a', 'c', 'x', 'z', 'b', 'k2', 'k10'])
    expect(list[0].kiosk).toBe('k10') // the input is left as it was
    expect(stateOf(card('x', 'weird'))).toBe('offline')
  })

  it('counts the kiosks in each state', () => {
    expect(counts([card('a', 'red'), card('b', 'red'), card('c', 'green'), card('d', 'nope')])).toEqual({ red: 2, offline: 1, amber: 0, green: 1 })
    expect(counts([])).toEqual({ red: 0, offline: 0, amber: 0, green: 0 })
  })

  it.each([
    ['green', 'Hoạt động tốt', 'OK'],
    ['amber', 'Cần ghé kiểm tra', 'Needs a visit'],
    ['red', 'Lỗi thiết bị', 'Device fault'],
    ['offline', 'Mất liên lạc', 'Offline'],
  ] as const)('says %s in words', (s, vi, en) => {
    expect(stateWords(s)).toEqual({ vi, en })
  })

  it.each([
    [0, '0 giây', '0 s'],
    [42.9, '42 giây', '42 s'],
    [60, '1 phút', '1 min'],
    [3599, '59 phút', '59 min'],
    [3600, '1 giờ', '1 h'],
    [3 * 3600 + 12 * 60 + 5, '3 giờ 12 phút', '3 h 12 min'],
    [2 * 86400 + 3 * 3600, '2 ngày 3 giờ', '2 d 3 h'],
    [86400 + 59, '1 ngày', '1 d'],
    [-5, '0 giây', '0 s'],
  ])('reads %s s as %s', (s, vi, en) => {
    expect(duration(s)).toEqual({ vi, en })
  })

  it('counts the last beat from the centre\'s clock', () => {
    const at = '2026-03-03T02:00:00Z'
    const t = Date.parse(at)
    expect(ageSeconds(at, t + 12_400)).toBe(12)
    expect(ageSeconds(at, t - 3000)).toBe(0) // a beat "from the future": a clock jump, not a negative age
    expect(ageSeconds(undefined, t)).toBeNull()
    expect(ageSeconds('garbage', t)).toBeNull()
    expect(ago(at, t + 12_400)).toEqual({ vi: '12 giây trước', en: '12 s ago' })
    expect(ago(at, t + 125_000)).toEqual({ vi: '2 phút trước', en: '2 min ago' })
    expect(ago(undefined, t)).toEqual(S.fleetNever)
  })

  it.each([
    ['ok', 'bình thường', 'ok'],
    ['paper_near_end', 'sắp hết giấy', 'warn'],
    ['paper_out', 'hết giấy', 'bad'],
    ['cover_open', 'nắp đang mở', 'bad'],
    ['offline', 'mất kết nối (rút dây hoặc không trả lời)', 'bad'],
    ['none', 'không dùng', 'off'],
    ['something new', 'mất kết nối (rút dây hoặc không trả lời)', 'bad'],
  ])('reads printer %s', (p, vi, sev) => {
    const w = printerWords(p)
    expect(w.words.vi).toBe(vi)
    expect(w.words.en).not.toBe('')
    expect(w.sev).toBe(sev)
  })

  it.each([
    ['ok', 'working', 'ok'],
    ['fault', 'fault (port gone or not answering)', 'bad'],
    ['none', 'not used', 'off'],
    ['', 'fault (port gone or not answering)', 'bad'],
  ])('reads reader %s', (r, en, sev) => {
    expect(readerWords(r).words.en).toBe(en)
    expect(readerWords(r).sev).toBe(sev)
  })

  it('reads free disk in GB or MB, low below 512 MiB', () => {
    expect(disk(12.34 * 1024 ** 3)).toEqual({ vi: '12,3 GB', en: '12.3 GB' })
    expect(disk(300 * 1024 ** 2)).toEqual({ vi: '300 MB', en: '300 MB' })
    expect(disk(0)).toEqual(S.fleetUnknown)
    expect(diskLow(300 * 1024 ** 2)).toBe(true)
    expect(diskLow(2 * 1024 ** 3)).toBe(false)
    expect(diskLow(0)).toBe(false) // not reported is not low
  })

  it('lists bundles by kind', () => {
    expect(bundleList({ guides: '7', catalog: '2026.11' })).toBe('catalog 2026.11 · guides 7')
    expect(bundleList(undefined)).toBe('')
    expect(bundleList({ x: '' })).toBe('x —')
  })

  it('fills holes and leaves unknown ones', () => {
    expect(fill({ vi: '{n} và {m}', en: '{n} and {m}' }, { n: 3 })).toEqual({ vi: '3 và {m}', en: '3 and {m}' })
  })

  it('reads the centre\'s clock from the Date header', () => {
    const t = Date.parse('Tue, 03 Mar 2026 02:00:00 GMT')
    expect(skewOf('Tue, 03 Mar 2026 02:00:00 GMT', t - 10_000)).toBe(10_500)
    expect(skewOf(null, t)).toBe(0)
    expect(skewOf('nonsense', t)).toBe(0)
  })
})
