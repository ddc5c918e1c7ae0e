// The centre's browser pages (frontend/centre/<page>/index.html), served and
// embedded by the centre server: `npm run build:centre` (make centre-pages)
// writes them into kiosk/centre/web/dist/.
import { defineConfig, type Plugin } from 'vite'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url))
const outDir = here('../kiosk/centre/web/dist')
const pages = ['counter', 'display', 'rating', 'reports', 'fleet']

// The committed placeholder that lets `go build` embed dist/ on a fresh
// clone; emptyOutDir removes it, this puts it back.
const keep: Plugin = { name: 'keep-placeholder', closeBundle() { writeFileSync(outDir + '/.keep', '') } }

export default defineConfig({
  root: here('centre'),
  base: '/',
  publicDir: false,
  plugins: [svelte(), keep],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2020',
    rollupOptions: { input: Object.fromEntries(pages.map((p) => [p, here(`centre/${p}/index.html`)])) },
  },
})
