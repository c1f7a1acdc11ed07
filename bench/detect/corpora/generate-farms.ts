/**
 * A labelled WooCommerce shop's access log in which the bots try to look like people: browser
 * farms over residential and mobile proxies, anti-detect browser profiles, scraping APIs,
 * price-intelligence and stock monitors, search, sitemap, app-API and review scrapers,
 * low-and-slow crawls, Python/Go TLS stacks claiming to be Chrome, stealth headless browsers;
 * and many kinds of real shoppers and verified good bots beside them. Written without reading
 * Vigil's detectors, its simulator or the plain-log corpus, from public descriptions of
 * scraping operations and of shop traffic, and committed before any detector ran on its output.
 * One seed gives the same bytes every time. See README-farms.md beside this file.
 *
 *   npx tsx bench/detect/corpora/generate-farms.ts --out DIR [--seed N] [--hours H] [--variant combined|rich]
 *
 * Writes DIR/access.log and DIR/labels.json (`{ seed, variant, hours, format, ips, sessions }`,
 * each entity with `label`, `kind`, `population` and `holdout`). `combined` is what a plain
 * nginx log holds; `rich` appends the request time, the `sid` session cookie and the JA4
 * fingerprint the edge passes in `X-JA4`, and is ingested with `--format` set to `format`.
 * Both variants hold the same requests (the same draws), only the columns differ.
 * @module
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { fnv1a, seededText } from '../../waf/corpora/seeded-text.ts'

export type Label = 'human' | 'bad_bot' | 'good_bot_verified' | 'declared_crawler'
export type Variant = 'combined' | 'rich'

export interface FarmsOptions {
  seed: number
  hours: number
  variant: Variant
}

export interface EntityLabel {
  label: Label
  kind: string
  /** `kind#n`: one bot operation or one human population; the hold-out is drawn per population. */
  population: string
  holdout: boolean
}

export interface FarmsLabels {
  seed: number
  variant: Variant
  hours: number
  /** The `--format` to ingest the log with. */
  format: string
  ips: Record<string, EntityLabel>
  /** Per value of the `sid` cookie (in `rich` only the log carries it; the labels are the same). */
  sessions: Record<string, EntityLabel>
}

export interface FarmsCorpus {
  lines: string[]
  labels: FarmsLabels
}

export const FORMATS: Record<Variant, string> = {
  combined: 'combined',
  rich: 'nginx:$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" $request_time "$cookie_sid" "$http_x_ja4"',
}

/** ~30 % of populations, fixed by seed and population id, independent of generation order. */
export const isHoldout = (seed: number, population: string): boolean => fnv1a(`farms:${seed}:${population}`) % 10 < 3

const HOST = 'https://www.hollowbrook-home.co.uk'
const START = Date.UTC(2026, 10, 20, 8, 0, 0)

// ---------------------------------------------------------------------------------------------
// Address space: real allocations of the networks each population lives on, so that the AS
// and range enrichment sees what it would see. [first address, size].

type Pool = ReadonlyArray<readonly [string, number]>
const P = (cidr: string): readonly [string, number] => {
  const [base, bits] = cidr.split('/') as [string, string]
  return [base, 2 ** (32 - Number(bits))]
}
const POOLS = {
  /** Home broadband: BT, Virgin Media, Sky, TalkTalk-era ranges (UK), DTAG, Orange, Telefónica, KPN, Free, Comcast. */
  homeUk: [P('86.128.0.0/10'), P('81.128.0.0/12'), P('86.0.0.0/11'), P('82.0.0.0/12'), P('90.192.0.0/11'), P('94.0.0.0/12')],
  homeEu: [P('93.192.0.0/10'), P('79.192.0.0/10'), P('90.0.0.0/11'), P('88.0.0.0/11'), P('77.160.0.0/12'), P('88.160.0.0/11'), P('94.169.0.0/16')],
  homeUs: [P('73.0.0.0/8'), P('98.192.0.0/10'), P('68.0.0.0/12'), P('71.80.0.0/14'), P('108.192.0.0/11')],
  /** Mobile carriers (Three UK, Vodafone UK, T-Mobile US): addresses many phones share. */
  mobile: [P('188.28.0.0/14'), P('92.40.0.0/16'), P('148.252.128.0/18'), P('172.32.0.0/11')],
  aws: [P('18.100.0.0/14'), P('3.96.0.0/12')],
  hosting: [P('178.128.0.0/16'), P('206.189.0.0/16'), P('188.166.0.0/16'), P('95.216.0.0/15'), P('116.202.0.0/15'), P('78.46.0.0/15'), P('54.36.0.0/14'), P('45.76.0.0/15'), P('139.162.0.0/16')],
  /** Commercial VPN exits (M247, Datacamp). */
  vpn: [P('146.70.0.0/16'), P('89.187.160.0/19'), P('195.181.160.0/20')],
  university: [P('194.80.0.0/14'), P('193.60.0.0/14')],
  tor: [P('185.220.101.0/24'), P('185.220.103.0/24'), P('162.247.72.0/24')],
  /** iCloud Private Relay egress (Cloudflare's and Akamai's blocks for it). */
  relay: [P('104.28.101.128/26'), P('104.28.103.0/25'), P('104.28.104.0/25'), P('104.28.116.0/25'), P('172.225.58.0/23')],
  office: [P('81.145.0.0/16'), P('62.6.0.0/16'), P('195.12.0.0/16')],
  googlebot: [P('66.249.64.0/23'), P('66.249.66.0/24'), P('66.249.69.0/24'), P('66.249.72.0/22')],
  bingbot: [P('157.55.39.0/24'), P('40.77.167.0/24'), P('207.46.13.0/24')],
  meta: [P('173.252.64.0/18'), P('69.63.176.0/20')],
  twitter: [P('199.16.156.0/22')],
  ahrefs: [P('54.36.148.0/23'), P('5.39.1.0/24')],
  semrush: [P('185.191.171.0/24')],
  gptbot: [P('52.230.152.0/24')],
} satisfies Record<string, Pool>

const ipToInt = (ip: string): number => ip.split('.').reduce((a, o) => a * 256 + Number(o), 0)
const intToIp = (n: number): string => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.')

// ---------------------------------------------------------------------------------------------
// Browsers and their TLS stacks. Versions are those of late 2026 (Chrome ~147, Firefox ~146).

const CHROME_NOW = 147
const FIREFOX_NOW = 146
const JA4 = {
  chrome: 't13d1516h2_8daaf6152771_02713d6af862',
  firefox: 't13d1717h2_5b57614c22b0_3cbfd9057e0d',
  safari: 't13d2014h2_a09f3c656075_14788d8d241b',
  torEsr: 't13d1714h2_5b57614c22b0_eeeea6562960',
  okhttp: 't13d1613h2_46e7e9700bed_bce3d1a7a9f7',
  python: 't13d441000_6e1e6b43a3f4_e3b0c44298fc',
  go: 't13d1312h2_f57a46bbacb6_ab7e3b40a677',
  googlebot: 't13d1310h2_e8f1e7e78f70_9a9e5bd1a3c4',
  bingbot: 't13d1411h2_c866b44c5a26_7bde4a1c0f62',
  java: 't13d2113h1_2bbd1d2eb4c6_0f8d5b1e9a3b',
} as const

type Stack = keyof typeof JA4

// ---------------------------------------------------------------------------------------------
// The shop: Hollowbrook Home, a WooCommerce storefront on Storefront's theme.

const CATEGORIES: Record<string, string[]> = {
  'living-room': ['sofas', 'armchairs', 'coffee-tables', 'tv-units', 'bookcases'],
  bedroom: ['beds', 'wardrobes', 'bedding', 'mattresses'],
  kitchen: ['cookware', 'knives', 'tableware', 'storage-jars'],
  lighting: ['table-lamps', 'pendants', 'floor-lamps'],
  garden: ['planters', 'garden-furniture', 'bbq'],
  decor: ['rugs', 'cushions', 'mirrors', 'candles', 'throws'],
}
const WORDS = {
  place: ['oslo', 'harlow', 'kinsale', 'aldeburgh', 'malmo', 'porto', 'ravello', 'whitby', 'tarn', 'fenwick', 'ellery', 'sorrel', 'hartley', 'brisa', 'nara', 'kyoto', 'lund', 'corran', 'ashby', 'marlow'],
  material: ['oak', 'walnut', 'linen', 'velvet', 'rattan', 'boucle', 'stoneware', 'brass', 'ceramic', 'wool', 'jute', 'cast-iron', 'bamboo', 'marble', 'pine'],
  colour: ['sage', 'navy', 'ochre', 'charcoal', 'ivory', 'terracotta', 'forest-green', 'dusky-pink', 'natural', 'black'],
}
const NOUN: Record<string, string[]> = {
  sofas: ['3-seater-sofa', 'corner-sofa', 'sofa-bed', 'loveseat'], armchairs: ['armchair', 'accent-chair', 'reading-chair'], 'coffee-tables': ['coffee-table', 'nest-of-tables'],
  'tv-units': ['tv-unit', 'media-console'], bookcases: ['bookcase', 'shelving-unit', 'ladder-shelf'], beds: ['double-bed', 'king-bed', 'ottoman-bed'], wardrobes: ['wardrobe', 'clothes-rail'],
  bedding: ['duvet-cover-set', 'fitted-sheet', 'pillowcase-pair'], mattresses: ['pocket-sprung-mattress', 'memory-foam-mattress'], cookware: ['casserole-dish', 'frying-pan', 'saucepan-set'],
  knives: ['chefs-knife', 'knife-block', 'bread-knife'], tableware: ['dinner-set', 'pasta-bowls', 'side-plates'], 'storage-jars': ['storage-jar', 'canister-set'],
  'table-lamps': ['table-lamp', 'bedside-lamp'], pendants: ['pendant-light', 'ceiling-shade'], 'floor-lamps': ['floor-lamp', 'arc-lamp'], planters: ['planter', 'plant-pot-set'],
  'garden-furniture': ['bistro-set', 'garden-bench', 'lounger'], bbq: ['kettle-bbq', 'bbq-tool-set'], rugs: ['rug', 'runner'], cushions: ['cushion', 'cushion-cover'], mirrors: ['wall-mirror', 'floor-mirror'],
  candles: ['scented-candle', 'pillar-candle'], throws: ['throw', 'blanket'],
}

interface Product {
  id: number
  slug: string
  cat: string
  sub: string
  images: number
  reviews: number
}

// ---------------------------------------------------------------------------------------------

interface Request {
  t: number
  ip: string
  method: string
  path: string
  status: number
  bytes: number
  ref: string
  ua: string
  sid: string | null
  ja4: string
  rt: number
  proto: string
}

/** One client program with its cookie jar and cache: a browser profile, a script, an app. */
interface Client {
  ua: string
  ja4: string
  /** Keeps the `sid` cookie the shop sets. */
  cookies: boolean
  /** Which sub-resources it fetches: all, all but images and fonts, or none. */
  assets: 'all' | 'no_images' | 'none'
  /** Runs the pages' scripts (cart fragments, the analytics beacon). */
  js: boolean
  sid: string | null
  cached: Set<string>
  /** Had the shop's assets cached from an earlier visit: revalidates some, 304. */
  warm: boolean
  owner: EntityLabel
  proto: string
}

export function generateFarmsCorpus(opts: FarmsOptions): FarmsCorpus {
  const { rand, pick, int, alnum } = seededText(0x5eed0000 + opts.seed)
  const H = opts.hours
  const END = START + H * 3_600_000
  const reqs: Request[] = []
  const ips: Record<string, EntityLabel> = {}
  const sessions: Record<string, EntityLabel> = {}
  const owners = new Map<string, EntityLabel>()

  const chance = (p: number): boolean => rand() < p
  const uniform = (lo: number, hi: number): number => lo + rand() * (hi - lo)
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand())
  const lognormal = (median: number, sigma: number): number => median * Math.exp(sigma * normal())
  const expo = (mean: number): number => -mean * Math.log(1 - rand())
  const weighted = <T>(items: ReadonlyArray<readonly [number, T]>): T => {
    let r = rand() * items.reduce((s, [w]) => s + w, 0)
    for (const [w, v] of items) if ((r -= w) < 0) return v
    return items[items.length - 1]![1]
  }
  const shuffle = <T>(xs: T[]): T[] => {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1))
      ;[xs[i], xs[j]] = [xs[j]!, xs[i]!]
    }
    return xs
  }

  const population = (label: Label, kind: string, n: number): EntityLabel => {
    const pop = `${kind}#${n}`
    return { label, kind, population: pop, holdout: isHoldout(opts.seed, pop) }
  }

  /** A fresh address of the pool, never given to another population. */
  const alloc = (pool: Pool, owner: EntityLabel): string => {
    for (;;) {
      const [base, size] = pick(pool)
      const n = ipToInt(base) + Math.floor(rand() * size)
      if (n % 256 === 0 || n % 256 === 255) continue
      const ip = intToIp(n)
      if (owners.has(ip)) continue
      owners.set(ip, owner)
      return ip
    }
  }
  const newSid = (owner: EntityLabel): string => {
    const sid = alnum(26).toLowerCase()
    sessions[sid] = owner
    return sid
  }

  // --- catalogue ------------------------------------------------------------------------------
  const products: Product[] = []
  const bySub = new Map<string, Product[]>()
  let nextId = 1040
  for (const [cat, subs] of Object.entries(CATEGORIES)) {
    for (const sub of subs) {
      const list: Product[] = []
      const n = int(35, 110)
      const used = new Set<string>()
      while (list.length < n) {
        const slug = [pick(WORDS.place), chance(0.6) ? pick(WORDS.material) : null, chance(0.4) ? pick(WORDS.colour) : null, pick(NOUN[sub]!)].filter((x) => x !== null).join('-')
        if (used.has(slug)) continue
        used.add(slug)
        nextId += int(1, 9)
        const p = { id: nextId, slug, cat, sub, images: int(3, 7), reviews: Math.floor(expo(12)) }
        list.push(p)
        products.push(p)
      }
      bySub.set(sub, list)
    }
  }
  const subs = [...bySub.keys()]
  const catOf = new Map(products.map((p) => [p.sub, p.cat]))
  // Popularity: a Zipf-like skew over a shuffled catalogue, so the best sellers are spread over categories.
  const byPopularity = shuffle([...products])
  const cumulative: number[] = []
  byPopularity.reduce((s, _, i) => (cumulative.push(s + 1 / (i + 1) ** 1.05), s + 1 / (i + 1) ** 1.05), 0)
  const popular = (): Product => {
    const r = rand() * cumulative[cumulative.length - 1]!
    let lo = 0
    let hi = cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cumulative[mid]! < r) lo = mid + 1
      else hi = mid
    }
    return byPopularity[lo]!
  }
  const popularIn = (sub: string): Product => {
    const list = bySub.get(sub)!
    // Within a listing the first rows get most of the clicks.
    return list[Math.min(list.length - 1, Math.floor(expo(list.length / 5)))]!
  }
  const productPath = (p: Product): string => `/product/${p.slug}/`
  const listPath = (sub: string, page = 1, query = ''): string => {
    return `/product-category/${catOf.get(sub)!}/${sub}/${page > 1 ? `page/${page}/` : ''}${query}`
  }
  const pages = (sub: string): number => Math.ceil(bySub.get(sub)!.length / 24)
  const SEARCH_TERMS = [...new Set(Object.values(NOUN).flat().map((n) => n.replaceAll('-', ' ')))]
  const humanQuery = (): string => {
    const q = weighted<string>([
      [4, pick(SEARCH_TERMS)],
      [2, `${pick(WORDS.colour).replace('-', ' ')} ${pick(SEARCH_TERMS)}`],
      [2, `${pick(WORDS.material)} ${pick(SEARCH_TERMS).split(' ').at(-1)!}`],
      [1, pick(WORDS.place)],
      [1, pick(SEARCH_TERMS).replace(/([aeiou])/, '$1$1')],
    ])
    return encodeURIComponent(q).replaceAll('%20', '+')
  }

  // --- static assets of the theme ---------------------------------------------------------------
  const THEME_ASSETS: Array<[string, number]> = [
    ['/wp-includes/css/dist/block-library/style.min.css?ver=6.8.3', 118_000],
    ['/wp-content/themes/storefront/style.css?ver=4.6.1', 61_000],
    ['/wp-content/plugins/woocommerce/assets/css/woocommerce.css?ver=10.3.0', 74_000],
    ['/wp-includes/js/jquery/jquery.min.js?ver=3.7.1', 87_500],
    ['/wp-includes/js/jquery/jquery-migrate.min.js?ver=3.4.1', 13_500],
    ['/wp-content/plugins/woocommerce/assets/js/frontend/woocommerce.min.js?ver=10.3.0', 4_100],
    ['/wp-content/plugins/woocommerce/assets/js/frontend/cart-fragments.min.js?ver=10.3.0', 3_200],
    ['/wp-content/plugins/woocommerce/assets/js/sourcebuster/sourcebuster.min.js?ver=10.3.0', 7_800],
    ['/wp-content/themes/storefront/assets/js/navigation.min.js?ver=4.6.1', 2_900],
  ]
  const FONT_ASSETS: Array<[string, number]> = [
    ['/wp-content/themes/storefront/assets/fonts/source-sans-pro-v21-latin-regular.woff2', 15_300],
    ['/wp-content/themes/storefront/assets/fonts/source-sans-pro-v21-latin-600.woff2', 15_800],
  ]
  const IMAGE_ASSETS: Array<[string, number]> = [
    ['/wp-content/uploads/2025/02/hollowbrook-logo.svg', 6_200],
    ['/favicon.ico', 4_286],
  ]
  const productImage = (p: Product, i: number, size: string): string => `/wp-content/uploads/2025/${String((p.id % 12) + 1).padStart(2, '0')}/${p.slug}${i > 0 ? `-${i + 1}` : ''}-${size}.webp`

  // --- the log ----------------------------------------------------------------------------------
  const emit = (c: Client, ip: string, t: number, method: string, path: string, status: number, bytes: number, ref: string, rt = 0.002): void => {
    if (t < START || t >= END) return
    if (!ips[ip]) ips[ip] = owners.get(ip) ?? c.owner
    reqs.push({ t, ip, method, path, status, bytes, ref, ua: c.ua, sid: c.cookies ? c.sid : null, ja4: c.ja4, rt, proto: c.proto })
    // The shop sets `sid` on the first response without one; only clients that keep cookies send it back.
    if (c.cookies && c.sid === null) c.sid = newSid(c.owner)
  }
  const pageTime = (): number => Math.max(0.04, lognormal(0.18, 0.6))

  /** A document and what the browser fetches for it; returns when the page has loaded. */
  const page = (c: Client, ip: string, t: number, path: string, ref: string, images: string[] = []): number => {
    const rt = pageTime()
    emit(c, ip, t, 'GET', path, 200, int(24_000, 95_000), ref, rt)
    let at = t + rt * 1000 + int(30, 200)
    const self = HOST + path
    if (c.assets !== 'none') {
      const wanted = [...THEME_ASSETS, ...(c.assets === 'all' ? [...FONT_ASSETS, ...IMAGE_ASSETS] : [])]
      for (const [asset, size] of wanted) {
        if (c.cached.has(asset)) continue
        c.cached.add(asset)
        at += int(5, 90)
        if (c.warm) {
          if (chance(0.3)) emit(c, ip, at, 'GET', asset, 304, 0, asset.endsWith('.woff2') ? `${HOST}${THEME_ASSETS[1]![0]}` : self)
        } else emit(c, ip, at, 'GET', asset, 200, size, asset.endsWith('.woff2') ? `${HOST}${THEME_ASSETS[1]![0]}` : self)
      }
      if (c.assets === 'all') {
        for (const img of images) {
          if (c.cached.has(img)) continue
          c.cached.add(img)
          at += int(10, 260)
          emit(c, ip, at, 'GET', img, 200, int(9_000, 160_000), self)
        }
      }
    }
    if (c.js) {
      at += int(100, 700)
      emit(c, ip, at, 'POST', '/?wc-ajax=get_refreshed_fragments', 200, int(900, 2_600), self, 0.09)
      emit(c, ip, at + int(300, 2_500), 'POST', '/wp-json/hollowbrook/v1/collect', 204, 0, self, 0.01)
    }
    return at
  }
  const productImages = (c: Client, p: Product): string[] => Array.from({ length: c.ua.includes('Mobile') ? 2 : p.images }, (_, i) => productImage(p, i, '600x600'))
  const listImages = (sub: string, page: number, seen: number): string[] =>
    bySub
      .get(sub)!
      .slice((page - 1) * 24, (page - 1) * 24 + seen)
      .map((p) => productImage(p, 0, '324x324'))
  const productPage = (c: Client, ip: string, t: number, p: Product, ref: string, query = ''): number => page(c, ip, t, productPath(p) + query, ref, productImages(c, p))
  const listPage = (c: Client, ip: string, t: number, sub: string, pageNo: number, ref: string, query = ''): number =>
    page(c, ip, t, listPath(sub, pageNo, query), ref, listImages(sub, pageNo, c.ua.includes('Mobile') ? int(4, 10) : int(8, 24)))

  // --- user agents ------------------------------------------------------------------------------
  const firefoxUa = (v: number): string => `Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:${v}.0) Gecko/20100101 Firefox/${v}.0`
  const chromeVersion = (): number => CHROME_NOW - weighted([[55, 0], [25, 1], [8, 2], [4, 3], [3, 4], [2, 6], [2, 9], [1, 15]])
  const desktopUa = (): [string, Stack] =>
    weighted<[string, Stack]>([
      [42, [`Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chromeVersion()}.0.0.0 Safari/537.36`, 'chrome']],
      [14, [`Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chromeVersion()}.0.0.0 Safari/537.36`, 'chrome']],
      [12, (() => { const v = chromeVersion(); return [`Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Safari/537.36 Edg/${v}.0.${int(3000, 3600)}.${int(40, 120)}`, 'chrome'] as [string, Stack] })()],
      [13, [`Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${pick(['26.1', '26.0.1', '26.1', '18.6'])} Safari/605.1.15`, 'safari']],
      [8, [firefoxUa(FIREFOX_NOW - weighted([[6, 0], [3, 1], [1, 6]])), 'firefox']],
      [3, [`Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chromeVersion()}.0.0.0 Safari/537.36`, 'chrome']],
      [2, [`Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:${FIREFOX_NOW}.0) Gecko/20100101 Firefox/${FIREFOX_NOW}.0`, 'firefox']],
      [3, [`Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chromeVersion()}.0.0.0 Safari/537.36 OPR/${chromeVersion() - 15}.0.0.0`, 'chrome']],
    ])
  const mobileUa = (): [string, Stack] =>
    weighted<[string, Stack]>([
      [40, [`Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${pick(['26.1', '26.0', '26.1'])} Mobile/15E148 Safari/604.1`, 'safari']],
      [6, [`Mozilla/5.0 (iPhone; CPU iPhone OS ${pick(['17_7', '18_5', '16_7_10'])} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${pick(['17.7', '18.5', '16.6'])} Mobile/15E148 Safari/604.1`, 'safari']],
      [34, [`Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chromeVersion()}.0.0.0 Mobile Safari/537.36`, 'chrome']],
      [9, [`Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/${pick(['28.0', '29.0', '27.0'])} Chrome/${CHROME_NOW - int(8, 14)}.0.0.0 Mobile Safari/537.36`, 'chrome']],
      [5, [`Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/${chromeVersion()}.0.${int(6000, 7300)}.${int(30, 150)} Mobile/15E148 Safari/604.1`, 'safari']],
      [4, [`Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chromeVersion()}.0.0.0 Safari/537.36`, 'chrome']],
      [2, [`Mozilla/5.0 (iPad; CPU OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Mobile/15E148 Safari/604.1`, 'safari']],
    ])
  const inAppUa = (): [string, Stack] =>
    weighted<[string, Stack]>([
      [3, [`Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram ${int(395, 404)}.0.0.${int(20, 60)}.${int(70, 120)} (iPhone${int(13, 17)},${int(2, 4)}; iOS 18_6; en_GB; en-GB; scale=3.00; 1179x2556; ${int(700000000, 799999999)})`, 'safari']],
      [3, [`Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/${int(490, 505)}.0.0.${int(30, 60)}.${int(90, 120)};FBBV/${int(700000000, 799999999)};FBDV/iPhone${int(13, 17)},${int(2, 4)};FBMD/iPhone;FBSN/iOS;FBSV/18.6;FBSS/3;FBCR/;FBID/phone;FBLC/en_GB;FBOP/80]`, 'safari']],
      [3, [`Mozilla/5.0 (Linux; Android 14; SM-S921B Build/UP1A.231005.007; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/${chromeVersion()}.0.0.0 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/${int(490, 505)}.0.0.${int(30, 60)}.${int(90, 120)};]`, 'chrome']],
      [1, [`Mozilla/5.0 (Linux; Android 13; Pixel 7 Build/TQ3A.230901.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/${chromeVersion()}.0.0.0 Mobile Safari/537.36 musical_ly_2024106030 JsSdk/1.0 NetType/WIFI Channel/googleplay AppName/musical_ly app_version/40.6.3 ByteLocale/en-GB`, 'chrome']],
    ])
  const APP_VERSION = '5.12.0'
  const appUa = (): [string, Stack] =>
    chance(0.55)
      ? [`Hollowbrook/${APP_VERSION} (iPhone; iOS ${pick(['18.6', '26.1', '26.0.1'])}; Scale/3.00) CFNetwork/${pick(['3826.500.131', '3860.100.1'])} Darwin/${pick(['24.6.0', '25.1.0'])}`, 'safari']
      : [`Hollowbrook/${APP_VERSION} (Android ${pick(['13', '14', '15'])}; ${pick(['SM-S918B', 'Pixel 8', 'SM-A546B', 'CPH2581', '2312DRA50G'])}) okhttp/4.12.0`, 'okhttp']

  const client = (owner: EntityLabel, [ua, stack]: [string, Stack], o: Partial<Omit<Client, 'ua' | 'ja4' | 'owner'>> = {}): Client => ({
    ua,
    ja4: JA4[stack],
    cookies: true,
    assets: 'all',
    js: true,
    sid: null,
    cached: new Set(),
    warm: false,
    owner,
    proto: 'HTTP/2.0',
    ...o,
  })

  // --- people -----------------------------------------------------------------------------------

  type Source = 'direct' | 'google' | 'shopping' | 'comparison' | 'social' | 'email' | 'bing'
  const ENTRY_REF: Record<Source, () => string> = {
    direct: () => '-',
    google: () => pick(['https://www.google.com/', 'https://www.google.co.uk/', 'https://www.google.co.uk/']),
    bing: () => 'https://www.bing.com/',
    shopping: () => 'https://www.google.co.uk/',
    comparison: () => pick(['https://www.idealo.co.uk/', 'https://www.pricerunner.com/', 'https://www.kelkoo.co.uk/']),
    social: () => pick(['https://l.facebook.com/', 'https://www.instagram.com/', 'https://l.instagram.com/', 'https://www.pinterest.co.uk/']),
    email: () => '-',
  }

  interface Visit {
    c: Client
    ip: () => string
    t: number
    source: Source
    pages: number
    buyer: number
    /** Opens several products from a listing in tabs, reads them later. */
    tabs: boolean
    landing?: Product
    campaign?: string
    /** Signed-in customer checking orders, wish list. */
    account: boolean
    dwell: number
  }

  /** A shopper's visit: entry from a source, a browse over the catalogue, sometimes a purchase. */
  const visit = (v: Visit): void => {
    const { c } = v
    let t = v.t
    const think = (scale = 1): number => Math.max(1_500, lognormal(v.dwell, 0.9) * 1000 * scale)
    // The back/forward cache serves about half of the back navigations without a request.
    const fromBfcache = (): boolean => chance(0.45)
    let here = ''
    let sub = pick(subs)
    let pageNo = 1
    let product: Product | null = null
    const go = (path: string): void => {
      here = HOST + path
    }
    // Entry.
    const ref0 = ENTRY_REF[v.source]()
    if (v.landing !== undefined) {
      product = v.landing
      sub = product.sub
      const q =
        v.campaign ??
        (v.source === 'shopping' ? `?srsltid=${alnum(48)}` : v.source === 'social' ? `?fbclid=${alnum(60)}` : v.source === 'comparison' ? `?utm_source=${ref0.includes('idealo') ? 'idealo' : 'pricecomparison'}&utm_medium=cpc` : '')
      t = productPage(c, v.ip(), t, product, ref0, q)
      go(productPath(product) + q)
    } else if (v.source === 'google' || v.source === 'bing') {
      if (chance(0.6)) {
        product = popular()
        sub = product.sub
        t = productPage(c, v.ip(), t, product, ref0)
        go(productPath(product))
      } else {
        t = listPage(c, v.ip(), t, sub, 1, ref0)
        go(listPath(sub))
      }
    } else if (v.account) {
      t = page(c, v.ip(), t, '/my-account/', ref0)
      go('/my-account/')
      t += think(0.5)
      t = page(c, v.ip(), t, '/my-account/orders/', here)
      go('/my-account/orders/')
      if (chance(0.5)) {
        t += think(0.5)
        const order = int(48_000, 52_000)
        t = page(c, v.ip(), t, `/my-account/view-order/${order}/`, here)
        go(`/my-account/view-order/${order}/`)
      }
    } else {
      t = page(c, v.ip(), t, '/', ref0, ['/wp-content/uploads/2025/10/autumn-hero-1920x800.webp', '/wp-content/uploads/2025/10/living-edit-800x800.webp'])
      go('/')
    }
    let cart = 0
    for (let n = 1; n < v.pages && t < END; n++) {
      t += think(product === null ? 0.5 : 1)
      const ip = v.ip()
      if (product !== null) {
        const r = rand()
        if (r < 0.03) {
          t = productPage(c, ip, t, product, '-') // a reload
        } else if (r < 0.1 + v.buyer * 0.25 && cart < 4) {
          emit(c, ip, t, 'POST', '/?wc-ajax=add_to_cart', 200, int(1_800, 3_500), here, 0.21)
          cart++
          if (chance(0.4)) {
            t += think(0.3)
            t = page(c, ip, t, '/cart/', here)
            go('/cart/')
            product = null
          }
        } else if (r < 0.45) {
          if (!fromBfcache()) t = listPage(c, ip, t, sub, pageNo, here)
          go(listPath(sub, pageNo))
          product = null
        } else if (r < 0.65) {
          const next = popularIn(sub)
          t = productPage(c, ip, t, next, here)
          product = next
          go(productPath(next))
        } else if (r < 0.7 && product.reviews > 10) {
          t = page(c, ip, t, `${productPath(product)}comment-page-2/`, here)
          go(`${productPath(product)}comment-page-2/`)
        } else if (r < 0.8) {
          const q = humanQuery()
          t = page(c, ip, t, `/?s=${q}&post_type=product`, here)
          go(`/?s=${q}&post_type=product`)
          product = null
        } else if (r < 0.9) {
          sub = pick(subs)
          pageNo = 1
          t = listPage(c, ip, t, sub, 1, here)
          go(listPath(sub))
          product = null
        } else break
      } else if (here.endsWith('/cart/')) {
        if (chance(0.35 + v.buyer * 0.5)) {
          t = page(c, ip, t, '/checkout/', here)
          go('/checkout/')
          for (let k = 0; k < int(1, 4); k++) emit(c, ip, (t += int(4_000, 40_000)), 'POST', '/?wc-ajax=update_order_review', 200, int(4_000, 9_000), here, 0.3)
          if (chance(0.25)) {
            emit(c, ip, (t += think(0.4)), 'POST', '/?wc-ajax=checkout', 200, 210, here, 1.4)
          }
          t += think(1.2)
          emit(c, ip, t, 'POST', '/?wc-ajax=checkout', 200, 190, here, 1.9)
          const order = int(52_000, 56_000)
          t = page(c, ip, t + int(1_500, 5_000), `/checkout/order-received/${order}/?key=wc_order_${alnum(13)}`, here)
          break
        }
        const next = popular()
        t = productPage(c, ip, t, next, here)
        product = next
        sub = next.sub
        go(productPath(next))
      } else {
        // On a listing, the home page or search results.
        const r = rand()
        if (v.tabs && here.includes('/product-category/') && r < 0.5) {
          const opened = Array.from({ length: int(3, 8) }, () => popularIn(sub))
          for (const p of opened) t = productPage(c, ip, t + int(700, 3_500), p, here)
          t += opened.length * think()
          product = opened.at(-1)!
          go(productPath(product))
        } else if (r < 0.55) {
          const next = here.includes('?s=') ? popular() : popularIn(sub)
          t = productPage(c, ip, t, next, here)
          product = next
          sub = next.sub
          go(productPath(next))
        } else if (r < 0.7 && pageNo < pages(sub)) {
          pageNo++
          t = listPage(c, ip, t, sub, pageNo, here)
          go(listPath(sub, pageNo))
        } else if (r < 0.82) {
          const filter = pick([`?filter_colour=${pick(WORDS.colour)}`, '?orderby=price', '?orderby=price-desc', '?orderby=popularity', `?min_price=${int(1, 6) * 25}&max_price=${int(7, 20) * 50}`, `?filter_material=${pick(WORDS.material)}&query_type_material=or`])
          pageNo = 1
          t = listPage(c, ip, t, sub, 1, here, filter)
          go(listPath(sub, 1, filter))
        } else if (r < 0.9) {
          sub = pick(subs)
          pageNo = 1
          t = listPage(c, ip, t, sub, 1, here)
          go(listPath(sub))
        } else {
          const q = humanQuery()
          t = page(c, ip, t, `/?s=${q}&post_type=product`, here)
          go(`/?s=${q}&post_type=product`)
        }
      }
    }
  }

  const pagesOf = (mean: number): number => 1 + Math.floor(expo(mean - 1))
  const startIn = (): number => START + rand() * H * 3_600_000
  const perHour = (n: number): number => Math.max(1, Math.round(n * H))
  const fixed = (ip: string): (() => string) => () => ip

  const humanKinds: Array<{ kind: string; visits: number; make: (pop: EntityLabel, i: number) => void }> = []
  const human = (kind: string, visitsPerHour: number, make: (pop: EntityLabel, i: number) => void): void => {
    humanKinds.push({ kind, visits: visitsPerHour, make })
  }
  const popOf = (kind: string, i: number, groups = 5): EntityLabel => population('human', kind, i % groups)
  const basicVisit = (c: Client, ip: () => string, o: Partial<Visit> = {}): void =>
    visit({ c, ip, t: startIn(), source: weighted<Source>([[40, 'google'], [25, 'direct'], [4, 'bing'], [8, 'shopping'], [5, 'comparison'], [6, 'social'], [3, 'email']]), pages: pagesOf(7), buyer: rand() * 0.4, tabs: false, account: false, dwell: 22, ...o })

  human('desktop', 330, (pop) => {
    const c = client(pop, desktopUa(), { warm: chance(0.2) })
    basicVisit(c, fixed(alloc(chance(0.8) ? POOLS.homeUk : POOLS.homeEu, pop)))
  })
  human('mobile', 330, (pop) => {
    const c = client(pop, mobileUa(), { warm: chance(0.15) })
    const home = alloc(chance(0.5) ? POOLS.homeUk : POOLS.mobile, pop)
    // Some phones move from the carrier to home Wi-Fi in the middle of a visit.
    if (chance(0.08)) {
      const wifi = alloc(POOLS.homeUk, pop)
      let n = 0
      basicVisit(c, () => (n++ < 3 ? home : wifi), { dwell: 16 })
    } else basicVisit(c, fixed(home), { dwell: 16 })
  })
  // Carrier-grade NAT: a few public addresses per carrier region carry thousands of phones.
  const cgnat = Array.from({ length: 8 }, (_, i) => alloc(POOLS.mobile, popOf('carrier_nat', i, 4)))
  human('carrier_nat', 140, (_, i) => {
    const ip = cgnat[i % cgnat.length]!
    const pop = owners.get(ip)!
    basicVisit(client(pop, mobileUa()), fixed(ip), { dwell: 15 })
  })
  const offices = Array.from({ length: 6 }, (_, i) => alloc(POOLS.office, popOf('office_nat', i, 3)))
  human('office_nat', 45, (_, i) => {
    const ip = offices[i % offices.length]!
    const pop = owners.get(ip)!
    // A managed fleet: one browser build for the whole office.
    const v = CHROME_NOW - (i % offices.length) % 3
    basicVisit(client(pop, [`Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Safari/537.36 Edg/${v}.0.3405.${80 + (i % offices.length)}`, 'chrome'], { warm: chance(0.4) }), fixed(ip), { source: chance(0.5) ? 'google' : 'direct' })
  })
  const universities = Array.from({ length: 9 }, (_, i) => alloc(POOLS.university, popOf('university', Math.floor(i / 3), 3)))
  human('university', 30, (_, i) => {
    const ip = universities[i % universities.length]!
    basicVisit(client(owners.get(ip)!, chance(0.5) ? desktopUa() : mobileUa()), fixed(ip))
  })
  const relayExits = Array.from({ length: 40 }, (_, i) => alloc(POOLS.relay, popOf('private_relay', i, 4)))
  human('private_relay', 70, (_, i) => {
    const ip = relayExits[(i * 7 + int(0, 3)) % relayExits.length]!
    // Private Relay is Safari's: iPhones, iPads and Macs of iCloud+ subscribers.
    const ua: [string, Stack] = chance(0.7) ? [`Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${pick(['26.1', '26.0', '26.0.1'])} Mobile/15E148 Safari/604.1`, 'safari'] : [`Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Safari/605.1.15`, 'safari']
    basicVisit(client(owners.get(ip)!, ua, { js: chance(0.75) }), fixed(ip))
  })
  const vpnExits = Array.from({ length: 25 }, (_, i) => alloc(POOLS.vpn, popOf('vpn_user', i, 3)))
  human('vpn_user', 30, (_, i) => {
    const ip = vpnExits[(i * 3) % vpnExits.length]!
    basicVisit(client(owners.get(ip)!, desktopUa(), { js: chance(0.7) }), fixed(ip))
  })
  const torExits = Array.from({ length: 30 }, (_, i) => alloc(POOLS.tor, popOf('tor_user', i, 2)))
  human('tor_user', 6, (_, i) => {
    // Tor Browser: Firefox ESR, one look for every user; the circuit (and exit) changes every ten minutes or so.
    const pop = popOf('tor_user', i, 2)
    const c = client(pop, ['Mozilla/5.0 (Windows NT 10.0; rv:140.0) Gecko/20100101 Firefox/140.0', 'torEsr'], { js: chance(0.6), assets: chance(0.5) ? 'all' : 'no_images' })
    const t0 = startIn()
    let exit = pick(torExits)
    let since = t0
    let clock = t0
    visit({ c, ip: () => { clock += 40_000; if (clock - since > 600_000) { exit = pick(torExits); since = clock } return exit }, t: t0, source: 'direct', pages: pagesOf(9), buyer: 0.3, tabs: false, account: false, dwell: 35 })
  })
  human('accessibility', 10, (pop) => {
    // Screen readers and magnifiers: the same browsers, read slowly; some turn images off.
    basicVisit(client(pop, desktopUa(), { assets: chance(0.4) ? 'no_images' : 'all' }), fixed(alloc(POOLS.homeUk, pop)), { dwell: 70, pages: pagesOf(6) })
  })
  human('script_blocker', 70, (pop) => {
    // uBlock Origin, NoScript, Brave shields: pages and styles, but no beacon; some block images too.
    const c = client(pop, desktopUa(), { js: false, assets: chance(0.15) ? 'no_images' : 'all' })
    basicVisit(c, fixed(alloc(chance(0.7) ? POOLS.homeUk : POOLS.homeEu, pop)))
  })
  human('many_tabs', 45, (pop) => {
    basicVisit(client(pop, desktopUa()), fixed(alloc(POOLS.homeUk, pop)), { tabs: true, pages: pagesOf(12), source: 'direct' })
  })
  human('returning_customer', 70, (pop) => {
    // Warm cache and a signed-in account: revalidations, orders, a re-order.
    const [ua, stack] = chance(0.5) ? desktopUa() : mobileUa()
    basicVisit(client(pop, [ua, stack], { warm: true }), fixed(alloc(POOLS.homeUk, pop)), { source: 'direct', account: chance(0.6), buyer: 0.5 })
  })
  human('power_shopper', 12, (pop) => {
    basicVisit(client(pop, desktopUa(), { warm: chance(0.5) }), fixed(alloc(POOLS.homeUk, pop)), { pages: int(50, 160), dwell: 14, tabs: chance(0.5), buyer: 0.6 })
  })
  human('shopping_ads', 60, (pop) => {
    const [ua, stack] = chance(0.6) ? mobileUa() : desktopUa()
    basicVisit(client(pop, [ua, stack]), fixed(alloc(chance(0.5) ? POOLS.homeUk : POOLS.mobile, pop)), { source: 'shopping', landing: popular(), pages: pagesOf(3) })
  })
  human('comparison_site', 35, (pop) => {
    basicVisit(client(pop, chance(0.5) ? mobileUa() : desktopUa()), fixed(alloc(POOLS.homeUk, pop)), { source: 'comparison', landing: popular(), pages: pagesOf(2.5) })
  })
  human('social_inapp', 50, (pop) => {
    basicVisit(client(pop, inAppUa()), fixed(alloc(chance(0.6) ? POOLS.mobile : POOLS.homeUk, pop)), { source: 'social', landing: popular(), pages: pagesOf(2.5), dwell: 12 })
  })
  human('app_user', 45, (pop) => {
    // The shop's own app: Store API only, no pages, no assets, no referrer.
    const c = client(pop, appUa(), { assets: 'none', js: false, proto: 'HTTP/2.0' })
    const ip = alloc(chance(0.5) ? POOLS.mobile : POOLS.homeUk, pop)
    let t = startIn()
    const api = (path: string): void => emit(c, ip, (t += Math.max(400, lognormal(9_000, 1) )), 'GET', path, 200, int(3_000, 60_000), '-', 0.12)
    api('/wp-json/wc/store/v1/products?featured=true&per_page=20')
    api('/wp-json/wc/store/v1/cart')
    for (let n = 0; n < pagesOf(8); n++) {
      const p = popular()
      if (chance(0.3)) api(`/wp-json/wc/store/v1/products?category=${p.sub}&per_page=20&page=1`)
      api(`/wp-json/wc/store/v1/products/${p.id}`)
      if (chance(0.1)) emit(c, ip, (t += 5_000), 'POST', '/wp-json/wc/store/v1/cart/add-item', 201, 4_200, '-', 0.3)
    }
  })

  // A newsletter: thousands of subscribers click to one product within the first hour after the send.
  const sendAt = START + H * 3_600_000 * uniform(0.25, 0.45)
  const featured = byPopularity[int(30, 80)]!
  const NEWSLETTER = 1_400
  for (let i = 0; i < NEWSLETTER; i++) {
    const pop = popOf('newsletter', i)
    const [ua, stack] = chance(0.62) ? mobileUa() : desktopUa()
    const c = client(pop, [ua, stack], { warm: chance(0.3) })
    visit({ c, ip: fixed(alloc(chance(0.5) ? POOLS.homeUk : POOLS.mobile, pop)), t: sendAt + expo(18 * 60_000), source: 'email', landing: featured, campaign: `?utm_source=newsletter&utm_medium=email&utm_campaign=autumn-edit-${opts.seed}`, pages: pagesOf(3), buyer: 0.4, tabs: false, account: false, dwell: 18 })
  }
  for (const { kind, visits, make } of humanKinds) {
    for (let i = 0; i < perHour(visits); i++) make(popOf(kind, i), i)
  }

  // --- good bots and declared crawlers ------------------------------------------------------------
  const sitemapOrder = [...products].sort((a, b) => a.id - b.id)
  const crawl = (owner: EntityLabel, pool: Pool, exits: number, ua: string, stack: Stack, rate: number, o: { render?: boolean; robots?: boolean } = {}): void => {
    const addrs = Array.from({ length: exits }, () => alloc(pool, owner))
    const c = client(owner, [ua, stack], { cookies: false, assets: 'none', js: false, proto: 'HTTP/1.1' })
    let t = START + rand() * 600_000
    if (o.robots !== false) {
      emit(c, pick(addrs), t, 'GET', '/robots.txt', 200, 1_024, '-')
      emit(c, pick(addrs), (t += int(2_000, 20_000)), 'GET', '/product-sitemap.xml', 200, 220_000, '-')
    }
    const order = shuffle([...sitemapOrder])
    for (let i = 0; t < END && i < order.length; i++) {
      t += expo(3_600_000 / rate)
      const p = i % 10 === 9 ? null : order[i]!
      const path = p === null ? listPath(pick(subs)) : productPath(p)
      const ip = pick(addrs)
      emit(c, ip, t, 'GET', path, chance(0.01) ? 404 : 200, int(24_000, 95_000), '-', 0.2)
      if (o.render === true && chance(0.3)) for (const [a, s] of THEME_ASSETS.slice(0, 4)) emit(c, ip, t + int(500, 30_000), 'GET', a, 200, s, HOST + path)
    }
  }
  crawl(population('good_bot_verified', 'googlebot', 0), POOLS.googlebot, 14, `Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${CHROME_NOW - 1}.0.7390.122 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)`, 'googlebot', 500, { render: true })
  crawl(population('good_bot_verified', 'googlebot', 1), POOLS.googlebot, 3, 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 'googlebot', 80, { robots: false })
  crawl(population('good_bot_verified', 'bingbot', 0), POOLS.bingbot, 8, 'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) Chrome/131.0.0.0 Safari/537.36', 'bingbot', 180)
  crawl(population('good_bot_verified', 'adsbot', 0), POOLS.googlebot, 2, 'AdsBot-Google (+http://www.google.com/adsbot.html)', 'googlebot', 25, { robots: false })
  crawl(population('declared_crawler', 'ahrefsbot', 0), POOLS.ahrefs, 5, 'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)', 'go', 220)
  crawl(population('declared_crawler', 'semrushbot', 0), POOLS.semrush, 4, 'Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)', 'go', 120)
  crawl(population('declared_crawler', 'gptbot', 0), POOLS.gptbot, 4, 'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.3; +https://openai.com/gptbot)', 'python', 90)
  // Link previews: a shared product link fetched by the platform the moment it is posted.
  const previewers: Array<[string, Pool, string]> = [
    ['facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)', POOLS.meta, 'meta'],
    ['WhatsApp/2.25.31.76 A', POOLS.meta, 'meta'],
    ['Twitterbot/1.0', POOLS.twitter, 'twitter'],
  ]
  for (const [n, [ua, pool]] of previewers.entries()) {
    const owner = population('good_bot_verified', 'link_previewer', n)
    const addrs = Array.from({ length: 6 }, () => alloc(pool, owner))
    const c = client(owner, [ua, 'go'], { cookies: false, assets: 'none', js: false, proto: 'HTTP/1.1' })
    for (let i = 0; i < perHour(12); i++) {
      const t = startIn()
      const p = popular()
      emit(c, pick(addrs), t, 'GET', productPath(p), 200, int(24_000, 95_000), '-', 0.2)
      emit(c, pick(addrs), t + int(300, 2_000), 'GET', productImage(p, 0, '1200x630'), 200, int(60_000, 200_000), '-')
    }
  }

  // --- bad bots -----------------------------------------------------------------------------------
  const bot = (kind: string, n: number): EntityLabel => population('bad_bot', kind, n)
  const residential: Pool = [...POOLS.homeUk, ...POOLS.homeEu, ...POOLS.homeUs]
  /** A user agent as rotation lists carry them: real strings, recent and not so recent. */
  const rotatedUa = (spread: number): [string, Stack] => {
    const v = CHROME_NOW - int(0, spread)
    return weighted<[string, Stack]>([
      [6, [`Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Safari/537.36`, 'chrome']],
      [3, [`Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Safari/537.36`, 'chrome']],
      [2, [`Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Safari/537.36 Edg/${v}.0.${int(2000, 3500)}.${int(40, 120)}`, 'chrome']],
      [2, [firefoxUa(FIREFOX_NOW - int(0, spread)), 'firefox']],
      [2, [`Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${pick(['17.6', '18.5', '26.0', '26.1'])} Safari/605.1.15`, 'safari']],
      [1, [`Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Mobile/15E148 Safari/604.1`, 'safari']],
    ])
  }
  /** The UA an operation claims, with the TLS stack it really has (a mismatch when they differ). */
  const claimed = (ua: [string, Stack], real: Stack): [string, Stack] => [ua[0], real]

  // 1. Real-browser farms (Playwright / Puppeteer with stealth) over residential proxies: a sticky
  // proxy session of a few pages per fresh browser context, assets and scripts, human pacing.
  // Each operation covers its target categories product by product.
  for (let n = 0; n < 4; n++) {
    const owner = bot('browser_farm_resi', n)
    const targets = shuffle([...subs]).slice(0, int(2, 4))
    const queue = shuffle(targets.flatMap((s) => bySub.get(s)!))
    const pool = n % 2 === 0 ? POOLS.homeUk : residential
    const assets = n === 2 ? 'no_images' : 'all'
    let t = START + rand() * 1_800_000
    while (queue.length > 0 && t < END) {
      const ip = alloc(pool, owner)
      const c = client(owner, claimed(rotatedUa(3), 'chrome'), { assets, js: true })
      const sub = pick(targets)
      let at = listPage(c, ip, t, sub, 1, chance(0.5) ? 'https://www.google.co.uk/' : '-')
      let here = HOST + listPath(sub)
      for (let k = int(3, 9); k > 0 && queue.length > 0; k--) {
        at += n === 1 ? uniform(6_000, 11_000) : lognormal(14_000, 0.5)
        const p = queue.pop()!
        at = productPage(c, ip, at, p, here)
        if (chance(0.3)) {
          at += lognormal(5_000, 0.4)
          at = listPage(c, ip, at, p.sub, int(1, pages(p.sub)), HOST + productPath(p))
          here = HOST + listPath(p.sub)
        }
      }
      // Several browser contexts run at once on one farm.
      t += expo(n === 3 ? 200_000 : 60_000)
    }
  }

  // 2. Anti-detect browser profiles over mobile proxies: each profile keeps its cookies for days,
  // claims a device of its own (Safari on iPhone, Firefox on Windows…) but every profile runs on
  // the same Chromium, so the TLS fingerprint is Chrome's whatever the UA says.
  for (let n = 0; n < 3; n++) {
    const owner = bot('antidetect_mobile', n)
    for (let profile = 0; profile < int(12, 25); profile++) {
      const ua = chance(0.5) ? mobileUa() : desktopUa()
      const c = client(owner, [ua[0], 'chrome'], { assets: chance(0.5) ? 'all' : 'no_images' })
      c.sid = newSid(owner)
      let t = START + rand() * 3_600_000
      while (t < END) {
        const ip = alloc(POOLS.mobile, owner)
        let at = t
        let here = '-'
        for (let k = int(4, 12); k > 0; k--) {
          if (n === 0) {
            const q = `${pick(WORDS.colour).replace('-', '+')}+${pick(SEARCH_TERMS).replaceAll(' ', '+')}`
            at = page(c, ip, at, `/?s=${q}&post_type=product`, here)
            here = `${HOST}/?s=${q}&post_type=product`
          } else {
            const p = chance(0.7) ? pick(products) : popular()
            at = productPage(c, ip, at, p, here)
            here = HOST + productPath(p)
          }
          at += lognormal(9_000, 0.6)
        }
        t = at + expo(n === 2 ? 2_400_000 : 900_000)
      }
    }
  }

  // 3. Scraping APIs: one request per exit from a pool of millions, rotating UAs, no cookies, no
  // assets. One impersonates Chrome's TLS whatever UA it rotates to; one is Go; one renders.
  for (let n = 0; n < 3; n++) {
    const owner = bot('scraping_api', n)
    const real: Stack = n === 0 ? 'chrome' : n === 1 ? 'go' : 'chrome'
    const rate = [1_000, 450, 250][n]!
    const queue = shuffle([...products])
    for (let i = 0; i < perHour(rate) && i < queue.length * 3; i++) {
      const c = client(owner, claimed(rotatedUa(n === 1 ? 25 : 8), real), { cookies: false, assets: 'none', js: false, proto: n === 1 ? 'HTTP/1.1' : 'HTTP/2.0' })
      const p = queue[i % queue.length]!
      const path = chance(0.85) ? productPath(p) : listPath(p.sub, int(1, pages(p.sub)))
      emit(c, alloc(n === 2 ? POOLS.homeUs : residential, owner), startIn(), 'GET', path, chance(0.02) ? 404 : 200, int(24_000, 95_000), chance(0.3) ? 'https://www.google.com/' : '-', 0.3)
    }
  }

  // 4. Price intelligence: once a day, every listing page of one category sorted by price, then
  // every product in it; a few addresses, no assets.
  for (let n = 0; n < 4; n++) {
    const owner = bot('price_intel', n)
    const sub = pick(subs)
    const stack: Stack = [ 'python', 'go', 'chrome', 'python'][n]! as Stack
    const pool = n === 0 ? POOLS.aws : n === 1 ? POOLS.hosting : residential
    const exits = Array.from({ length: n === 2 ? 12 : int(1, 3) }, () => alloc(pool, owner))
    const ua = desktopUa()
    let c = client(owner, [ua[0].includes('Firefox') ? rotatedUa(1)[0] : ua[0], stack], { assets: 'none', js: false, cookies: n === 2, proto: stack === 'python' ? 'HTTP/1.1' : 'HTTP/2.0' })
    let t = startIn() - (n === 3 ? 0 : rand() * 1_800_000)
    let e = 0
    const next = (): string => exits[Math.floor(e++ / 25) % exits.length]!
    for (let pg = 1; pg <= pages(sub); pg++) emit(c, next(), (t += uniform(1_000, 4_000)), 'GET', listPath(sub, pg, '?orderby=price'), 200, int(60_000, 90_000), '-', 0.4)
    for (const p of bySub.get(sub)!) {
      if (n === 2 && e % 25 === 0) c = { ...c, sid: null }
      emit(c, next(), (t += n === 3 ? uniform(20_000, 40_000) : uniform(1_500, 5_000)), 'GET', productPath(p), 200, int(24_000, 95_000), '-', 0.3)
    }
  }

  // 5. Stock monitors: a watch list polled every few minutes, the JSON API or the page.
  for (let n = 0; n < 4; n++) {
    const owner = bot('stock_monitor', n)
    const watch = Array.from({ length: int(3, 20) }, () => popular())
    const exits = Array.from({ length: n === 1 ? 3 : 1 }, () => alloc(n === 0 ? POOLS.aws : n === 1 ? POOLS.homeUk : n === 2 ? POOLS.hosting : POOLS.homeEu, owner))
    const c = client(owner, [n === 3 ? appUa()[0] : rotatedUa(2)[0], n === 1 ? 'chrome' : 'python'], { assets: 'none', js: false, cookies: n === 1, proto: 'HTTP/1.1' })
    const period = [120_000, 300_000, 60_000, 180_000][n]!
    for (let t = START + rand() * period, k = 0; t < END; t += period * uniform(0.8, 1.2), k++) {
      let at = t
      for (const p of watch) {
        at += uniform(200, 2_000)
        const ip = exits[k % exits.length]!
        if (n === 0 || n === 3) emit(c, ip, at, 'GET', `/wp-json/wc/store/v1/products/${p.id}`, 200, int(3_000, 9_000), '-', 0.1)
        else if (n === 2) emit(c, ip, at, 'POST', '/?wc-ajax=get_variation', 200, int(1_500, 3_000), HOST + productPath(p), 0.1)
        else emit(c, ip, at, 'GET', productPath(p), 200, int(24_000, 95_000), '-', 0.3)
      }
    }
  }

  // 6. Search-result scrapers: a keyword list walked query by query, result pages 1–3, each
  // request from another residential exit, a rotating UA.
  for (let n = 0; n < 3; n++) {
    const owner = bot('search_scraper', n)
    const terms = shuffle(WORDS.material.flatMap((m) => SEARCH_TERMS.map((s) => `${m} ${s.split(' ').at(-1)!}`))).slice(0, perHour(150))
    let t = startIn() - rand() * 3_600_000 * H * 0.5
    let ip = alloc(residential, owner)
    for (const term of terms) {
      const q = encodeURIComponent(term).replaceAll('%20', '+')
      for (let pg = 1; pg <= (chance(0.4) ? int(2, 3) : 1); pg++) {
        if (chance(n === 2 ? 0.3 : 0.8)) ip = alloc(residential, owner)
        const c = client(owner, claimed(rotatedUa(6), n === 1 ? 'python' : 'chrome'), { cookies: false, assets: 'none', js: false })
        emit(c, ip, (t += expo(n === 2 ? 40_000 : 8_000)), 'GET', pg === 1 ? `/?s=${q}&post_type=product` : `/page/${pg}/?s=${q}&post_type=product`, 200, int(30_000, 80_000), pg > 1 ? `${HOST}/?s=${q}&post_type=product` : '-', 0.6)
      }
    }
  }

  // 7. Sitemap-driven crawls: the sitemaps, then the products in sitemap order, round robin over
  // many exits so each sees only every n-th product.
  for (let n = 0; n < 2; n++) {
    const owner = bot('sitemap_crawl', n)
    const exits = Array.from({ length: n === 0 ? 40 : 90 }, () => alloc(n === 0 ? POOLS.hosting : residential, owner))
    const uas = exits.map(() => rotatedUa(4))
    let t = startIn() - rand() * 1_800_000
    const c0 = client(owner, uas[0]!, { cookies: false, assets: 'none', js: false })
    emit(c0, exits[0]!, t, 'GET', '/sitemap_index.xml', 200, 1_400, '-')
    for (let s = 1; s <= Math.ceil(products.length / 1000); s++) emit(c0, exits[s % exits.length]!, (t += 800), 'GET', `/product-sitemap${s > 1 ? s : ''}.xml`, 200, 210_000, '-')
    for (const [i, p] of sitemapOrder.entries()) {
      const c = client(owner, uas[i % exits.length]!, { cookies: false, assets: 'none', js: false })
      emit(c, exits[i % exits.length]!, (t += n === 0 ? uniform(700, 1_400) : uniform(3_000, 9_000)), 'GET', productPath(p), 200, int(24_000, 95_000), '-', 0.3)
    }
  }

  // 8. Mobile-app API scrapers: the app's UA forged, the Store API walked page by page, then
  // product by product; a Python stack underneath.
  for (let n = 0; n < 2; n++) {
    const owner = bot('app_api_scraper', n)
    const exits = Array.from({ length: n === 0 ? 2 : 30 }, () => alloc(n === 0 ? POOLS.aws : POOLS.mobile, owner))
    const c = client(owner, [appUa()[0], 'python'], { cookies: false, assets: 'none', js: false, proto: 'HTTP/1.1' })
    let t = startIn() - rand() * 1_800_000
    let k = 0
    const ip = (): string => exits[Math.floor(k++ / 40) % exits.length]!
    for (let pg = 1; pg <= Math.ceil(products.length / 100); pg++) emit(c, ip(), (t += uniform(800, 2_500)), 'GET', `/wp-json/wc/store/v1/products?per_page=100&page=${pg}`, 200, int(300_000, 500_000), '-', 0.9)
    for (const p of n === 0 ? sitemapOrder : shuffle([...sitemapOrder])) emit(c, ip(), (t += n === 0 ? uniform(500, 1_500) : uniform(4_000, 12_000)), 'GET', `/wp-json/wc/store/v1/products/${p.id}`, 200, int(3_000, 9_000), '-', 0.1)
  }

  // 9. Review and ratings scrapers: every product's reviews, API pages or comment pages.
  for (let n = 0; n < 2; n++) {
    const owner = bot('review_scraper', n)
    const exits = Array.from({ length: n === 0 ? 25 : 4 }, () => alloc(n === 0 ? residential : POOLS.hosting, owner))
    let t = startIn() - rand() * 3_600_000
    const c = client(owner, claimed(rotatedUa(3), n === 0 ? 'chrome' : 'go'), { cookies: n === 0, assets: 'none', js: false })
    for (const p of shuffle(products.filter((x) => x.reviews > 0))) {
      const ip = pick(exits)
      if (n === 0) {
        for (let pg = 1; pg <= Math.ceil(p.reviews / 10); pg++) emit(c, ip, (t += uniform(2_000, 7_000)), 'GET', `${productPath(p)}${pg > 1 ? `comment-page-${pg}/` : ''}`, 200, int(24_000, 95_000), pg > 1 ? HOST + productPath(p) : '-', 0.4)
      } else emit(c, ip, (t += uniform(1_000, 3_000)), 'GET', `/wp-json/wc/store/v1/products/reviews?product_id=${p.id}&per_page=100`, 200, int(400, 20_000), '-', 0.2)
    }
  }

  // 10. Low and slow: a budget of a few pages an hour per exit, over days, each exit keeping its
  // cookie like a returning visitor.
  for (let n = 0; n < 3; n++) {
    const owner = bot('low_and_slow', n)
    const queue = shuffle([...products])
    for (let e = 0; e < [150, 90, 60][n]!; e++) {
      const ip = alloc(n === 2 ? POOLS.mobile : residential, owner)
      const c = client(owner, claimed(rotatedUa(2), 'chrome'), { assets: n === 1 ? 'no_images' : 'none', js: n === 1, cookies: true })
      for (let t = START + rand() * 1_800_000; t < END; t += expo(3_600_000 / uniform(2, 4))) {
        const p = queue.pop()
        if (p === undefined) break
        productPage(c, ip, t, p, chance(0.4) ? 'https://www.google.co.uk/' : '-')
      }
    }
  }

  // 11. A Python or Go HTTP stack with a full Chrome UA: pages and listings, no assets, one cookie.
  for (let n = 0; n < 3; n++) {
    const owner = bot('tls_mismatch', n)
    const stack: Stack = n === 1 ? 'go' : n === 2 ? 'java' : 'python'
    for (let e = 0; e < [20, 8, 5][n]!; e++) {
      const ip = alloc(n === 0 ? residential : POOLS.hosting, owner)
      const c = client(owner, [rotatedUa(1)[0], stack], { assets: 'none', js: false, proto: 'HTTP/1.1' })
      let t = startIn()
      let sub = pick(subs)
      for (let k = int(15, 60); k > 0; k--) {
        t += lognormal(n === 0 ? 7_000 : 2_500, 0.5)
        if (chance(0.2)) {
          sub = pick(subs)
          emit(c, ip, t, 'GET', listPath(sub, int(1, pages(sub))), 200, int(60_000, 90_000), '-', 0.4)
        } else emit(c, ip, t, 'GET', productPath(popularIn(sub)), 200, int(24_000, 95_000), HOST + listPath(sub), 0.3)
      }
    }
  }

  // 12. Headless Chrome with stealth patches from hosting: renders everything, quick pacing.
  for (let n = 0; n < 2; n++) {
    const owner = bot('headless_stealth_dc', n)
    for (let e = 0; e < [6, 10][n]!; e++) {
      const ip = alloc(POOLS.hosting, owner)
      const c = client(owner, [`Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${CHROME_NOW - 1}.0.0.0 Safari/537.36`, 'chrome'], { assets: n === 0 ? 'all' : 'no_images' })
      let t = startIn()
      let sub = pick(subs)
      let at = listPage(c, ip, t, sub, 1, '-')
      for (let k = int(30, 120); k > 0; k--) {
        at += uniform(1_500, 5_000)
        if (chance(0.15)) {
          sub = pick(subs)
          at = listPage(c, ip, at, sub, int(1, pages(sub)), '-')
        } else at = productPage(c, ip, at, pick(bySub.get(sub)!), HOST + listPath(sub))
      }
      t = at
    }
  }

  // --- out ----------------------------------------------------------------------------------------
  reqs.sort((a, b) => a.t - b.t)
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
  const two = (x: number): string => String(x).padStart(2, '0')
  const stamp = (t: number): string => {
    const d = new Date(Math.floor(t))
    return `${two(d.getUTCDate())}/${month[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`
  }
  const lines = reqs.map((r) => {
    const base = `${r.ip} - - [${stamp(r.t)}] "${r.method} ${r.path} ${r.proto}" ${r.status} ${r.bytes} "${r.ref}" "${r.ua}"`
    return opts.variant === 'combined' ? base : `${base} ${r.rt.toFixed(3)} "${r.sid ?? '-'}" "${r.ja4}"`
  })
  const usedSessions = new Set(reqs.map((r) => r.sid).filter((s) => s !== null))
  const labelsOfSessions = Object.fromEntries(Object.entries(sessions).filter(([sid]) => usedSessions.has(sid)))
  return { lines, labels: { seed: opts.seed, variant: opts.variant, hours: H, format: FORMATS[opts.variant], ips, sessions: labelsOfSessions } }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, seed: { type: 'string', default: '1' }, hours: { type: 'string', default: '3' }, variant: { type: 'string', default: 'rich' } },
    strict: true,
  })
  if (values.out === undefined) throw new Error('--out DIR is required')
  if (values.variant !== 'combined' && values.variant !== 'rich') throw new Error('--variant is combined or rich')
  const corpus = generateFarmsCorpus({ seed: Number(values.seed), hours: Number(values.hours), variant: values.variant })
  mkdirSync(values.out, { recursive: true })
  writeFileSync(join(values.out, 'access.log'), `${corpus.lines.join('\n')}\n`)
  writeFileSync(join(values.out, 'labels.json'), `${JSON.stringify(corpus.labels)}\n`)
  process.stdout.write(`${JSON.stringify({ lines: corpus.lines.length, ips: Object.keys(corpus.labels.ips).length, sessions: Object.keys(corpus.labels.sessions).length, format: corpus.labels.format })}\n`)
}
