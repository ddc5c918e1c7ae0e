// The kiosk's link to the centre server, live: Status().centre at first,
// then every 'centre:link' event Go emits when the link changes. In local
// mode (no [centre] in the config) the link is always up.
import { writable, derived, type Readable } from 'svelte/store'
import { api, on, hasBackend } from './api'
import type { CentreLink } from './types'

const link = writable<CentreLink>({ mode: 'local', up: true, since: '' })
let watching = false

/** paused is true while numbers and payments cannot be taken (centre down). */
export const paused: Readable<boolean> = derived(link, (l) => isPaused(l))
export const centreLink: Readable<CentreLink> = { subscribe: link.subscribe }

export function isPaused(l: CentreLink): boolean {
  return l.mode === 'centre' && !l.up
}

/** watchCentre starts following the link once (screens call it on mount). */
export function watchCentre(): void {
  if (watching || !hasBackend()) return
  watching = true
  on<CentreLink>('centre:link', (l) => link.set(l))
  api.Status().then((s) => { if (s?.centre) link.set(s.centre) }).catch(() => {})
}
