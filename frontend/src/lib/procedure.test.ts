import { describe, it, expect } from 'vitest'
import { normalize } from './procedure'

describe('normalize', () => {
  it('fills omitted lists', () => {
    const p = normalize({ code: '1.001193', name: 'Đăng ký khai sinh', cases: [{ name: 'a' } as never] })
    expect(p.steps).toEqual([])
    expect(p.methods).toEqual([])
    expect(p.cases[0].documents).toEqual([])
    expect(p.service ?? null).toBeNull() // Go sends null, the generated type says optional
  })
})
