/**
 * A labelled shop access log in nginx `combined` format, written independently of Vigil's own
 * simulator (packages/core/src/simulate was not read while writing it) so that the bot
 * detectors can be checked on traffic their authors did not shape. One seed gives one log and
 * one label per client address: `human`, `bad_bot`, `good_bot_verified` or `declared_crawler`,
 * each with the `kind` of client that used it. See README.md beside this file.
 *
 *   npx tsx bench/detect/corpora/generate-plain-bots.ts --out DIR [--seed N] [--hours H] [--variant assets|cdn] [--scale S]
 *
 * `--variant cdn` is the same traffic from an origin behind a CDN: static assets are served by
 * the CDN's own host and never reach the log. Writes DIR/access.log and DIR/labels.json.
 * @module
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'

export type Label = 'human' | 'bad_bot' | 'good_bot_verified' | 'declared_crawler'
export type Variant = 'assets' | 'cdn'

export interface PlainCorpusOptions {
  seed: number
  hours: number
  variant: Variant
  /** Multiplies the number of human visitors and of bot instances. */
  scale: number
}

export interface PlainCorpus {
  lines: string[]
  labels: Record<string, { label: Label; kind: string }>
  /** Requests written per kind. */
  requests: Record<string, number>
}

// ---------------------------------------------------------------------------------------------
// Randomness: sfc32 seeded by splitmix, so a seed gives the same log on every Node version.

function rngFor(seed: number): () => number {
  let s = seed >>> 0
  const mix = (): number => {
    s = (s + 0x9e3779b9) >>> 0
    let z = s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return (z ^ (z >>> 16)) >>> 0
  }
  let a = mix()
  let b = mix()
  let c = mix()
  let d = mix()
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0
    d = (d + 1) >>> 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) >>> 0
    c = ((c << 21) | (c >>> 11)) >>> 0
    c = (c + t) >>> 0
    return t / 4294967296
  }
}

class Rand {
  constructor(readonly next: () => number) {}
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1))
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)] as T
  }
  chance(p: number): boolean {
    return this.next() < p
  }
  /** Weighted pick over [weight, value] pairs. */
  weighted<T>(xs: readonly (readonly [number, T])[]): T {
    const total = xs.reduce((s, [w]) => s + w, 0)
    let r = this.next() * total
    for (const [w, v] of xs) {
      r -= w
      if (r <= 0) return v
    }
    return (xs[xs.length - 1] as readonly [number, T])[1]
  }
  normal(): number {
    const u = Math.max(this.next(), 1e-12)
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next())
  }
  /** Log-normal with the given median and spread (sigma of the log). */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal())
  }
}

// ---------------------------------------------------------------------------------------------
// Address space. Prefixes are real allocations of the kind named (carriers, cable and DSL ISPs,
// hosting companies, the crawlers' published ranges), so enrichment sees what it would see.

const RESIDENTIAL: readonly string[] = [
  '73.{0-255}', '24.{0-30}', '68.{32-63}', '71.{192-230}', '98.{192-255}', // Comcast
  '47.{144-159}', '76.{160-190}', '97.{64-100}', // Charter / Spectrum
  '99.{0-120}', '108.{192-230}', '104.{0-15}', // AT&T
  '72.{64-95}', '100.{0-40}', // Verizon Fios
  '79.{192-255}', '87.{128-191}', '91.{0-60}', '93.{192-255}', // Deutsche Telekom
  '88.{64-79}', '178.{0-30}', // Vodafone DE / Telefonica DE
  '86.{128-191}', '81.{128-159}', '31.{48-55}', // BT, Virgin Media
  '90.{0-127}', '92.{128-191}', '88.{160-191}', // Orange FR, Free
  '82.{48-63}', '83.{36-63}', // Spain, Italy DSL
  '189.{0-60}', '177.{0-100}', // Brazil
  '122.{160-180}', '49.{36-40}', // India broadband
]
const MOBILE_CARRIER: readonly string[] = ['172.{56-63}', '174.{192-255}', '107.{72-79}', '46.{114-115}', '37.{160-165}']
const HOSTING: readonly (readonly [string, string])[] = [
  ['aws', '3.{80-95}'], ['aws', '18.{200-230}'], ['aws', '52.{0-95}'], ['aws', '54.{144-210}'],
  ['digitalocean', '159.89.{0-255}'], ['digitalocean', '167.99.{0-255}'], ['digitalocean', '138.68.{0-255}'], ['digitalocean', '64.227.{0-127}'],
  ['hetzner', '95.216.{0-255}'], ['hetzner', '135.181.{0-255}'], ['hetzner', '65.108.{0-255}'], ['hetzner', '168.119.{0-255}'],
  ['ovh', '51.75.{0-255}'], ['ovh', '51.89.{0-255}'], ['ovh', '54.38.{0-255}'], ['ovh', '147.135.{0-255}'],
  ['linode', '45.33.{0-127}'], ['linode', '172.104.{0-255}'], ['vultr', '45.77.{0-255}'], ['vultr', '149.28.{0-255}'],
  ['contabo', '62.171.{128-191}'], ['contabo', '173.212.{192-255}'], ['gcp', '34.{64-127}'], ['gcp', '35.{184-240}'],
  ['alibaba', '47.{74-91}'], ['tencent', '43.{128-159}'],
]
const OFFICE_BLOCKS: readonly string[] = ['193.{16-31}', '194.{8-15}', '212.{20-40}', '62.{96-127}', '206.{80-90}']

/** Expands `a.{lo-hi}` or `a.b.{lo-hi}` into a random address inside. */
function addressIn(r: Rand, pattern: string): string {
  const parts = pattern.split('.').map((p) => {
    const m = /^\{(\d+)-(\d+)\}$/.exec(p)
    return m ? String(r.int(Number(m[1]), Number(m[2]))) : p
  })
  while (parts.length < 4) parts.push(String(r.int(1, 254)))
  return parts.join('.')
}

// ---------------------------------------------------------------------------------------------
// User agents (as sent in late 2026: Chrome ~154, Firefox ~157, Safari 26).

const CHROME = [154, 154, 154, 153, 153, 152, 151, 148, 142]
const chromeWin = (v: number): string => `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Safari/537.36`
const chromeMac = (v: number): string => `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Safari/537.36`
const chromeLinux = (v: number): string => `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Safari/537.36`
const edgeWin = (v: number): string => `${chromeWin(v)} Edg/${v}.0.0.0`
const firefoxWin = (v: number): string => `Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:${v}.0) Gecko/20100101 Firefox/${v}.0`
const firefoxMac = (v: number): string => `Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:${v}.0) Gecko/20100101 Firefox/${v}.0`
const safariMac = (v: string): string => `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${v} Safari/605.1.15`
const iphone = (os: string, v: string): string => `Mozilla/5.0 (iPhone; CPU iPhone OS ${os} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${v} Mobile/15E148 Safari/604.1`
const androidChrome = (v: number): string => `Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Mobile Safari/537.36`
const samsung = (v: string, c: number): string => `Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/${v} Chrome/${c}.0.0.0 Mobile Safari/537.36`
const instagramIos = (): string => `Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 402.0.0.37.74 (iPhone15,3; iOS 18_6; en_US; en; scale=3.00; 1290x2796; 768102134)`
const facebookAndroid = (c: number): string => `Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240905.003; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/${c}.0.0.0 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/489.0.0.50.109;]`

function desktopUa(r: Rand): string {
  const v = r.pick(CHROME)
  return r.weighted<string>([
    [40, chromeWin(v)], [14, chromeMac(v)], [12, edgeWin(v)], [7, firefoxWin(r.pick([157, 157, 156, 155, 140]))],
    [3, firefoxMac(r.pick([157, 156]))], [14, safariMac(r.pick(['26.1', '26.0.1', '18.6']))], [2, chromeLinux(v)],
  ])
}

function mobileUa(r: Rand): string {
  const v = r.pick(CHROME)
  return r.weighted<string>([
    [45, iphone(r.pick(['18_6', '26_1', '26_0', '18_5', '17_7']), r.pick(['26.1', '26.0', '18.6', '17.7']))],
    [30, androidChrome(v)], [10, samsung(r.pick(['28.0', '27.0']), v)], [8, instagramIos()], [7, facebookAndroid(v)],
  ])
}

// ---------------------------------------------------------------------------------------------
// The shop: a Shopify-style storefront. Products by slug, collections paginated by `?page=`,
// a JSON API for the app and the storefront's scripts, first-party analytics beacons.

const WORDS = ['linen', 'wool', 'denim', 'leather', 'cotton', 'silk', 'merino', 'canvas', 'suede', 'cashmere', 'organic', 'classic', 'slim', 'relaxed', 'cropped', 'oversized', 'vintage', 'ribbed', 'quilted', 'waxed']
const ITEMS = ['shirt', 'jacket', 'coat', 'jeans', 'chinos', 'sweater', 'hoodie', 'tee', 'dress', 'skirt', 'boots', 'sneakers', 'bag', 'belt', 'scarf', 'cap', 'socks', 'blazer', 'vest', 'shorts']
const COLOURS = ['black', 'navy', 'olive', 'sand', 'white', 'grey', 'rust', 'cream', 'brown', 'blue', 'green', 'red']
const COLLECTIONS = ['new-arrivals', 'men', 'women', 'outerwear', 'shirts', 'knitwear', 'denim', 'shoes', 'accessories', 'sale', 'bags', 'basics']
const SEARCHES = ['linen shirt', 'black jeans', 'wool coat', 'boots', 'gift card', 'sale', 'merino', 'rain jacket', 'white sneakers', 'tote bag']

interface Product {
  id: number
  slug: string
  collection: string
}

function catalogue(r: Rand, n: number): Product[] {
  const out: Product[] = []
  const seen = new Set<string>()
  let id = 7_340_000 + r.int(0, 9999)
  while (out.length < n) {
    let slug = `${r.pick(WORDS)}-${r.pick(ITEMS)}-${r.pick(COLOURS)}`
    if (seen.has(slug)) slug = `${slug}-${r.int(2, 9)}`
    if (seen.has(slug)) continue
    seen.add(slug)
    id += r.int(1, 40)
    out.push({ id, slug, collection: r.pick(COLLECTIONS) })
  }
  return out
}

const BUILD = 'a81f3c0e'
const CORE_ASSETS = [`/cdn/shop/t/12/assets/theme.${BUILD}.css`, `/cdn/shop/t/12/assets/theme.${BUILD}.js`, `/cdn/shop/t/12/assets/vendor.${BUILD}.js`, '/cdn/shop/t/12/assets/inter-400.woff2', '/cdn/shop/t/12/assets/inter-600.woff2', '/cdn/shop/files/logo.svg', '/favicon.ico']
const CORE_JS = [`/cdn/shop/t/12/assets/theme.${BUILD}.js`, `/cdn/shop/t/12/assets/vendor.${BUILD}.js`]
const productImage = (p: Product, w: number): string => `/cdn/shop/products/${p.slug}_${w}x.jpg?v=17${p.id % 1000}`

const HOST = 'https://www.northwind-outfitters.com'

// ---------------------------------------------------------------------------------------------
// The log.

interface Req {
  t: number
  ip: string
  method: string
  path: string
  proto: string
  status: number
  bytes: number
  referer: string
  ua: string
  kind: string
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const pad = (n: number): string => String(n).padStart(2, '0')
function clf(t: number): string {
  const d = new Date(t)
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`
}
const line = (q: Req): string =>
  `${q.ip} - - [${clf(q.t)}] "${q.method} ${q.path} ${q.proto}" ${q.status} ${q.bytes} "${q.referer || '-'}" "${q.ua || '-'}"`

export function generatePlainCorpus(opts: PlainCorpusOptions): PlainCorpus {
  const r = new Rand(rngFor(opts.seed * 7919 + 17))
  const start = Date.UTC(2026, 10, 20, 18, 0, 0) + (opts.seed % 7) * 86_400_000
  const span = opts.hours * 3_600_000
  const end = start + span
  const n = (x: number): number => Math.max(1, Math.round(x * opts.scale * opts.hours))
  const products = catalogue(r, 2400)
  const hot = products.slice(0, 40) // bestsellers: most landings go to few products
  const byCollection = new Map(COLLECTIONS.map((c) => [c, products.filter((p) => p.collection === c)]))
  const bySlugPath = new Map(products.map((p) => [`/products/${p.slug}`, p]))
  const reqs: Req[] = []
  const labels: PlainCorpus['labels'] = {}

  /** Claims an address for one label; a draw that another label already holds is redrawn. */
  const claim = (draw: () => string, label: Label, kind: string): string => {
    for (let i = 0; i < 50; i++) {
      const ip = draw()
      const held = labels[ip]
      if (held === undefined) {
        labels[ip] = { label, kind }
        return ip
      }
      if (held.label === label && held.kind === kind) return ip
    }
    throw new Error(`no free address for ${kind}`)
  }
  const residential = (label: Label, kind: string): string => claim(() => addressIn(r, r.pick(RESIDENTIAL)), label, kind)
  const hosting = (label: Label, kind: string, provider?: string): string => {
    const pool = provider === undefined ? HOSTING : HOSTING.filter(([p]) => p === provider)
    return claim(() => addressIn(r, r.pick(pool)[1]), label, kind)
  }

  const emit = (q: Omit<Req, 'proto' | 'bytes'> & { proto?: string; bytes?: number }): void => {
    if (q.t < start || q.t >= end) return
    // sized before the variant is applied, so both variants draw the same numbers and carry the same traffic
    const bytes = q.bytes ?? sizeOf(r, q.path, q.status)
    if (opts.variant === 'cdn') {
      if (isAsset(q.path)) return
      // the CDN's edge terminates the client's HTTP/2 and talks HTTP/1.1 to the origin
      reqs.push({ ...q, proto: 'HTTP/1.1', bytes })
      return
    }
    reqs.push({ ...q, proto: q.proto ?? 'HTTP/2.0', bytes })
  }

  /** A page as a browser loads it: the document, then what it links (unless cached), then the beacon. */
  const browserPage = (b: { ip: string; ua: string; kind: string; warm: boolean; beacon: boolean }, t: number, path: string, referer: string, images: readonly string[]): void => {
    emit({ t, ip: b.ip, method: 'GET', path, status: 200, referer, ua: b.ua, kind: b.kind })
    const url = HOST + path
    let at = t + r.int(40, 400)
    if (!b.warm) {
      for (const a of CORE_ASSETS) {
        emit({ t: at, ip: b.ip, method: 'GET', path: a, status: 200, referer: url, ua: b.ua, kind: b.kind })
        at += r.int(5, 120)
      }
    }
    for (const img of images) {
      if (b.warm && r.chance(0.7)) continue
      emit({ t: at, ip: b.ip, method: 'GET', path: img, status: b.warm && r.chance(0.5) ? 304 : 200, referer: url, ua: b.ua, kind: b.kind })
      at += r.int(5, 200)
    }
    if (b.beacon) emit({ t: at + r.int(200, 3000), ip: b.ip, method: 'POST', path: '/.well-known/shop/analytics/produce_batch', status: 204, referer: url, ua: b.ua, kind: b.kind })
  }
  const imagesOf = (path: string): string[] => {
    if (path.startsWith('/products/')) {
      const p = bySlugPath.get(path.split('?')[0] as string)
      return p ? [productImage(p, 1200), productImage(p, 600), productImage(p, 200)] : []
    }
    return Array.from({ length: r.int(8, 16) }, () => productImage(r.pick(products), 400))
  }

  // ---- humans -------------------------------------------------------------------------------
  const officeIps = Array.from({ length: 4 }, () => claim(() => addressIn(r, r.pick(OFFICE_BLOCKS)), 'human', 'office_nat'))
  const carrierIps = Array.from({ length: Math.max(8, n(30)) }, () => claim(() => addressIn(r, r.pick(MOBILE_CARRIER)), 'human', 'carrier_nat'))

  const humanVisit = (kind: string, ip: string, ua: string, t0: number, shape: { pages: number; warm: boolean; entry?: string; referer?: string; buys: boolean; dwell: number }): void => {
    // content blockers stop the analytics beacon for some people
    const b = { ip, ua, kind, warm: shape.warm, beacon: r.chance(0.85) }
    let t = t0
    let path = shape.entry ?? r.weighted<string>([[30, '/'], [35, `/products/${r.pick(r.chance(0.6) ? hot : products).slug}`], [25, `/collections/${r.pick(COLLECTIONS)}`], [10, `/search?q=${encodeURIComponent(r.pick(SEARCHES)).replace(/%20/g, '+')}`]])
    let referer = shape.referer ?? r.weighted<string>([[40, 'https://www.google.com/'], [20, ''], [8, 'https://www.bing.com/'], [8, 'https://l.instagram.com/'], [6, 'https://lm.facebook.com/'], [4, 'https://duckduckgo.com/'], [4, 'https://www.pinterest.com/'], [10, '']])
    if (referer === '' && r.chance(0.3)) path += `${path.includes('?') ? '&' : '?'}utm_source=newsletter&utm_medium=email&utm_campaign=wk47`
    let collection = r.pick(COLLECTIONS)
    let page = 1
    for (let i = 0; i < shape.pages && t < end; i++) {
      browserPage(b, t, path, referer, imagesOf(path))
      b.warm = true
      // storefront scripts call the JSON API for the cart drawer and stock
      if (path.startsWith('/products/') && r.chance(0.6)) emit({ t: t + r.int(500, 1500), ip, method: 'GET', path: '/cart.js', status: 200, referer: HOST + path, ua, kind })
      if (shape.buys && path.startsWith('/products/') && r.chance(0.35)) {
        emit({ t: t + r.int(8000, 40000), ip, method: 'POST', path: '/cart/add.js', status: 200, referer: HOST + path, ua, kind })
        if (r.chance(0.4)) {
          const tc = t + r.int(45000, 120000)
          browserPage(b, tc, '/cart', HOST + path, [])
          emit({ t: tc + r.int(20000, 60000), ip, method: 'POST', path: '/cart', status: 302, referer: `${HOST}/cart`, ua, kind })
          browserPage(b, tc + r.int(61000, 70000), '/checkouts/cn/' + r.int(1e8, 9e8).toString(36), `${HOST}/cart`, [])
          return
        }
      }
      referer = HOST + path
      t += Math.min(600_000, r.logNormal(shape.dwell, 0.9)) + 1500
      const p = r.next()
      if (p < 0.45) {
        const prod = r.pick(r.chance(0.5) ? byCollection.get(collection) ?? products : products)
        path = `/products/${prod.slug}`
      } else if (p < 0.65) {
        page = r.chance(0.4) ? page + 1 : 1
        path = `/collections/${collection}${page > 1 ? `?page=${page}` : ''}`
      } else if (p < 0.75) {
        collection = r.pick(COLLECTIONS)
        path = `/collections/${collection}`
      } else if (p < 0.85) {
        const q = r.pick(SEARCHES)
        path = `/search?q=${q.replace(/ /g, '+')}`
      } else if (p < 0.9) {
        path = r.pick(['/pages/shipping', '/pages/returns', '/pages/size-guide', '/pages/contact', '/blogs/journal'])
      } else if (p < 0.95 && i > 1) {
        browserPage(b, t, '/account/login', referer, [])
        emit({ t: t + r.int(8000, 25000), ip, method: 'POST', path: '/account/login', status: r.chance(0.85) ? 302 : 200, referer: `${HOST}/account/login`, ua, kind })
        t += 30000
        path = '/account'
      } else {
        path = `/products/${r.pick(hot).slug}`
      }
    }
  }

  const visits = n(1500)
  // a third of visits see one page only
  const pagesOf = (most: number): number => (r.chance(0.35) ? 1 : r.int(2, most))
  for (let i = 0; i < visits; i++) {
    const t0 = start + r.next() * span
    const kind = r.weighted<string>([[42, 'desktop'], [38, 'mobile'], [8, 'returning_landing'], [4, 'price_comparison'], [4, 'office_nat'], [4, 'carrier_nat']])
    if (kind === 'desktop') humanVisit(kind, residential('human', kind), desktopUa(r), t0, { pages: pagesOf(12), warm: r.chance(0.3), buys: r.chance(0.2), dwell: 25000 })
    else if (kind === 'mobile') humanVisit(kind, r.chance(0.5) ? claim(() => addressIn(r, r.pick(MOBILE_CARRIER)), 'human', kind) : residential('human', kind), mobileUa(r), t0, { pages: pagesOf(9), warm: r.chance(0.25), buys: r.chance(0.15), dwell: 18000 })
    else if (kind === 'office_nat') humanVisit(kind, r.pick(officeIps), desktopUa(r), t0, { pages: pagesOf(15), warm: r.chance(0.5), buys: r.chance(0.15), dwell: 30000 })
    else if (kind === 'carrier_nat') humanVisit(kind, r.pick(carrierIps), mobileUa(r), t0, { pages: pagesOf(8), warm: r.chance(0.3), buys: r.chance(0.1), dwell: 15000 })
    else if (kind === 'returning_landing') {
      // a customer with a warm cache who comes back from Google to one product and leaves
      humanVisit(kind, residential('human', kind), r.chance(0.5) ? desktopUa(r) : mobileUa(r), t0, { pages: r.chance(0.7) ? 1 : 2, warm: true, entry: `/products/${r.pick(products).slug}`, referer: r.chance(0.7) ? 'https://www.google.com/' : '', buys: false, dwell: 20000 })
    } else {
      humanVisit(kind, residential('human', kind), desktopUa(r), t0, { pages: r.chance(0.8) ? 1 : 2, warm: r.chance(0.4), entry: `/products/${r.pick(products).slug}?variant=${r.int(40000000000, 49999999999)}`, referer: r.pick(['https://www.idealo.de/', 'https://www.pricerunner.com/', 'https://www.google.com/', 'https://shopping.google.com/']), buys: r.chance(0.2), dwell: 20000 })
    }
  }
  // power shoppers: long sessions, many products, some buying
  for (let i = 0; i < n(6); i++) {
    const ip = residential('human', 'power_shopper')
    humanVisit('power_shopper', ip, desktopUa(r), start + r.next() * span * 0.4, { pages: r.int(60, 140), warm: false, buys: true, dwell: 12000 })
  }
  // the shop's own app: plain HTTP library user agents, API only, no assets, no referrer
  for (let i = 0; i < n(70); i++) {
    const android = r.chance(0.45)
    const ua = android ? 'okhttp/4.12.0' : `NorthwindApp/6.3.1 (com.northwind.app; build:6310; iOS ${r.pick(['18.6.2', '26.1', '26.0.1'])}) Alamofire/5.9.1`
    const ip = r.chance(0.6) ? claim(() => addressIn(r, r.pick(MOBILE_CARRIER)), 'human', 'app') : residential('human', 'app')
    let t = start + r.next() * span
    const calls = r.int(3, 40)
    emit({ t, ip, method: 'GET', path: '/api/2025-10/config', status: 200, referer: '', ua, kind: 'app', proto: 'HTTP/2.0' })
    for (let j = 0; j < calls; j++) {
      t += r.logNormal(6000, 1)
      const p = r.pick(products)
      const path = r.weighted<string>([[50, `/api/2025-10/products/${p.id}`], [25, `/api/2025-10/collections/${r.pick(COLLECTIONS)}/products?page=${r.int(1, 4)}`], [10, `/api/2025-10/search?q=${r.pick(SEARCHES).replace(/ /g, '+')}`], [15, '/api/2025-10/cart']])
      emit({ t, ip, method: path.endsWith('/cart') && r.chance(0.5) ? 'POST' : 'GET', path, status: 200, referer: '', ua, kind: 'app' })
    }
  }

  // ---- bad bots -----------------------------------------------------------------------------
  const listingsAndProducts = (count: number): string[] => {
    const out: string[] = []
    while (out.length < count) {
      const c = r.pick(COLLECTIONS)
      const inIt = byCollection.get(c) ?? products
      const pages = r.int(2, 12)
      for (let pg = 1; pg <= pages && out.length < count; pg++) {
        out.push(`/collections/${c}${pg > 1 ? `?page=${pg}` : ''}`)
        const listed = r.int(6, 24)
        for (let k = 0; k < listed && out.length < count; k++) out.push(`/products/${r.pick(inIt).slug}`)
      }
    }
    return out
  }
  /** Pages fetched one after another without assets (an HTTP library, whatever UA it sends). */
  const crawlPlain = (b: { ip: () => string; ua: () => string; kind: string; proto?: string; robots?: boolean; referer?: (prev: string) => string }, t0: number, paths: readonly string[], gap: () => number): void => {
    let t = t0
    let prev = ''
    if (b.robots === true) emit({ t: t - 2000, ip: b.ip(), method: 'GET', path: '/robots.txt', status: 200, referer: '', ua: b.ua(), kind: b.kind, proto: b.proto })
    for (const path of paths) {
      emit({ t, ip: b.ip(), method: 'GET', path, status: 200, referer: b.referer ? b.referer(prev) : '', ua: b.ua(), kind: b.kind, proto: b.proto ?? 'HTTP/1.1' })
      prev = path
      t += gap()
    }
  }

  // HTTP libraries from hosting addresses, naming themselves
  const LIBS = ['python-requests/2.32.3', 'curl/8.5.0', 'Go-http-client/1.1', 'Scrapy/2.11.2 (+https://scrapy.org)', 'Java/17.0.12', 'okhttp/4.9.3', 'axios/1.7.7', 'python-httpx/0.27.2', 'Python/3.12 aiohttp/3.10.5', 'node-fetch/1.0 (+https://github.com/bitinn/node-fetch)', 'Wget/1.21.4']
  for (let i = 0; i < n(10); i++) {
    const ua = LIBS[i % LIBS.length] as string
    const ip = hosting('bad_bot', 'script_library')
    const count = r.int(40, 600)
    const median = r.pick([400, 1500, 4000])
    crawlPlain({ ip: () => ip, ua: () => ua, kind: 'script_library', robots: r.chance(0.2) }, start + r.next() * span * 0.7, listingsAndProducts(count), () => r.logNormal(median, 0.6))
  }
  // a price watcher: one product every few minutes from a home connection, by curl
  for (let i = 0; i < n(2); i++) {
    const ip = residential('bad_bot', 'price_watcher')
    const p = r.pick(hot)
    const ua = r.pick(['curl/8.7.1', 'python-requests/2.31.0'])
    crawlPlain({ ip: () => ip, ua: () => ua, kind: 'price_watcher' }, start + r.int(0, 300000), Array.from({ length: Math.floor(span / 300000) }, () => `/products/${p.slug}`), () => 300000 + r.int(-2000, 2000))
  }
  // headless Chrome that says so, rendering everything
  for (let i = 0; i < n(3); i++) {
    const ip = hosting('bad_bot', 'headless_declared')
    const ua = `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/${r.pick([154, 153, 131])}.0.0.0 Safari/537.36`
    const b = { ip, ua, kind: 'headless_declared', warm: false, beacon: true }
    let t = start + r.next() * span * 0.6
    for (const path of listingsAndProducts(r.int(30, 200))) {
      browserPage(b, t, path, '', imagesOf(path))
      b.warm = r.chance(0.5)
      t += r.logNormal(2500, 0.5)
    }
  }
  // headless Chrome hiding its name, blocking images, fonts and styles to go faster
  for (let i = 0; i < n(3); i++) {
    const ip = hosting('bad_bot', 'headless_hidden')
    const ua = r.pick([chromeWin(154), chromeMac(153), chromeLinux(154)])
    let t = start + r.next() * span * 0.6
    let first = true
    let prev = ''
    for (const path of listingsAndProducts(r.int(40, 300))) {
      emit({ t, ip, method: 'GET', path, status: 200, referer: prev, ua, kind: 'headless_hidden' })
      if (first) for (const js of CORE_JS) emit({ t: t + r.int(50, 300), ip, method: 'GET', path: js, status: 200, referer: HOST + path, ua, kind: 'headless_hidden' })
      emit({ t: t + r.int(400, 1500), ip, method: 'POST', path: '/.well-known/shop/analytics/produce_batch', status: 204, referer: HOST + path, ua, kind: 'headless_hidden' })
      first = false
      prev = r.chance(0.5) ? HOST + path : ''
      t += r.logNormal(1800, 0.5)
    }
  }
  // Puppeteer / Playwright with a real Chrome build: assets, referrers, beacons, human-ish pace
  for (let i = 0; i < n(4); i++) {
    const rotating = i % 2 === 1
    const ua = r.pick([chromeWin(154), chromeMac(154), edgeWin(153)])
    const kind = rotating ? 'browser_resi_rotating' : 'browser_automation'
    let ip = rotating ? residential('bad_bot', kind) : hosting('bad_bot', kind)
    const b = { ip, ua, kind, warm: false, beacon: true }
    let t = start + r.next() * span * 0.5
    let referer = ''
    let left = r.int(8, 25)
    for (const path of listingsAndProducts(r.int(80, 400))) {
      if (rotating && --left <= 0) {
        ip = residential('bad_bot', kind)
        b.ip = ip
        b.warm = false
        referer = ''
        left = r.int(8, 25)
      }
      browserPage(b, t, path, referer, imagesOf(path))
      b.warm = true
      referer = HOST + path
      t += r.logNormal(6000, 0.7)
    }
  }
  // residential proxy scrapers: thousands of addresses, one to three pages each, real user agents
  const uaPool = Array.from({ length: 30 }, () => (r.chance(0.7) ? desktopUa(r) : mobileUa(r)))
  const proxyCampaign = (kind: string, addresses: number, pagesPerIp: () => number, path: () => string, referer: () => string): void => {
    for (let i = 0; i < addresses; i++) {
      const ip = r.chance(0.25) ? claim(() => addressIn(r, r.pick(MOBILE_CARRIER)), 'bad_bot', kind) : residential('bad_bot', kind)
      const ua = r.pick(uaPool)
      let t = start + r.next() * span
      for (let k = pagesPerIp(); k > 0; k--) {
        emit({ t, ip, method: 'GET', path: path(), status: 200, referer: referer(), ua, kind, proto: r.chance(0.5) ? 'HTTP/1.1' : 'HTTP/2.0' })
        t += r.int(300, 8000)
      }
    }
  }
  proxyCampaign('resi_proxy_products', n(900), () => r.weighted([[60, 1], [25, 2], [15, 3]]), () => `/products/${r.pick(products).slug}`, () => (r.chance(0.3) ? 'https://www.google.com/' : ''))
  let listingPage = 0
  proxyCampaign('resi_proxy_listings', n(250), () => r.int(1, 2), () => `/collections/all?page=${(listingPage++ % 120) + 1}`, () => '')
  // datacenter rotation: one browser build over many hosting addresses, a few dozen pages each
  {
    const ua = chromeWin(152)
    const ips = Array.from({ length: n(40) }, () => hosting('bad_bot', 'dc_rotating', 'hetzner'))
    crawlPlain({ ip: () => r.pick(ips), ua: () => ua, kind: 'dc_rotating' }, start + r.next() * span * 0.3, listingsAndProducts(n(1200)), () => r.logNormal(900, 0.7))
  }
  // scalpers: a drop at a set time, product and cart hammered from a few addresses
  {
    const drop = start + span * 0.55
    const target = hot[0] as Product
    for (let i = 0; i < n(5); i++) {
      const ip = i % 2 === 0 ? residential('bad_bot', 'scalper') : hosting('bad_bot', 'scalper')
      const ua = i % 3 === 2 ? 'python-requests/2.32.3' : chromeWin(154)
      let t = drop - r.int(60000, 180000)
      while (t < drop + 600000) {
        emit({ t, ip, method: 'GET', path: `/products/${target.slug}.js`, status: 200, referer: '', ua, kind: 'scalper' })
        if (t > drop) {
          emit({ t: t + r.int(50, 200), ip, method: 'POST', path: '/cart/add.js', status: r.chance(0.8) ? 422 : 200, referer: `${HOST}/products/${target.slug}`, ua, kind: 'scalper' })
          if (r.chance(0.1)) emit({ t: t + r.int(300, 600), ip, method: 'POST', path: '/cart', status: 302, referer: `${HOST}/cart`, ua, kind: 'scalper' })
        }
        t += t < drop ? r.int(2000, 6000) : r.int(1000, 3500)
      }
    }
  }
  // credential stuffing: residential proxies, a few login POSTs each, plus one hosting address flooding
  for (let i = 0; i < n(300); i++) {
    const ip = residential('bad_bot', 'credential_stuffing')
    const ua = r.pick(uaPool)
    let t = start + r.next() * span
    if (r.chance(0.3)) emit({ t: t - 1500, ip, method: 'GET', path: '/account/login', status: 200, referer: '', ua, kind: 'credential_stuffing' })
    for (let k = r.int(1, 4); k > 0; k--) {
      emit({ t, ip, method: 'POST', path: '/account/login', status: r.chance(0.98) ? 200 : 302, referer: `${HOST}/account/login`, ua, kind: 'credential_stuffing', proto: 'HTTP/1.1' })
      t += r.int(2000, 20000)
    }
  }
  {
    const ip = hosting('bad_bot', 'credential_stuffing')
    let t = start + r.next() * span * 0.5
    for (let k = 0; k < n(500); k++) {
      emit({ t, ip, method: 'POST', path: '/account/login', status: 200, referer: `${HOST}/account/login`, ua: chromeWin(148), kind: 'credential_stuffing', proto: 'HTTP/1.1' })
      t += r.int(500, 4000)
    }
  }
  // carding: payment attempts against checkout, mostly declined
  for (let i = 0; i < n(3); i++) {
    const ip = i === 0 ? hosting('bad_bot', 'carding') : residential('bad_bot', 'carding')
    const ua = chromeWin(r.pick([154, 151]))
    let t = start + r.next() * span * 0.6
    const checkout = `/checkouts/cn/${r.int(1e8, 9e8).toString(36)}`
    for (let k = 0; k < r.int(40, 160); k++) {
      emit({ t, ip, method: 'POST', path: `${checkout}/payments`, status: r.chance(0.9) ? 402 : 200, referer: HOST + checkout, ua, kind: 'carding' })
      if (r.chance(0.3)) emit({ t: t + 800, ip, method: 'GET', path: checkout, status: 200, referer: HOST + checkout, ua, kind: 'carding' })
      t += r.int(4000, 30000)
    }
  }
  // price scrapers on the JSON API, by product id
  for (let i = 0; i < n(3); i++) {
    const ip = hosting('bad_bot', 'api_scraper')
    const ua = r.pick(['axios/1.7.7', chromeWin(154), 'Mozilla/5.0 (compatible; PriceBot/1.0)'])
    const from = r.int(0, products.length - 600)
    const paths = products.slice(from, from + r.int(200, 600)).map((p) => (r.chance(0.5) ? `/api/2025-10/products/${p.id}` : `/products/${p.slug}.json`))
    crawlPlain({ ip: () => ip, ua: () => ua, kind: 'api_scraper' }, start + r.next() * span * 0.5, paths, () => r.logNormal(1200, 0.4))
  }
  // stock checker polling one variant
  {
    const ip = hosting('bad_bot', 'stock_checker')
    const p = hot[1] as Product
    crawlPlain({ ip: () => ip, ua: () => 'Go-http-client/2.0', kind: 'stock_checker', proto: 'HTTP/2.0' }, start + 1000, Array.from({ length: Math.floor(span / 5000) }, () => `/products/${p.slug}.js`), () => r.int(4000, 6000))
  }
  // vulnerability scanners
  const PROBES = ['/.env', '/.git/config', '/wp-login.php', '/wp-admin/', '/xmlrpc.php', '/phpinfo.php', '/.aws/credentials', '/config.json', '/server-status', '/actuator/env', '/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php', '/admin/.env', '/backup.zip', '/.DS_Store', '/wp-config.php.bak', '/phpmyadmin/', '/.svn/entries', '/cgi-bin/luci/;stok=/locale', '/boaform/admin/formLogin', '/owa/auth/logon.aspx', '/.vscode/sftp.json', '/api/.env', '/debug/default/view', '/solr/admin/info/system', '/HNAP1/']
  const scanner = (kind: string, ua: string, count: number, path: () => string, gap: () => number, ip = hosting('bad_bot', kind)): void => {
    let t = start + r.next() * span * 0.8
    for (let k = 0; k < count; k++) {
      const p = path()
      const known = p === '/' || p.startsWith('/products/') || p.startsWith('/search')
      emit({ t, ip, method: r.chance(0.05) ? 'HEAD' : 'GET', path: p, status: known ? 200 : r.chance(0.9) ? 404 : 403, referer: '', ua, kind, proto: 'HTTP/1.1' })
      t += gap()
    }
  }
  scanner('nikto', `Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:00${r.int(1000, 9999)})`, n(700), () => (r.chance(0.6) ? r.pick(PROBES) : `/${r.int(1, 99999).toString(36)}.${r.pick(['php', 'asp', 'cgi', 'bak', 'old', 'inc'])}`), () => r.int(50, 400))
  scanner('nuclei', chromeMac(r.pick([95, 102, 117])), n(400), () => (r.chance(0.7) ? r.pick(PROBES) : `/${r.pick(['api', 'admin', 'console', 'jenkins', 'grafana', 'kibana'])}/${r.pick(['login', 'version', 'status', 'config'])}`), () => r.int(100, 900))
  scanner('sqlmap', 'sqlmap/1.8.11#stable (https://sqlmap.org)', n(300), () => `/search?q=${encodeURIComponent(r.pick(["linen' AND 1=1-- -", 'linen" OR "1"="1', "linen') UNION ALL SELECT NULL,NULL-- -", "linen' AND SLEEP(5)#", 'linen%27'])).replace(/%25/g, '%')}`, () => r.int(200, 1500))
  scanner('wpscan', 'WPScan v3.8.27 (https://wpscan.com/wordpress-security-scanner)', n(200), () => r.pick(['/wp-login.php', '/xmlrpc.php', '/wp-json/wp/v2/users', '/readme.html', `/wp-content/plugins/${r.pick(['woocommerce', 'contact-form-7', 'elementor', 'revslider', 'wp-file-manager'])}/readme.txt`]), () => r.int(100, 600))
  scanner('zgrab', 'Mozilla/5.0 zgrab/0.x', 1, () => '/', () => 0)
  scanner('masscan', 'masscan/1.3 (https://github.com/robertdavidgraham/masscan)', 1, () => '/', () => 0)
  // the internet's background noise: a few probes each from many addresses
  for (let i = 0; i < n(40); i++) {
    const ua = r.pick(['', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/81.0.4044.129 Safari/537.36', 'python-requests/2.25.1', 'curl/7.88.1', 'Go-http-client/1.1', 'Mozilla/5.0 (Linux; Android 6.0; HTC One M9 Build/MRA58K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/52.0.2743.98 Mobile Safari/537.3'])
    const ip = r.chance(0.7) ? hosting('bad_bot', 'probe') : residential('bad_bot', 'probe')
    scanner('probe', ua, r.int(1, 6), () => r.pick(PROBES), () => r.int(100, 3000), ip)
  }
  // fake search engine crawlers from hosting addresses
  for (let i = 0; i < n(3); i++) {
    const bing = i === 2
    const ip = hosting('bad_bot', 'fake_crawler')
    const ua = bing ? 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)' : 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'
    crawlPlain({ ip: () => ip, ua: () => ua, kind: 'fake_crawler' }, start + r.next() * span * 0.6, listingsAndProducts(r.int(50, 400)), () => r.logNormal(1500, 0.5))
  }
  // crawlers that hide behind a browser user agent (the "stealth" fetchers of AI answer engines)
  for (let i = 0; i < n(2); i++) {
    const ips = Array.from({ length: r.int(3, 8) }, () => hosting('bad_bot', 'undeclared_crawler', 'aws'))
    const ua = chromeMac(r.pick([124, 131, 154]))
    crawlPlain({ ip: () => r.pick(ips), ua: () => ua, kind: 'undeclared_crawler', proto: 'HTTP/2.0' }, start + r.next() * span * 0.6, listingsAndProducts(r.int(80, 300)), () => r.logNormal(3000, 0.6))
  }

  // ---- good bots, from their operators' published addresses --------------------------------
  const crawler = (label: Label, kind: string, ips: readonly string[], ua: string, count: number, gap: number, render: boolean): void => {
    let t = start + r.int(0, 600000)
    emit({ t: t - 1000, ip: ips[0] as string, method: 'GET', path: '/robots.txt', status: 200, referer: '', ua, kind, proto: 'HTTP/1.1' })
    if (r.chance(0.6)) emit({ t: t - 500, ip: ips[0] as string, method: 'GET', path: '/sitemap.xml', status: 200, referer: '', ua, kind, proto: 'HTTP/1.1' })
    for (let k = 0; k < count && t < end; k++) {
      const ip = r.pick(ips)
      const p = r.pick(products)
      const path = r.weighted<string>([[70, `/products/${p.slug}`], [20, `/collections/${r.pick(COLLECTIONS)}?page=${r.int(1, 8)}`], [5, `/sitemap_products_${r.int(1, 3)}.xml?from=${p.id}&to=${p.id + 4000}`], [5, '/']])
      emit({ t, ip, method: 'GET', path, status: r.chance(0.03) ? 404 : 200, referer: '', ua, kind, proto: 'HTTP/1.1' })
      if (render) for (const js of CORE_ASSETS.slice(0, 3)) if (r.chance(0.15)) emit({ t: t + r.int(1000, 20000), ip, method: 'GET', path: js, status: 200, referer: '', ua, kind, proto: 'HTTP/1.1' })
      t += r.logNormal(gap, 0.8)
    }
  }
  const from = (label: Label, kind: string, blocks: readonly string[], k: number): string[] => Array.from({ length: k }, () => claim(() => addressIn(r, r.pick(blocks)), label, kind))
  crawler('good_bot_verified', 'googlebot', from('good_bot_verified', 'googlebot', ['66.249.{64-66}', '66.249.{72-75}', '66.249.{76-77}', '66.249.69', '66.249.{70-71}'], 8), 'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/154.0.7390.54 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', n(900), 4000, true)
  crawler('good_bot_verified', 'googlebot', from('good_bot_verified', 'googlebot', ['66.249.{64-66}', '66.249.{72-75}'], 3), 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', n(200), 15000, false)
  crawler('good_bot_verified', 'bingbot', from('good_bot_verified', 'bingbot', ['157.55.39', '40.77.167', '207.46.13'], 5), 'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) Chrome/116.0.1938.76 Safari/537.36', n(500), 6000, true)
  // uptime monitors
  for (const [ips, ua] of [
    [from('good_bot_verified', 'monitor', ['216.144.250.150', '69.162.124.{224-238}', '63.143.42.{240-253}'], 3), 'Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)'],
    [from('good_bot_verified', 'monitor', ['178.255.152.2', '185.180.12.65', '5.172.196.188'], 2), 'Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)'],
  ] as const) {
    for (let t = start + r.int(0, 60000); t < end; t += 60000) emit({ t: t + r.int(-500, 500), ip: r.pick(ips), method: r.chance(0.5) ? 'HEAD' : 'GET', path: '/', status: 200, referer: '', ua, kind: 'monitor', proto: 'HTTP/1.1' })
  }
  // link previewers, fetching a shared product page and its image
  const previewers: readonly (readonly [string, readonly string[]])[] = [
    ['facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)', ['69.171.{224-255}', '173.252.{64-127}', '66.220.{144-159}']],
    ['Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)', ['3.{80-95}', '54.{144-210}']],
    ['Twitterbot/1.0', ['199.16.{156-157}', '199.59.150']],
    ['WhatsApp/2.2447.3 A', ['31.13.{64-127}', '157.240.{0-63}']],
  ]
  for (let i = 0; i < n(60); i++) {
    const [ua, blocks] = r.pick(previewers)
    const ip = claim(() => addressIn(r, r.pick(blocks)), 'good_bot_verified', 'link_previewer')
    const p = r.pick(r.chance(0.5) ? hot : products)
    const t = start + r.next() * span
    emit({ t, ip, method: 'GET', path: `/products/${p.slug}`, status: 200, referer: '', ua, kind: 'link_previewer', proto: 'HTTP/1.1' })
    emit({ t: t + r.int(200, 2000), ip, method: 'GET', path: productImage(p, 1200), status: 200, referer: '', ua, kind: 'link_previewer', proto: 'HTTP/1.1' })
  }

  // ---- declared crawlers (SEO and AI), from their operators' addresses ----------------------
  const declared: readonly (readonly [string, string, readonly string[], number])[] = [
    ['ahrefsbot', 'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)', ['54.36.148', '54.36.149', '51.222.253'], 400],
    ['semrushbot', 'Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)', ['185.191.171'], 300],
    ['gptbot', 'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)', ['52.230.152', '52.233.106'], 300],
    ['claudebot', 'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0; +claudebot@anthropic.com)', ['216.73.216'], 250],
    ['bytespider', 'Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; Bytespider; spider-feedback@bytedance.com)', ['47.128.{16-127}'], 400],
    ['perplexitybot', 'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; PerplexityBot/1.0; +https://perplexity.ai/perplexitybot)', ['44.{192-223}'], 120],
    ['ccbot', 'CCBot/2.0 (https://commoncrawl.org/faq/)', ['18.97.{0-15}'], 200],
  ]
  for (const [kind, ua, blocks, count] of declared) crawler('declared_crawler', kind, from('declared_crawler', kind, blocks, r.int(2, 6)), ua, n(count), 5000, false)

  reqs.sort((a, b) => a.t - b.t)
  const requests: Record<string, number> = {}
  for (const q of reqs) requests[q.kind] = (requests[q.kind] ?? 0) + 1
  // an address that wrote nothing inside the log's span (all its requests fell outside) is not labelled
  const seen = new Set(reqs.map((q) => q.ip))
  for (const ip of Object.keys(labels)) if (!seen.has(ip)) delete labels[ip]
  return { lines: reqs.map(line), labels, requests }
}

function isAsset(path: string): boolean {
  return path.startsWith('/cdn/') || path === '/favicon.ico'
}

function sizeOf(r: Rand, path: string, status: number): number {
  if (status === 304 || status === 204) return 0
  if (status === 302) return r.int(0, 120)
  if (status >= 400) return r.int(150, 1200)
  if (path.endsWith('.js') && path.startsWith('/cdn/')) return r.int(80_000, 240_000)
  if (path.endsWith('.css')) return r.int(40_000, 90_000)
  if (path.endsWith('.woff2')) return r.int(20_000, 40_000)
  if (path.endsWith('.svg') || path.endsWith('.ico')) return r.int(1_000, 15_000)
  if (path.includes('.jpg')) return r.int(15_000, 180_000)
  if (path.startsWith('/api/') || path.endsWith('.js') || path.endsWith('.json')) return r.int(400, 9_000)
  return r.int(25_000, 140_000)
}

const isMain = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href
if (isMain) {
  const { values } = parseArgs({ options: { out: { type: 'string' }, seed: { type: 'string', default: '1' }, hours: { type: 'string', default: '1.5' }, variant: { type: 'string', default: 'assets' }, scale: { type: 'string', default: '1' } }, strict: true })
  if (values.out === undefined || (values.variant !== 'assets' && values.variant !== 'cdn')) {
    console.error('usage: generate-plain-bots.ts --out DIR [--seed N] [--hours H] [--variant assets|cdn] [--scale S]')
    process.exit(2)
  }
  const corpus = generatePlainCorpus({ seed: Number(values.seed), hours: Number(values.hours), variant: values.variant, scale: Number(values.scale) })
  mkdirSync(values.out, { recursive: true })
  writeFileSync(join(values.out, 'access.log'), `${corpus.lines.join('\n')}\n`)
  writeFileSync(join(values.out, 'labels.json'), `${JSON.stringify({ seed: Number(values.seed), variant: values.variant, hours: Number(values.hours), ips: corpus.labels }, null, 1)}\n`)
  console.log(JSON.stringify({ lines: corpus.lines.length, addresses: Object.keys(corpus.labels).length, requests: corpus.requests }))
}
