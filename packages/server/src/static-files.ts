/**
 * The built web UI, read into memory at start: the handful of files Vite emits are
 * served from a map keyed by URL path, so no request path ever reaches the file system.
 * @module
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { extname, join, relative, sep } from 'node:path'

const TYPES: Readonly<Record<string, string>> = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
})
/** The UI is a few hundred KB; anything far larger in dist/ is not ours to serve. */
const MAX_FILE_BYTES = 20 * 1024 * 1024

export interface StaticFile {
  body: Buffer
  type: string
  /** Vite's hashed assets never change under the same name. */
  immutable: boolean
}

export function loadStaticFiles(root: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>()
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name)
      if (entry.isDirectory()) {
        walk(full)
        continue
      }
      const type = TYPES[extname(entry.name)]
      if (!entry.isFile() || type === undefined || statSync(full).size > MAX_FILE_BYTES) continue
      const urlPath = `/${relative(root, full).split(sep).join('/')}`
      files.set(urlPath, { body: readFileSync(full), type, immutable: urlPath.startsWith('/assets/') })
    }
  }
  walk(root)
  return files
}
