import { describe, expect, it } from 'vitest'
import { day, fileName, lastDays, reportURL, rowsOf, starsText } from './period'
import { estimateWords, minutes } from '../lib/strings'
import type { Report, Row } from './types'

describe('reports page helpers', () => {
  it('counts periods back from the centre\'s day, not the browser\'s clock', () => {
    expect(day(new Date(2026, 2, 3, 9, 0))).toBe('2026-03-03')
    expect(lastDays(1, '2026-03-03')).toEqual({ from: '2026-03-03', to: '2026-03-03' })
    expect(lastDays(7, '2026-03-03')).toEqual({ from: '2026-02-25', to: '2026-03-03' })
    expect(lastDays(30, '2026-03-03').from).toBe('2026-02-02')
    expect(lastDays(7, '2026-01-02').from).toBe('2025-12-27')
  })
  it('builds the route and the file name', () => {
    expect(reportURL('2026-03-01', '2026-03-03', 'csv')).toBe('/api/v1/reports?from=2026-03-01&to=2026-03-03&format=csv')
    expect(reportURL('', '', 'json')).toBe('/api/v1/reports?format=json')
    expect(fileName('attachment; filename="bao-cao-a_b.csv"', 'x', 'y', 'csv')).toBe('bao-cao-a_b.csv')
    expect(fileName(null, '2026-03-01', '2026-03-03', 'xlsx')).toBe('bao-cao-2026-03-01_2026-03-03.xlsx')
  })
  it('says minutes, stars and the estimate error in words', () => {
    expect(minutes(-1)).toBe('—')
    expect(minutes(90)).toBe('1,5')
    expect(minutes(1500)).toBe('25')
    const r = { ratings: 2, stars: 3.5 } as Row
    expect(starsText(r)).toBe('3,5')
    expect(starsText({ ratings: 0, stars: 0 } as Row)).toBe('—')
    expect(estimateWords(0, -1, 0).vi).toMatch(/Chưa có/)
    expect(estimateWords(12, 240, 120).vi).toMatch(/12 vé.*4,0 phút.*dài hơn thực tế 2,0 phút/)
    expect(estimateWords(12, 240, -120).en).toMatch(/shorter/)
    expect(estimateWords(12, 240, 10).en).toMatch(/no lean/)
    const rep = { rows: [{ group: 'officer', key: 'A' }, { group: 'day', key: 'd' }] } as Report
    expect(rowsOf(rep, 'officer').map((x) => x.key)).toEqual(['A'])
  })
})
