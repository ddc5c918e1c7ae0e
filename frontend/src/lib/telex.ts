// Telex composition for the on-screen keyboard: the citizen taps plain
// letters ("lys lichj") and sees Vietnamese ("lý lịch"). We keep the raw
// keys and compose word by word, so Backspace simply removes the last key.

const TONES: Record<string, number> = { s: 1, f: 2, r: 3, x: 4, j: 5 }
// Each base vowel with its five tones: sắc, huyền, hỏi, ngã, nặng.
const TONED: Record<string, string> = {
  a: 'aáàảãạ', ă: 'ăắằẳẵặ', â: 'âấầẩẫậ', e: 'eéèẻẽẹ', ê: 'êếềểễệ', i: 'iíìỉĩị',
  o: 'oóòỏõọ', ô: 'ôốồổỗộ', ơ: 'ơớờởỡợ', u: 'uúùủũụ', ư: 'ưứừửữự', y: 'yýỳỷỹỵ',
}
const VOWELS = new Set(Object.keys(TONED))

function isVowel(c: string) {
  return VOWELS.has(c.toLowerCase())
}

function matchCase(src: string, out: string) {
  return src === src.toUpperCase() && src !== src.toLowerCase() ? out.toUpperCase() : out
}

/** placeTone puts tone t (1..5, 0 = none) on the right vowel of a toneless word. */
export function placeTone(word: string, tone: number): string {
  if (tone === 0) return word
  const chars = [...word]
  const lower = chars.map((c) => c.toLowerCase())
  // Vowel cluster, skipping the consonant-like u of "qu" and i of "gi".
  let start = lower.findIndex(isVowel)
  if (start < 0) return word
  if (start > 0 && ((lower[start - 1] === 'q' && lower[start] === 'u') || (lower[start - 1] === 'g' && lower[start] === 'i' && start + 1 < lower.length && isVowel(lower[start + 1])))) start++
  let end = start
  while (end < lower.length && isVowel(lower[end])) end++
  const cluster = lower.slice(start, end)
  const hasEnding = end < lower.length
  let pos: number
  const special = cluster.findIndex((c) => 'ăâêôơư'.includes(c))
  if (cluster.length === 1) pos = 0
  else if (cluster.includes('ơ')) pos = cluster.indexOf('ơ')
  else if (special >= 0) pos = special
  else if (cluster.length === 3) pos = 1
  else if (hasEnding) pos = 1
  else {
    const pair = cluster.join('')
    pos = ['oa', 'oe', 'uy', 'ue'].includes(pair) ? 1 : 0
  }
  const i = start + pos
  const base = lower[i]
  chars[i] = matchCase(chars[i], TONED[base][tone])
  return chars.join('')
}

/** composeWord turns the raw Telex keys of one word into Vietnamese. */
export function composeWord(raw: string): string {
  let out: string[] = []
  let tone = 0
  for (const ch of raw) {
    const c = ch.toLowerCase()
    const last = out.length ? out[out.length - 1].toLowerCase() : ''
    const hasVowel = out.some(isVowel)
    if (c in TONES && hasVowel) {
      if (tone === TONES[c]) {
        tone = 0 // "ss" cancels the tone and types the letter
        out.push(ch)
      } else tone = TONES[c]
      continue
    }
    if (c === 'z' && hasVowel && tone) { tone = 0; continue }
    if (c === 'd' && last === 'd' && out.length === 1) { out[0] = matchCase(out[0], 'đ'); continue }
    if (['a', 'e', 'o'].includes(c) && last === c) { out[out.length - 1] = matchCase(out[out.length - 1], { a: 'â', e: 'ê', o: 'ô' }[c]!); continue }
    if (c === 'w') {
      // uo + w → ươ; a → ă; o → ơ; u → ư; a lone w → ư.
      const i = out.length - 1
      const prev2 = out.slice(-2).join('').toLowerCase()
      if (prev2 === 'uo') { out[i - 1] = matchCase(out[i - 1], 'ư'); out[i] = matchCase(out[i], 'ơ'); continue }
      const map: Record<string, string> = { a: 'ă', o: 'ơ', u: 'ư' }
      // Find the last vowel that takes a horn or breve (e.g. "thuongw").
      let j = i
      while (j >= 0 && !map[out[j].toLowerCase()]) j--
      if (j >= 0 && isVowel(out[j])) {
        if (out[j].toLowerCase() === 'o' && j > 0 && out[j - 1].toLowerCase() === 'u') out[j - 1] = matchCase(out[j - 1], 'ư')
        out[j] = matchCase(out[j], map[out[j].toLowerCase()])
        continue
      }
      if (!hasVowel) { out.push(matchCase(ch, 'ư')); continue }
    }
    out.push(ch)
  }
  return placeTone(out.join(''), tone)
}

/** compose applies Telex to every word of a raw key string, keeping spaces. */
export function compose(raw: string): string {
  return raw.split(/(\s+)/).map((w) => (/\s/.test(w) || w === '' ? w : /[0-9.]/.test(w) ? w : composeWord(w))).join('')
}
