/**
 * Range lists for IP flags: the bundled MISP warninglists snapshot (data/ip-ranges/,
 * see its manifest for provenance) plus any user-supplied lists, such as a Tor exit
 * list. A list file is plain text: one address or CIDR block per line, `#` starts a
 * comment.
 * @module
 */
import { join } from 'node:path'
import { IP_FLAGS, VigilError, type IpFlag, type IpRangeList } from '@vigil/core'
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

export function loadBundledRangeLists(): IpRangeList[] {
  const manifestPath = join(RANGE_DIR, 'manifest.json')
  let manifest: Manifest
  try {
    manifest = JSON.parse(readDataFile(manifestPath)) as Manifest
  } catch (e) {
    if (e instanceof VigilError) throw e
    throw new VigilError('VIGIL_ERR_DATA_INVALID', `${manifestPath}: ${(e as Error).message}`, { cause: e })
  }
  return manifest.lists.map((l) => ({
    name: l.name,
    flag: checkFlag(l.flag, manifestPath),
    cidrs: parseRangeListText(readDataFile(join(RANGE_DIR, l.file))),
  }))
}

export function loadExtraRangeLists(extra: readonly ExtraRangeList[]): IpRangeList[] {
  return extra.map((l) => ({ name: l.name, flag: checkFlag(l.flag, l.file), cidrs: parseRangeListText(readDataFile(l.file)) }))
}

function checkFlag(flag: string, source: string): IpFlag {
  if (!(IP_FLAGS as readonly string[]).includes(flag)) {
    throw new VigilError('VIGIL_ERR_DATA_INVALID', `${source}: unknown IP flag ${JSON.stringify(flag)} (one of ${IP_FLAGS.join(', ')})`)
  }
  return flag as IpFlag
}
