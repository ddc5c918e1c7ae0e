import { writable, get } from 'svelte/store'

// Screens the UI can show. Feature screens register here as they are built.
export type Screen = { name: string; params?: Record<string, unknown> }

export const screen = writable<Screen>({ name: 'home' })
const history: Screen[] = []

export function go(name: string, params?: Record<string, unknown>) {
  history.push(get(screen))
  screen.set({ name, params })
}

export function back() {
  screen.set(history.pop() ?? { name: 'home' })
}

export function home() {
  history.length = 0
  screen.set({ name: 'home' })
}
