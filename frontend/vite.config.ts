import { defineConfig } from 'vite'
import { svelte } from '@sveltejs/vite-plugin-svelte'

export default defineConfig({
  plugins: [svelte()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2020', chunkSizeWarningLimit: 2000 },
  test: { include: ['src/**/*.test.ts', 'centre/**/*.test.ts'], environment: 'node' },
})
