/**
 * The web UI is built by Vite into apps/web/dist. `vigil serve` builds it when dist is
 * missing or older than the sources, so a fresh checkout needs no manual step.
 * @module
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const WEB_APP_DIR = fileURLToPath(new URL('../../../apps/web/', import.meta.url))

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

/** Returns the dist directory, building it first when needed. */
export async function ensureWebBuilt(appDir: string = WEB_APP_DIR): Promise<string> {
  const dist = join(appDir, 'dist')
  if (isStale(appDir, join(dist, 'index.html'))) {
    const { build } = await import('vite')
    await build({ root: appDir, configFile: join(appDir, 'vite.config.ts'), logLevel: 'warn' })
  }
  return dist
}
