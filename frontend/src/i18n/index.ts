import { writable, derived, get } from 'svelte/store'
import { strings, type Key, type Lang } from './strings'

export type { Key, Lang }

export const lang = writable<Lang>('vi')
export const bigText = writable(false)

/** t translates a key in the current language (reactive as $t). */
export const t = derived(lang, ($lang) => (key: Key, vars?: Record<string, string | number>) => translate($lang, key, vars))

export function translate(l: Lang, key: Key, vars?: Record<string, string | number>): string {
  let s: string = strings[l][key] ?? strings.vi[key] ?? key
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v))
  return s
}

export function currentLang(): Lang {
  return get(lang)
}
