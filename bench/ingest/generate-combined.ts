/**
 * The benchmark's input: a deterministic combined log (the same bytes on every run) with
 * real client networks, varied user agents and paths, half the lines with key=value fields.
 * With `changing`, clients keep changing all through the file instead: every 40 lines a new
 * user agent and address (every other line an IPv6 one), as a long log of a busy shop has
 * them, for the memory check of what enrichment caches hold.
 * Run alone to write a file: npx tsx bench/ingest/generate-combined.ts OUT LINES [changing]
 * @module
 */
import { createWriteStream } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { mulberry32 } from '../../packages/core/src/util/mulberry32.ts'

// Client networks with real owners, so ASN/country enrichment does real lookups.
export const NETS = ['8.8.4', '1.1.1', '52.95.110', '66.249.66', '185.220.101', '91.198.174', '151.101.1', '203.0.113', '81.2.69', '24.48.0']
const BROWSERS = [
  (v: number) => `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Safari/537.36`,
  (v: number) => `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${v % 20}.1 Safari/605.1.15`,
  (v: number) => `Mozilla/5.0 (X11; Linux x86_64; rv:${v}.0) Gecko/20100101 Firefox/${v}.0`,
  (v: number) => `Mozilla/5.0 (iPhone; CPU iPhone OS 17_${v % 8} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.${v % 8} Mobile/15E148 Safari/604.1`,
  (v: number) => `python-requests/2.${v % 40}.0`,
  (v: number) => `Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html) build/${v}`,
]
const PATHS = ['/', '/product/', '/category/shoes?page=', '/cart', '/static/app.', '/img/p/', '/search?q=red+shoes&page=', '/api/v1/cart/items', '/checkout', '/account/login']
const STATUS = [200, 200, 200, 200, 200, 304, 301, 404, 403, 500]
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

function clfTime(ms: number): string {
  const d = new Date(ms)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`
}

export async function generate(path: string, lines: number, changing = false): Promise<void> {
  const r = mulberry32(42)
  const out = createWriteStream(path, { highWaterMark: 1 << 20 })
  const start = Date.UTC(2026, 10, 25, 0, 0, 0)
  let buf = ''
  for (let i = 0; i < lines; i++) {
    const client = Math.floor(i / 40)
    const ip = !changing
      ? `${NETS[Math.floor(r() * NETS.length)]}.${Math.floor(r() * 250) + 1}`
      : i % 2 === 0
        ? `2001:db8:${client.toString(16)}::${i % 7}`
        : `${NETS[client % NETS.length]}.${(client % 250) + 1}`
    const ua = changing ? `${BROWSERS[client % BROWSERS.length]!(90 + (client % 400))} build/${client}` : BROWSERS[Math.floor(r() * BROWSERS.length)]!(90 + Math.floor(r() * 400))
    const p = PATHS[Math.floor(r() * PATHS.length)]!
    const target = p.endsWith('/') || p.endsWith('=') || p.endsWith('.') ? `${p}${Math.floor(r() * 20_000)}${p.endsWith('.') ? '.js' : ''}` : p
    const method = target.startsWith('/api') && r() < 0.5 ? 'POST' : 'GET'
    const kv = r() < 0.5 ? ` rt=0.${String(Math.floor(r() * 999)).padStart(3, '0')} host=shop.example sid=s${Math.floor(r() * 50_000)}` : ''
    buf += `${ip} - - [${clfTime(start + i * 20)}] "${method} ${target} HTTP/1.1" ${STATUS[Math.floor(r() * STATUS.length)]} ${Math.floor(r() * 50_000)} "https://shop.example/" "${ua}"${kv}\n`
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((res) => out.once('drain', () => res()))
      buf = ''
    }
  }
  out.write(buf)
  await new Promise<void>((res) => out.end(() => res()))
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [out, lines, mode] = process.argv.slice(2)
  if (!out || !lines || (mode !== undefined && mode !== 'changing')) throw new Error('usage: generate-combined.ts OUT LINES [changing]')
  await generate(out, Number(lines), mode === 'changing')
}
