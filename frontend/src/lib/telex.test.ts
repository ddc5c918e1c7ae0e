import { describe, it, expect } from 'vitest'
import { compose, composeWord } from './telex'

describe('telex', () => {
  const cases: [string, string][] = [
    ['lys lichj tuw phaps', 'lý lịch tư pháp'],
    ['khai sinh', 'khai sinh'],
    ['ddaats ddai', 'đất đai'],
    ['soor ddor', 'sổ đỏ'],
    ['chuwngs thuwcj', 'chứng thực'],
    ['hooj tichj', 'hộ tịch'],
    ['kinh doanh', 'kinh doanh'],
    ['thuongw binh', 'thương binh'],
    ['nguwowif', 'người'],
    ['hoaf', 'hoà'],
    ['quyeetj', 'quyệt'],
    ['giaays', 'giấy'],
    ['cuw trus', 'cư trú'], ['truss', 'trus'],
    ['caanf', 'cần'],
    ['CCCD', 'CCCD'],
    ['1.001193', '1.001193'],
    ['Vieetj Nam', 'Việt Nam'],
    ['muaf', 'mùa'],
    ['thuys', 'thuý'],
    ['keets hoon', 'kết hôn'],
  ]
  for (const [raw, want] of cases) it(`${raw} → ${want}`, () => expect(compose(raw)).toBe(want))
  it('z removes a tone', () => expect(composeWord('asz')).toBe('a'))
})
