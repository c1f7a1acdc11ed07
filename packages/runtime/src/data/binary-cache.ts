/**
 * A cache file of 32-bit word columns plus a JSON payload, for tables that are slow to
 * build from their sources but cheap to map back from disk (the ASN table, the compiled
 * IP range index). Written atomically (temp file, then rename) so concurrent starts
 * never read half a file; anything that does not look exactly right reads as a miss.
 * @module
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { basename, dirname, isAbsolute, join } from 'node:path'

const MAGIC = 0x56474331 // "VGC1": bump when the layout changes.
const BYTE_ORDER_MARK = 0x01020304

export interface CachedTables {
  readonly columns: Uint32Array[]
  readonly json: unknown
}

export interface CacheLoadResult<T> {
  readonly value: T
  readonly from: 'cache' | 'source'
  /** Why the cache could not be written, when it could not (the value is still good). */
  readonly cacheError: string | null
}

/**
 * A per-user directory ($XDG_CACHE_HOME/vigil or ~/.cache/vigil): a shared one such as
 * /tmp/vigil-cache would let another local user plant a doctored table.
 */
export function defaultCacheDir(): string {
  const xdg = process.env['XDG_CACHE_HOME']
  if (xdg !== undefined && isAbsolute(xdg)) return join(xdg, 'vigil')
  const home = homedir()
  return home !== '' ? join(home, '.cache', 'vigil') : join(tmpdir(), `vigil-cache-${process.getuid?.() ?? 'user'}`)
}

/** Cache files kept per family (the part of the name up to the first `-`). */
const KEEP_PER_FAMILY = 4

/**
 * Writes the cache and drops the oldest files of the same family beyond a few, so that
 * changing lists or package versions do not pile up files. Returns why it could not
 * write, or null; callers carry on either way.
 */
export function writeCache(file: string, tables: CachedTables): string | null {
  const json = Buffer.from(JSON.stringify(tables.json), 'utf8')
  const header = Uint32Array.of(MAGIC, BYTE_ORDER_MARK, tables.columns.length, ...tables.columns.map((c) => c.length), json.length)
  const parts = [header, ...tables.columns].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))
  const tmp = `${file}.${process.pid}.tmp`
  try {
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(tmp, Buffer.concat([...parts, json]))
    renameSync(tmp, file)
  } catch (e) {
    rmSync(tmp, { force: true })
    return `cannot write cache ${file}: ${(e as Error).message}`
  }
  return pruneFamily(file)
}

function pruneFamily(file: string): string | null {
  const dir = dirname(file)
  const name = basename(file)
  const family = name.slice(0, name.indexOf('-') + 1)
  if (family === '') return null
  try {
    const siblings = readdirSync(dir)
      .filter((f) => f.startsWith(family) && f.endsWith('.bin') && f !== name)
      .map((f) => ({ path: join(dir, f), mtime: statSync(join(dir, f)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime)
    for (const old of siblings.slice(KEEP_PER_FAMILY - 1)) rmSync(old.path, { force: true })
    return null
  } catch (e) {
    return `cannot prune old cache files in ${dir}: ${(e as Error).message}`
  }
}

/** The cached tables, or null when the file is absent, foreign, truncated or corrupt. */
export function readCache(file: string): CachedTables | null {
  let buf: Buffer
  try {
    buf = readFileSync(file)
  } catch {
    // Absent or unreadable: a miss, and the caller rebuilds from the sources.
    return null
  }
  // Typed-array views need 4-byte alignment; a copy is the rare fallback.
  const bytes = buf.byteOffset % 4 === 0 ? buf : Buffer.from(buf)
  const wordCount = Math.floor(bytes.byteLength / 4)
  const words = (offset: number, n: number) => new Uint32Array(bytes.buffer, bytes.byteOffset + offset * 4, n)
  if (wordCount < 4) return null
  const [magic, order, ncols] = words(0, 3)
  if (magic !== MAGIC || order !== BYTE_ORDER_MARK || ncols! > 64 || 3 + ncols! + 1 > wordCount) return null
  const lengths = [...words(3, ncols!)]
  const jsonBytes = words(3 + ncols!, 1)[0]!
  let offset = 4 + ncols!
  const dataWords = lengths.reduce((a, b) => a + b, 0)
  if (bytes.byteLength !== (offset + dataWords) * 4 + jsonBytes) return null
  const columns = lengths.map((n) => {
    const col = words(offset, n)
    offset += n
    return col
  })
  try {
    return { columns, json: JSON.parse(bytes.toString('utf8', offset * 4)) as unknown }
  } catch {
    // Corrupt payload: treat as a miss so the caller rebuilds and overwrites it.
    return null
  }
}
