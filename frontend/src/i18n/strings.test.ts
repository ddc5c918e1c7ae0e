import { describe, it, expect } from 'vitest'
import { vi, en } from './strings'
import { translate } from './index'

describe('strings', () => {
  it('English has exactly the Vietnamese keys, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort())
    for (const [k, v] of Object.entries({ ...vi, ...en })) expect(v.trim(), k).not.toBe('')
  })
  it('substitutes variables', () => {
    expect(translate('vi', 'idle.title')).toBe('Bạn còn ở đây không?')
    expect(translate('en', 'idle.stay')).toBe("I'm still here")
  })
})
