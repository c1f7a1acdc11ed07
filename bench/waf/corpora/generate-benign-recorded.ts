/**
 * Requests that real browsers sent and recorded, turned into the request records the WAF reads: the
 * transcriptions in bench/waf/corpora/recorded/*.json of HAR files kept as test fixtures in public
 * repositories (bench/waf/corpora/README.md: which files, which parts, licences; benign-recorded-sources.json).
 * A transcription keeps each request's method, URL, headers and body as the HAR holds them, the headers every
 * request of the file sends once under `common` (a request's `null` marks a common header it did not send).
 * The Host header comes from the URL's authority, which is what an HTTP/1.1 `Host` and an HTTP/2 `:authority`
 * both carry; the URI is the recorded URL's path and query byte for byte, never re-encoded.
 * Run: npx tsx bench/waf/corpora/generate-benign-recorded.ts  (writes benign-recorded.ndjson)
 * @module
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { fnv1a } from './seeded-text.ts'

const DIR = new URL('./recorded/', import.meta.url)

interface Transcript {
  repo: string
  path: string
  commit: string
  recorder: string
  common: Record<string, string>
  entries: Array<[string, string, Record<string, string | null>, string?]>
}

const AUTHORITY = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)/i

/** What the browser fetched, as its Accept header and the path say: the dimension the bench tallies. */
function kindOf(method: string, accept: string, path: string): string {
  if (method !== 'GET') return 'beacon-post'
  if (accept.startsWith('text/html')) return 'document'
  if (accept.startsWith('text/css')) return 'stylesheet'
  if (accept.startsWith('image/')) return path.includes('?') ? 'pixel' : 'image'
  if (/\.woff2?$/.test(path)) return 'font'
  if (/\.js(\?|$)/.test(path)) return 'script'
  return path.includes('?') ? 'beacon' : 'other'
}

/** The last two labels of a host name: enough to tell the recorded site's own hosts from third parties here. */
const siteOf = (host: string): string => host.replace(/:\d+$/, '').replace(/\.$/, '').split('.').slice(-2).join('.')

const lines: string[] = []
for (const file of readdirSync(DIR).filter((f) => f.endsWith('.json')).sort()) {
  const t = JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as Transcript
  const page = siteOf(AUTHORITY.exec(t.entries[0]![1])![2]!)
  for (const [method, url, own, body] of t.entries) {
    const m = AUTHORITY.exec(url)
    if (m === null) throw new Error(`${file}: not an absolute URL: ${url}`)
    const host = m[2]!
    const uri = url.slice(m[0].length) || '/'
    const headers: Record<string, string> = { host }
    for (const [name, value] of Object.entries({ ...t.common, ...own })) {
      if (value === null) delete headers[name.toLowerCase()]
      else headers[name.toLowerCase()] = value
    }
    lines.push(
      JSON.stringify({
        id: `recorded-${String(lines.length + 1).padStart(4, '0')}`,
        kind: kindOf(method, headers.accept ?? '', uri),
        source: `${t.repo} ${t.path}`,
        site: page,
        party: siteOf(host) === page ? 'first' : 'third',
        // The hold-out is a set of hosts: a rule fitted to one tracker's URLs cannot reach it.
        holdout: fnv1a(host.toLowerCase()) % 10 < 3,
        method,
        uri,
        headers,
        ...(body === undefined ? {} : { body }),
      }),
    )
  }
}
writeFileSync(new URL('./benign-recorded.ndjson', import.meta.url), `${lines.join('\n')}\n`)
console.log(`${lines.length} requests`)
