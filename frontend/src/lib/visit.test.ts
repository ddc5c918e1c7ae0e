import { describe, it, expect } from 'vitest'
import { VISIT_REASONS, refOK } from './visit'
import { vi, en } from '../i18n/strings'

describe('visit rating', () => {
  it('every reason chip has a Vietnamese and an English label', () => {
    for (const r of VISIT_REASONS) {
      expect(vi[('visit.reason.' + r) as keyof typeof vi]).toBeTruthy()
      expect(en[('visit.reason.' + r) as keyof typeof en]).toBeTruthy()
    }
  })
  it('takes a typed code or a scanned QR, not a stray letter', () => {
    expect(refOK('b0012')).toBe(true)
    expect(refOK('HT-20261202-0012')).toBe(true)
    expect(refOK('b')).toBe(false)
    expect(refOK('  ')).toBe(false)
    expect(refOK('abc')).toBe(false)
  })
})
