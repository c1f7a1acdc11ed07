/**
 * Rebuilds the bundled IP range snapshot (packages/runtime/data/ip-ranges/) from MISP
 * warninglists (CC0): one text file of CIDR blocks per list plus manifest.json with the
 * flag each list maps to and the provenance of the snapshot.
 *
 *   npx tsx scripts/update-warninglists.ts <dir> --commit <sha> --date <YYYY-MM-DD>
 *
 * <dir> is either a misp-warninglists checkout (lists/<name>/list.json) or a flat copy
 * (<name>.json), as in the shared corpora.
 * @module
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { IpFlag } from '../packages/core/src/index.ts'
import { parseCidr } from '../packages/core/src/index.ts'

const LISTS: Record<string, IpFlag> = {
  'amazon-aws': 'cloud',
  'google-gcp': 'cloud',
  'microsoft-azure': 'cloud',
  'oracle-oci': 'cloud',
  'ovh-cluster': 'cloud',
  akamai: 'cdn',
  cloudflare: 'cdn',
  fastly: 'cdn',
  'vpn-ipv4': 'vpn',
  'vpn-ipv6': 'vpn',
  'icloud-private-relay': 'relay',
  zscaler: 'relay',
  googlebot: 'crawler',
  'openai-gptbot': 'crawler',
  'censys-scanning': 'scanner',
  'shodan-scanning': 'scanner',
  'shadowserver-nt-scanning': 'scanner',
  'tenable-cloud-ipv4': 'scanner',
  rfc1918: 'private',
  'public-dns-v4': 'public_dns',
}

/** Non-public ranges RFC 1918 leaves out (IANA special-purpose registries, RFC 6890). */
const SPECIAL_USE = [
  '0.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '::1/128',
  '::/128',
  'fc00::/7',
  'fe80::/10',
]

const OUT = new URL('../packages/runtime/data/ip-ranges/', import.meta.url)

interface WarningList {
  name: string
  version: number
  description: string
  type: string
  list: string[]
}

function readList(dir: string, name: string): WarningList {
  const nested = join(dir, 'lists', name, 'list.json')
  const file = existsSync(nested) ? nested : join(dir, `${name}.json`)
  const list = JSON.parse(readFileSync(file, 'utf8')) as WarningList
  if (list.type !== 'cidr') throw new Error(`${file}: type ${list.type}, expected cidr`)
  return list
}

function main(): void {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { commit: { type: 'string' }, date: { type: 'string' } },
  })
  const dir = positionals[0]
  if (dir === undefined || values.commit === undefined || values.date === undefined) {
    throw new Error('usage: update-warninglists.ts <dir> --commit <sha> --date <YYYY-MM-DD>')
  }
  rmSync(OUT, { recursive: true, force: true })
  mkdirSync(OUT, { recursive: true })
  const manifest = []
  for (const [name, flag] of Object.entries(LISTS)) {
    const list = readList(dir, name)
    const cidrs = list.list.map((c) => c.trim()).filter((c) => parseCidr(c) !== null)
    writeFileSync(new URL(`${name}.txt`, OUT), `${cidrs.join('\n')}\n`)
    manifest.push({
      name,
      flag,
      file: `${name}.txt`,
      entries: cidrs.length,
      version: list.version,
      description: list.name,
      source: `misp-warninglists lists/${name}/list.json`,
    })
  }
  writeFileSync(new URL('special-use.txt', OUT), `${SPECIAL_USE.join('\n')}\n`)
  manifest.push({
    name: 'special-use',
    flag: 'private',
    file: 'special-use.txt',
    entries: SPECIAL_USE.length,
    version: 1,
    description: 'Loopback, link-local, unique-local, unspecified and shared (CGNAT) address space',
    source: 'IANA IPv4/IPv6 special-purpose address registries (RFC 6890)',
  })
  const doc = {
    source: 'https://github.com/MISP/misp-warninglists',
    commit: values.commit,
    date: values.date,
    licence: 'CC0-1.0',
    generated_by: 'scripts/update-warninglists.ts',
    lists: manifest,
  }
  writeFileSync(new URL('manifest.json', OUT), `${JSON.stringify(doc, null, 2)}\n`)
}

main()
