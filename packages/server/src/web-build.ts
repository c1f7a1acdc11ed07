/**
 * The web UI is built by Vite into apps/web/dist. `vigil serve` builds it when dist is
 * missing or older than the sources, so a fresh checkout needs no manual step.
 *
 * Two processes may build at once (two consoles, parallel test files), so a build goes
 * to a private directory first; its hashed assets are moved in, then index.html is
 * renamed over the old one. A reader always sees an index.html whose assets exist.
 * @module
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const WEB_APP_DIR = fileURLToPath(new URL('../../../apps/web/', import.meta.url))

/** Assets no longer referenced are removed once this old, so a concurrent build keeps its own. */
const STALE_ASSET_MS = 10 * 60_000

function newestMtime(path: string): number {
  const st = statSync(path)
  if (!st.isDirectory()) return st.mtimeMs
  let newest = st.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

function isStale(appDir: string, distIndex: string): boolean {
  if (!existsSync(distIndex)) return true
  const built = statSync(distIndex).mtimeMs
  const sources = ['src', 'index.html', 'vite.config.ts', 'package.json']
    .map((p) => join(appDir, p))
    .filter((p) => existsSync(p))
  return sources.some((p) => newestMtime(p) > built)
}

function install(tmp: string, dist: string): void {
  const assets = join(dist, 'assets')
  mkdirSync(assets, { recursive: true })
  for (const f of readdirSync(join(tmp, 'assets'))) renameSync(join(tmp, 'assets', f), join(assets, f))
  for (const f of readdirSync(tmp)) {
    if (f !== 'assets' && f !== 'index.html') renameSync(join(tmp, f), join(dist, f))
  }
  renameSync(join(tmp, 'index.html'), join(dist, 'index.html'))
  const index = readFileSync(join(dist, 'index.html'), 'utf8')
  const now = Date.now()
  for (const f of readdirSync(assets)) {
    if (!index.includes(f) && now - statSync(join(assets, f)).mtimeMs > STALE_ASSET_MS) {
      rmSync(join(assets, f), { force: true })
    }
  }
}

/** Returns the dist directory, building it first when needed. */
export async function ensureWebBuilt(appDir: string = WEB_APP_DIR): Promise<string> {
  const dist = join(appDir, 'dist')
  if (!isStale(appDir, join(dist, 'index.html'))) return dist
  const tmp = join(appDir, `.dist-build-${process.pid}-${Date.now()}`)
  try {
    const { build } = await import('vite')
    await build({
      root: appDir,
      configFile: join(appDir, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: tmp, emptyOutDir: true },
    })
    install(tmp, dist)
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
  return dist
}
