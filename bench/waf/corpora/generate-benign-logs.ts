/**
 * Requests from real access logs kept as sample data in public repositories, turned into the request records the WAF
 * reads: the transcripts in bench/waf/corpora/logs/*.txt (which files, which pages, licences:
 * bench/waf/corpora/README.md and benign-logs-sources.json). A transcript line is one log line without its client
 * address, time and byte count: `STATUS "REQUEST LINE" "REFERRER" "USER AGENT"`, where `^` stands for the previous
 * line's field (a page load repeats its referrer and user agent on every asset). Lines judged to be probes are not in
 * the transcript but in `*.exclusions.txt` beside it, each with its reason.
 * A log keeps no Host, Accept, Cookie or body: a record carries the site's host (from the log's own referrers), the
 * referrer and user agent as logged (`-` means the header was absent), and the request line's path and query byte for
 * byte.
 * Run: npx tsx bench/waf/corpora/generate-benign-logs.ts  (writes benign-logs.ndjson)
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { fnv1a } from './seeded-text.ts'

interface LogSource {
  transcript: string
  repo: string
  path: string
  host: string
}

const HERE = new URL('./', import.meta.url)
const sources = JSON.parse(readFileSync(new URL('benign-logs-sources.json', HERE), 'utf8')) as LogSource[]

/** The fields of a transcript line: the status, then quoted strings (a log escapes `"` as `\"`) or `^`. */
function fields(line: string): string[] {
  const out: string[] = []
  let i = line.indexOf(' ')
  out.push(line.slice(0, i))
  while (i < line.length) {
    while (line[i] === ' ') i++
    if (i >= line.length) break
    if (line[i] === '^') {
      out.push('^')
      i++
      continue
    }
    if (line[i] !== '"') throw new Error(`not a quoted field at ${i}: ${line}`)
    let value = ''
    for (i++; i < line.length && line[i] !== '"'; i++) {
      if (line[i] === '\\' && i + 1 < line.length) i++
      value += line[i]
    }
    out.push(value)
    i++
  }
  return out
}

/** What was fetched, from the path: the dimension the bench tallies. */
function kindOf(path: string, query: string): string {
  if (path === '/robots.txt') return 'robots'
  if (/(^|&)flav=/.test(query) || path.endsWith('.xml')) return 'feed'
  // Apache's directory listing sorts by `?C=<column>;O=<order>`.
  if (/^C=[A-Z];O=[A-Z]$/.test(query)) return 'listing'
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase()
  if (ext === undefined || ext === 'html' || ext === 'xhtml') return 'page'
  if (ext === 'css') return 'stylesheet'
  if (ext === 'js') return 'script'
  if (['png', 'jpg', 'jpeg', 'gif', 'svg', 'ico'].includes(ext)) return 'image'
  if (['ttf', 'woff', 'woff2', 'eot'].includes(ext)) return 'font'
  return 'download'
}

/** Who asked, as the User-Agent says: feed readers, crawlers, browsers, other clients, none. */
function agentOf(ua: string): string {
  if (ua === '-') return 'none'
  if (/feed|rss/i.test(ua)) return 'feed-reader'
  if (/bot|spider|slurp|crawl|ezooms|sleuth|spinn3r/i.test(ua)) return 'crawler'
  if (/^(Mozilla|Opera)\//.test(ua)) return 'browser'
  return 'other'
}

const lines: string[] = []
for (const source of sources) {
  let [referrer, agent] = ['-', '-']
  for (const line of readFileSync(new URL(source.transcript, HERE), 'utf8').split('\n')) {
    if (line === '') continue
    const [status, request, ref, ua] = fields(line)
    if (request === undefined || ref === undefined || ua === undefined) throw new Error(`${source.transcript}: ${line}`)
    if (ref !== '^') referrer = ref
    if (ua !== '^') agent = ua
    const [method, uri, version] = [request.slice(0, request.indexOf(' ')), request.slice(request.indexOf(' ') + 1, request.lastIndexOf(' ')), request.slice(request.lastIndexOf(' ') + 1)]
    const q = uri.indexOf('?')
    const [path, query] = q < 0 ? [uri, ''] : [uri.slice(0, q), uri.slice(q + 1)]
    const headers: Record<string, string> = { host: source.host }
    if (agent !== '-') headers['user-agent'] = agent
    if (referrer !== '-') headers.referer = referrer
    lines.push(
      JSON.stringify({
        id: `logs-${String(lines.length + 1).padStart(4, '0')}`,
        kind: kindOf(path, query),
        agent: agentOf(agent),
        source: `${source.repo} ${source.path}`,
        site: source.host,
        status: Number(status),
        version,
        // The hold-out is a set of clients: a rule fitted to one crawler's or browser's requests cannot reach it.
        holdout: fnv1a(agent) % 10 < 3,
        method,
        uri,
        headers,
      }),
    )
  }
}
writeFileSync(new URL('./benign-logs.ndjson', import.meta.url), `${lines.join('\n')}\n`)
console.log(`${lines.length} requests`)
