import { defineConfig } from 'vite'

// The console is served under a strict CSP (script-src 'self'): no inline scripts, so
// no module-preload polyfill snippet and no inlined assets.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: false,
  },
})
