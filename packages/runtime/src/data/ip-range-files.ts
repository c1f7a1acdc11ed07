/**
 * Range lists for IP flags: the bundled MISP warninglists snapshot (data/ip-ranges/,
 * see its manifest for provenance) plus any user-supplied lists, such as a Tor exit
 * list. A list file is plain text: one address or CIDR block per line, `#` starts a
 * comment.
 * @module
 */
import { statSync } from 'node:fs'
import { join } from 'node:path'
import type { IpRangeList } from '@vigil/core/enrich'
import { VigilError } from '@vigil/core/errors'
import { IP_FLAGS, type IpFlag } from '@vigil/core/events'
import { BUNDLED_DATA_DIR, readDataFile } from './package-files.ts'

export interface ExtraRangeList {
  readonly name: string
  readonly flag: IpFlag
  readonly file: string
}

interface Manifest {
  commit: string
  date: string
  lists: { name: string; flag: string; file: string }[]
}

/** Lines longer than this are not an address; skipping them bounds the work per line. */
const MAX_LINE = 128

export function parseRangeListText(text: string): string[] {
  const entries: string[] = []
  for (const raw of text.split('\n')) {
    const hash = raw.indexOf('#')
    const line = (hash >= 0 ? raw.slice(0, hash) : raw).trim()
    if (line !== '' && line.length <= MAX_LINE) entries.push(line)
  }
  return entries
}

const RANGE_DIR = join(BUNDLED_DATA_DIR, 'ip-ranges')

/** The lists to compile, and a key that changes whenever any of their files does. */
export interface RangeSources {
  readonly key: string
  load(): IpRangeList[]
}

/**
 * Describes the bundled lists plus `extra` without reading the list files: the key is
 * built from the manifest and each file's size and modification time, so a cached
 * index is used without reading some 2 MB of lists at every start.
 */
export function describeRangeSources(extra: readonly ExtraRangeList[] = []): RangeSources {
  const manifestPath = join(RANGE_DIR, 'manifest.json')
  const manifestText = readDataFile(manifestPath)
  let manifest: Manifest
  try {
    manifest = JSON.parse(manifestText) as Manifest
  } catch (e) {
    throw new VigilError('VIGIL_ERR_DATA_INVALID', `${manifestPath}: ${(e as Error).message}`, { cause: e })
  }
  const files = [
    ...manifest.lists.map((l) => ({ name: l.name, flag: checkFlag(l.flag, manifestPath), file: join(RANGE_DIR, l.file) })),
    ...extra.map((l) => ({ name: l.name, flag: checkFlag(l.flag, l.file), file: l.file })),
  ]
  const stamps = files.map(({ name, flag, file }) => `${name}\0${flag}\0${file}\0${fileStamp(file)}`)
  return {
    key: [manifestText, ...stamps].join('\n'),
    load: () => files.map(({ name, flag, file }) => ({ name, flag, cidrs: parseRangeListText(readDataFile(file)) })),
  }
}

export function loadBundledRangeLists(): IpRangeList[] {
  return describeRangeSources().load()
}

function fileStamp(file: string): string {
  try {
    const st = statSync(file)
    return `${st.size}:${st.mtimeMs}`
  } catch (e) {
    throw new VigilError('VIGIL_ERR_DATA_MISSING', `cannot read range list ${file}: ${(e as Error).message}`, { cause: e })
  }
}

function checkFlag(flag: string, source: string): IpFlag {
  if (!(IP_FLAGS as readonly string[]).includes(flag)) {
    throw new VigilError('VIGIL_ERR_DATA_INVALID', `${source}: unknown IP flag ${JSON.stringify(flag)} (one of ${IP_FLAGS.join(', ')})`)
  }
  return flag as IpFlag
}
