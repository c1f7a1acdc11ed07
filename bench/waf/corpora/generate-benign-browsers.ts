/**
 * A benign corpus of what real browsers put in every request to a shop, whatever the page: the
 * earlier benign sets model request content (forms, JSON, searches, CMS text); this one models the
 * envelope. Full header sets of current Chrome, Edge, Opera, Samsung Internet, Firefox and Safari on
 * desktop and mobile, Chrome on iOS and in-app browsers (Instagram, Facebook, TikTok, Pinterest,
 * Snapchat, LinkedIn, Gmail's web view): `sec-ch-ua` with each version's GREASE brand (`"Not_A
 * Brand"`, `"Not?A_Brand"`, `"Not=A?Brand"`, `"Not;A=Brand"`, `"Not)A;Brand"`, `"Not/A)Brand"`),
 * high-entropy client hints where the shop asks for them, `Accept` as each engine sends it for
 * documents and fetches, `Accept-Language` with q-values, `Priority`, `Sec-Fetch-*`, `Sec-Purpose`
 * for speculative loads, Firefox's `te: trailers`, `sec-gpc`, `dnt`. Cookies as the shop's third
 * parties write them: consent managers (OneTrust `OptanonConsent` with its URL-encoded
 * `groups=C0001%3A1%2C…`, TCF v2 `euconsent-v2`, Cookiebot `CookieConsent` in its JavaScript-object
 * syntax, Didomi `didomi_token`, Usercentrics, Shopify `_tracking_consent`), analytics and ads (GA4
 * `_ga`/`_ga_*` in both session formats, `_gcl_au`, `_gcl_aw`, `_fbp`, `_fbc`, `_ttp`, `_uetsid`,
 * Hotjar's base64 JSON, Klaviyo `__kla_id` base64 JSON, Clarity, Pinterest, Snap, Reddit), bot
 * managers (Akamai `_abck`, `bm_sz`, `ak_bmsc`, `bm_sv`; Cloudflare `__cf_bm`, `cf_clearance`;
 * DataDome; PerimeterX `_px3`, `_pxvid`, `_pxhd`), platforms (Shopify `cart`, `_landing_page` and
 * `_orig_referrer` holding encoded URLs, Magento `mage-cache-*`, `section_data_ids` JSON,
 * `private_content_version`, `form_key`, Laravel `XSRF-TOKEN` and `laravel_session` base64 JSON,
 * ASP.NET and ASP.NET Core antiforgery, Salesforce Commerce `dwsid` and `dwac_*` with `|`-joined
 * fields, WooCommerce sessions, JWT session cookies, URL-encoded JSON carts and recently viewed
 * lists). Navigations carry the query strings ads and e-mail put on landing URLs (utm with spaces
 * and pipes, gclid, gbraid, wbraid, fbclid, msclkid, ttclid, `_gl`, `_kx`, `mc_cid`, `_hsenc`,
 * `mkt_tok`, affiliate ids), referrers from search engines (origin only, as their referrer policy
 * sends), social sites, webmail and Android apps. XHR and fetch calls a storefront page makes:
 * variant and availability lookups, cart add/change with line-item properties, Magento
 * `uenc`-encoded add-to-cart forms, WooCommerce `wc-ajax`, recommendations, search-as-you-type in
 * many languages and scripts (every keystroke prefix), server-side GA4 `collect` hits, speculative
 * prefetches. Written from the public formats and published User-Agent strings before the engine
 * was run on it; nothing was chosen or dropped by its verdict. Attack-free.
 * Each request has a `kind`, a `variant` and a `browser`; `holdout` is set for 30 % of kind|variant
 * shapes by FNV-1a (% 10 < 3), as benign-api.ndjson does.
 * Run: npx tsx bench/waf/corpora/generate-benign-browsers.ts  (writes benign-browsers.ndjson)
 * @module
 */
import { writeFileSync } from 'node:fs'
import type { WafRequest } from '../../../packages/core/src/waf/index.ts'
import { b64url, fnv1a, form, seededText } from './seeded-text.ts'

const SEED = 20261127
const COUNT = 3000
const { rand, pick, int, hex, alnum, uuid, drawWeighted } = seededText(SEED)
const enc = encodeURIComponent
const b64 = (s: string): string => Buffer.from(s).toString('base64')
const HOST = 'shop.example'
const ORIGIN = `https://${HOST}`
const nowS = (): number => 1761000000 + int(0, 5000000)

// --- Browsers -------------------------------------------------------------------------------

interface Browser {
  name: string
  engine: 'chromium' | 'gecko' | 'webkit'
  ua: string
  mobile: boolean
  /** Chromium only: the low-entropy client hints every request carries. */
  brands?: string
  platform?: string
  full?: string
  /** Headers an in-app browser adds. */
  extra?: Record<string, string>
}

/** Each Chrome major with the brand list it sends (the GREASE brand and the order change per version). */
const CHROME_BRANDS: Record<number, (b: string) => string> = {
  131: (b) => `"${b}";v="131", "Chromium";v="131", "Not_A Brand";v="24"`,
  130: (b) => `"Chromium";v="130", "${b}";v="130", "Not?A_Brand";v="99"`,
  129: (b) => `"${b}";v="129", "Not=A?Brand";v="8", "Chromium";v="129"`,
  128: (b) => `"Chromium";v="128", "Not;A=Brand";v="24", "${b}";v="128"`,
  127: (b) => `"Not)A;Brand";v="99", "${b}";v="127", "Chromium";v="127"`,
  126: (b) => `"Not/A)Brand";v="8", "Chromium";v="126", "${b}";v="126"`,
}
const CHROME_BUILDS: Record<number, string> = { 131: '6778.86', 130: '6723.117', 129: '6668.101', 128: '6613.138', 127: '6533.120', 126: '6478.183' }
const DESKTOP_OS = [
  ['Windows NT 10.0; Win64; x64', '"Windows"', '"15.0.0"'],
  ['Windows NT 10.0; Win64; x64', '"Windows"', '"10.0.0"'],
  ['Macintosh; Intel Mac OS X 10_15_7', '"macOS"', '"14.6.1"'],
  ['X11; Linux x86_64', '"Linux"', '"6.8.0"'],
] as const
const ANDROID_MODELS = ['Pixel 8', 'Pixel 7a', 'SM-S921B', 'SM-A546B', 'SM-G991B', '2201116SG', 'CPH2581', 'moto g84 5G']
const IOS = ['18_1', '18_0_1', '17_6_1', '17_5_1', '16_7_10']

function chromium(name: 'Google Chrome' | 'Microsoft Edge' | 'Opera', major: number, mobile: boolean): Browser {
  const [os, platform] = mobile ? ['Linux; Android 10; K', '"Android"'] : pick(DESKTOP_OS)
  const tail = name === 'Microsoft Edge' ? ` Edg/${major}.0.0.0` : name === 'Opera' ? ` OPR/${major - 15}.0.0.0` : ''
  const brand = name === 'Opera' ? 'Opera' : name
  const brands = CHROME_BRANDS[major]!(brand).replace(`"Opera";v="${major}"`, `"Opera";v="${major - 15}"`)
  return {
    name: `${name === 'Google Chrome' ? 'chrome' : name === 'Microsoft Edge' ? 'edge' : 'opera'}-${mobile ? 'android' : platform.replaceAll('"', '').toLowerCase()}`,
    engine: 'chromium',
    ua: `Mozilla/5.0 (${os}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${major}.0.0.0 ${mobile ? 'Mobile ' : ''}Safari/537.36${tail}`,
    mobile,
    brands,
    platform,
    full: brands.replace(/v="(\d+)"/g, (_, v: string) => `v="${v}.0.${v === String(major) ? CHROME_BUILDS[major] : '0.0'}"`),
  }
}

function samsung(): Browser {
  const v = pick(['26.0', '25.0', '24.0'])
  const chrome = v === '26.0' ? 122 : v === '25.0' ? 121 : 117
  return {
    name: 'samsung-android',
    engine: 'chromium',
    ua: `Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/${v} Chrome/${chrome}.0.0.0 Mobile Safari/537.36`,
    mobile: true,
    brands: `"Chromium";v="${chrome}", "Not(A:Brand";v="24", "Samsung Internet";v="${v}"`,
    platform: '"Android"',
  }
}

function firefox(): Browser {
  const v = pick([133, 132, 131, 128])
  const os = pick([`Windows NT 10.0; Win64; x64; rv:${v}.0`, `Macintosh; Intel Mac OS X 10.15; rv:${v}.0`, `X11; Ubuntu; Linux x86_64; rv:${v}.0`, `Android 14; Mobile; rv:${v}.0`])
  const mobile = os.startsWith('Android')
  return { name: mobile ? 'firefox-android' : 'firefox-desktop', engine: 'gecko', ua: `Mozilla/5.0 (${os}) Gecko/${mobile ? `${v}.0` : '20100101'} Firefox/${v}.0`, mobile }
}

function safari(): Browser {
  const ios = pick(IOS)
  const version = ios.split('_').slice(0, 2).join('.')
  const device = rand() < 0.85 ? 'iPhone; CPU iPhone OS' : 'iPad; CPU OS'
  return rand() < 0.3
    ? { name: 'safari-macos', engine: 'webkit', ua: `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${version} Safari/605.1.15`, mobile: false }
    : { name: 'safari-ios', engine: 'webkit', ua: `Mozilla/5.0 (${device} ${ios} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${version} Mobile/15E148 Safari/604.1`, mobile: true }
}

function chromeIos(): Browser {
  return { name: 'chrome-ios', engine: 'webkit', ua: `Mozilla/5.0 (iPhone; CPU iPhone OS ${pick(IOS)} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/${pick(['131.0.6778.73', '130.0.6723.90'])} Mobile/15E148 Safari/604.1`, mobile: true }
}

/** In-app browsers: the host app's token after the engine's UA (iOS web views send no `Safari/` token). */
function inApp(): Browser {
  const ios = pick(IOS)
  const iosBase = `Mozilla/5.0 (iPhone; CPU iPhone OS ${ios} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148`
  const model = pick(ANDROID_MODELS)
  const androidBase = `Mozilla/5.0 (Linux; Android 14; ${model} Build/UP1A.231005.007; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/131.0.6778.81 Mobile Safari/537.36`
  const apps: Array<() => Browser> = [
    () => ({ name: 'instagram-ios', engine: 'webkit', mobile: true, ua: `${iosBase} Instagram 357.0.2.23.77 (iPhone14,5; iOS ${ios}; en_GB; en-GB; scale=3.00; 1170x2532; 654321987; IABMV/1)` }),
    () => ({ name: 'instagram-android', engine: 'chromium', mobile: true, ua: `${androidBase} Instagram 357.0.0.25.101 Android (34/14; 420dpi; 1080x2340; samsung; ${model}; dm3q; qcom; en_GB; 650987123)`, extra: { 'x-requested-with': 'com.instagram.android' } }),
    () => ({ name: 'facebook-ios', engine: 'webkit', mobile: true, ua: `${iosBase} [FBAN/FBIOS;FBAV/489.0.0.41.108;FBBV/669432810;FBDV/iPhone15,2;FBMD/iPhone;FBSN/iOS;FBSV/${ios.replaceAll('_', '.')};FBSS/3;FBID/phone;FBLC/en_GB;FBOP/5;FBRV/672091557]` }),
    () => ({ name: 'facebook-android', engine: 'chromium', mobile: true, ua: `${androidBase} [FB_IAB/FB4A;FBAV/489.0.0.66.81;IABMV/1;]`, extra: { 'x-requested-with': 'com.facebook.katana' } }),
    () => ({ name: 'tiktok-android', engine: 'chromium', mobile: true, ua: `${androidBase} trill_370103 JsSdk/1.0 NetType/WIFI Channel/googleplay AppName/musical_ly app_version/37.1.3 ByteLocale/en ByteFullLocale/en-GB Region/GB AppId/1233 Spark/1.6.2-alpha.1 AppVersion/37.1.3 BytedanceWebview/d8a21c6`, extra: { 'x-requested-with': 'com.zhiliaoapp.musically' } }),
    () => ({ name: 'tiktok-ios', engine: 'webkit', mobile: true, ua: `${iosBase} musical_ly_37.1.0 JsSdk/2.0 NetType/WIFI Channel/App Store ByteLocale/en Region/GB isDarkMode/1 WKWebView/1 RevealType/Dialog BytedanceWebview/d8a21c6 FalconTag/` }),
    () => ({ name: 'pinterest-ios', engine: 'webkit', mobile: true, ua: `${iosBase} [Pinterest/iOS]` }),
    () => ({ name: 'snapchat-ios', engine: 'webkit', mobile: true, ua: `${iosBase} Snapchat/13.17.0.37 (like Safari/8619.1.26.30.5, panda)` }),
    () => ({ name: 'linkedin-ios', engine: 'webkit', mobile: true, ua: `${iosBase} [LinkedInApp]/9.30.3042` }),
    () => ({ name: 'gmail-android', engine: 'chromium', mobile: true, ua: androidBase, extra: { 'x-requested-with': 'com.google.android.gm' } }),
  ]
  const b = pick(apps)()
  if (b.engine === 'chromium') Object.assign(b, { brands: `"Android WebView";v="131", "Chromium";v="131", "Not_A Brand";v="24"`, platform: '"Android"' })
  return b
}

const BROWSERS: ReadonlyArray<readonly [number, () => Browser]> = [
  [30, () => chromium('Google Chrome', pick([131, 131, 130, 130, 129, 128, 127, 126]), false)],
  [18, () => chromium('Google Chrome', pick([131, 130, 129, 128]), true)],
  [8, () => chromium('Microsoft Edge', pick([131, 130, 129]), false)],
  [2, () => chromium('Opera', pick([130, 129]), false)],
  [6, samsung],
  [8, firefox],
  [18, safari],
  [3, chromeIos],
  [9, inApp],
]
const drawBrowser = (): Browser => {
  let r = rand() * BROWSERS.reduce((s, [w]) => s + w, 0)
  for (const [w, make] of BROWSERS) if ((r -= w) < 0) return make()
  return BROWSERS[0]![1]()
}

const LANGUAGES = [
  'en-GB,en-US;q=0.9,en;q=0.8', 'en-US,en;q=0.9', 'en-GB,en;q=0.9', 'de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7', 'de-AT,de;q=0.9', 'fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7',
  'fr-CA,fr;q=0.9,en-CA;q=0.8,en;q=0.7', 'es-ES,es;q=0.9', 'es-419,es;q=0.9,en;q=0.8', 'it-IT,it;q=0.9,en-US;q=0.8,en;q=0.7', 'nl-NL,nl;q=0.9,en-US;q=0.8,en;q=0.7',
  'pl-PL,pl;q=0.9,en-US;q=0.8,en;q=0.7', 'pt-BR,pt;q=0.9,en-US;q=0.8,en;q=0.7', 'sv-SE,sv;q=0.9,en-US;q=0.8,en;q=0.7', 'tr-TR,tr;q=0.9,en-US;q=0.8,en;q=0.7',
  'ja,en-US;q=0.9,en;q=0.8', 'ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7', 'zh-CN,zh;q=0.9', 'zh-TW,zh;q=0.9,en-US;q=0.8,en;q=0.7', 'ar,en-US;q=0.9,en;q=0.8', 'he-IL,he;q=0.9,en-US;q=0.8,en;q=0.7',
  'ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7', 'uk-UA,uk;q=0.9,ru;q=0.8,en-US;q=0.7,en;q=0.6', 'el-GR,el;q=0.9,en;q=0.8', 'hi-IN,hi;q=0.9,en-IN;q=0.8,en;q=0.7', 'th-TH,th;q=0.9',
  'vi-VN,vi;q=0.9,fr-FR;q=0.8,fr;q=0.7,en-US;q=0.6,en;q=0.5', 'en', '*',
]
/** Firefox and Safari send a shorter list with q-values in steps of 0.1 or 0.2 (Firefox: `en-GB,en;q=0.5`). */
const GECKO_LANGUAGES = ['en-GB,en;q=0.5', 'en-US,en;q=0.5', 'de,en-US;q=0.7,en;q=0.3', 'fr,fr-FR;q=0.8,en-US;q=0.5,en;q=0.3', 'pl,en-US;q=0.7,en;q=0.3', 'nl,en-US;q=0.7,en;q=0.3']

// --- Cookies --------------------------------------------------------------------------------

const ts = (): number => nowS()
const ms = (): number => ts() * 1000 + int(0, 999)
const GA_ID = alnum(10).toUpperCase()
const HJ_ID = int(1000000, 5999999)
const gaSession = (): string =>
  rand() < 0.5
    ? `GS1.1.${ts()}.${int(1, 40)}.1.${ts()}.${pick([0, 60, 0])}.0.0`
    : `GS2.1.s${ts()}$o${int(1, 40)}$g1$t${ts()}$j${int(0, 60)}$l0$h${pick(['0', String(int(1e8, 9e8))])}`

/** OneTrust's consent cookie: an URL-encoded query string of its state (groups as `C0001:1,C0002:0,…`). */
const optanon = (): string => {
  const d = new Date(ms())
  const date = enc(`${d.toUTCString().slice(0, 3)} ${d.toUTCString().slice(8, 11)} ${String(d.getUTCDate()).padStart(2, '0')} ${d.getUTCFullYear()} ${d.toISOString().slice(11, 19)} GMT+0100 (Central European Standard Time)`)
  const groups = enc(['C0001:1', `C0002:${int(0, 1)}`, `C0003:${int(0, 1)}`, `C0004:${int(0, 1)}`, ...(rand() < 0.4 ? ['C0005:0', 'V2STACK42:1'] : [])].join(','))
  return `isGpcEnabled=0&datestamp=${date}&version=202409.1.0&browserGpcFlag=0&isIABGlobal=false&hosts=&consentId=${uuid()}&interactionCount=${int(1, 3)}&isAnonUser=1&landingPath=NotLandingPage&groups=${groups}&intType=${int(1, 3)}&geolocation=${pick(['GB%3BENG', 'DE%3BBY', 'FR%3BIDF', 'US%3BCA', 'NL%3BNH'])}&AwaitingReconsent=false`
}
/** A TCF v2 TC string: base64url segments of the consent bit fields, the first always starting `CQ` or `CP`. */
const tcString = (): string => `${pick(['CQ', 'CP'])}${alnum(6)}${alnum(12)}AGABCENAP${alnum(20)}AAAAAAAA${alnum(30)}${pick(['', '.' + alnum(10), '.YAAAAAAAAAAA'])}`.replace(/[^A-Za-z0-9._-]/g, 'A')
/** Cookiebot writes its consent state in JavaScript-object syntax, percent-encoded by the browser API it uses. */
const cookiebot = (): string => {
  const marketing = rand() < 0.5
  return `{stamp:%27${b64(alnum(36)).slice(0, 44).replaceAll('=', '')}%3D%3D%27%2Cnecessary:true%2Cpreferences:${rand() < 0.7}%2Cstatistics:${rand() < 0.7}%2Cmarketing:${marketing}%2Cmethod:%27${pick(['explicit', 'implied'])}%27%2Cver:${int(1, 6)}%2Cutc:${ms()}%2Cregion:%27${pick(['gb', 'de', 'fr', 'nl', 'dk'])}%27}`
}
const didomi = (): string =>
  b64(JSON.stringify({ user_id: uuid(), created: new Date(ms()).toISOString(), updated: new Date(ms()).toISOString(), vendors: { enabled: ['google', 'c:facebook', 'c:klaviyo'] }, purposes: { enabled: ['analytics-cookies', 'marketing'] }, vendors_li: { enabled: ['google'] }, version: 2, ac: alnum(40) }))
const shopifyConsent = (): string =>
  enc(JSON.stringify({ con: { CMP: { a: pick(['', '1']), m: pick(['', '1']), p: '1', s: '' } }, v: '2.1', region: pick(['GBENG', 'DEBY', 'USCA', 'FRIDF']), reg: pick(['GDPR', 'CCPA', '']), purposes: { a: true, p: true, m: rand() < 0.5, t: true }, display_banner: false, sale_of_data_region: false, consent_id: uuid().toUpperCase() }))
/** Hotjar and Klaviyo store base64 JSON (Hotjar's may be URL-encoded by the browser, `=` as `%3D`). */
const hotjarUser = (): string => b64(JSON.stringify({ id: uuid().slice(0, 18), created: ms(), existing: true }))
const hotjarSession = (): string => enc(b64(JSON.stringify({ id: uuid(), c: ms(), s: 0, r: 0, sb: 0, sr: 0, se: 0, fs: 1, sp: 0 })))
const klaviyo = (): string => b64(JSON.stringify({ cid: b64(uuid()).slice(0, 32), $referrer: { ts: ts(), value: pick(['https://www.google.com/', '', 'https://l.instagram.com/']), first_page: `${ORIGIN}/` }, $last_referrer: { ts: ts(), value: '', first_page: `${ORIGIN}/collections/new` }, $exchange_id: `${alnum(30)}.${alnum(6)}` }))
const jwt = (payload: object): string => `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(JSON.stringify(payload))}.${b64url(alnum(32))}`
/** Laravel's encrypted cookies: base64 of a JSON envelope (`iv`, `value`, `mac`, `tag`), URL-encoded. */
const laravel = (): string => enc(b64(JSON.stringify({ iv: b64(alnum(16)), value: b64(alnum(96)), mac: hex(64), tag: '' })))
/** Akamai Bot Manager's sensor cookies: `~`-separated fields, base64-ish blobs and -1 placeholders. */
const abck = (): string => `${hex(32).toUpperCase()}~${pick(['0', '-1'])}~YAAQ${alnum(20)}${b64(alnum(120)).replaceAll('=', '')}~-1~-1~${pick(['-1', '0'])}`
const bmSz = (): string => `${hex(32).toUpperCase()}~YAAQ${alnum(16)}${b64(alnum(90)).replaceAll('=', '')}~${int(3000000, 4999999)}~${int(3000000, 4999999)}`
const cfBm = (): string => `${b64url(alnum(32))}-${ts()}-1.0.1.1-${b64url(alnum(96))}`
const datadome = (): string => `${alnum(40)}~${alnum(20)}_${alnum(30)}${pick(['', '~', '_'])}${alnum(20)}`
const px3 = (): string => `${hex(64)}:${b64(alnum(60))}:1000:${b64(alnum(200))}`
const uenc = (path: string): string => b64url(`${ORIGIN}${path}`).replace(/=+$/, '')
const sectionIds = (): string => enc(JSON.stringify({ cart: ts(), customer: ts(), compare_products: ts(), 'last-ordered-items': ts(), directory_data: ts(), wishlist: ts(), 'recently_viewed_product': ts() }))
const recentlyViewed = (): string => enc(JSON.stringify(Array.from({ length: int(1, 5) }, () => ({ id: int(1000, 99999), handle: pick(HANDLES), t: ms() }))))
const urlCart = (): string => enc(JSON.stringify({ items: Array.from({ length: int(1, 3) }, () => ({ sku: `${pick(['TEE', 'JNS', 'SNK', 'BAG'])}-${int(100, 999)}-${pick(['S', 'M', 'L', '32', '42'])}`, qty: int(1, 3), price: Number((int(500, 15000) / 100).toFixed(2)) })), currency: pick(['GBP', 'EUR', 'USD']), coupon: pick([null, 'WELCOME10', 'SUMMER-24']) }))

type Cookies = Array<[string, string]>

/** The cookie jar of one visitor: what the shop's platform, consent manager and third parties have set. */
function jar(platform: string): Cookies {
  const c: Cookies = []
  const add = (p: number, k: string, v: () => string): void => {
    if (rand() < p) c.push([k, v()])
  }
  // Consent: one manager per shop.
  const cmp = pick(['onetrust', 'tcf', 'cookiebot', 'didomi', 'usercentrics', 'shopify', 'none'])
  if (cmp === 'onetrust') {
    c.push(['OptanonConsent', optanon()])
    add(0.8, 'OptanonAlertBoxClosed', () => new Date(ms()).toISOString())
    add(0.3, 'eupubconsent-v2', tcString)
  } else if (cmp === 'tcf') {
    c.push(['euconsent-v2', tcString()])
    add(0.5, 'addtl_consent', () => `1~${Array.from({ length: int(3, 12) }, () => int(1, 3000)).join('.')}`)
  } else if (cmp === 'cookiebot') c.push(['CookieConsent', cookiebot()])
  else if (cmp === 'didomi') {
    c.push(['didomi_token', didomi()])
    c.push(['euconsent-v2', tcString()])
  } else if (cmp === 'usercentrics') {
    c.push(['uc_user_interaction', 'true'])
    add(0.5, 'uc_settings', () => enc(JSON.stringify({ controllerId: hex(32), id: alnum(9), language: 'de', services: [{ id: alnum(9), status: true }], version: '3.61.0' })))
  } else if (cmp === 'shopify') c.push(['_tracking_consent', shopifyConsent()])
  // Analytics and ads.
  add(0.85, '_ga', () => `GA1.1.${int(100000000, 2147483647)}.${ts()}`)
  add(0.7, `_ga_${GA_ID}`, gaSession)
  add(0.6, '_gcl_au', () => `1.1.${int(100000000, 2147483647)}.${ts()}`)
  add(0.15, '_gcl_aw', () => `GCL.${ts()}.${alnum(20)}_${alnum(40)}`)
  add(0.55, '_fbp', () => `fb.1.${ms()}.${int(100000000, 2147483647)}`)
  add(0.12, '_fbc', () => `fb.1.${ms()}.${alnum(20)}_${alnum(60)}`)
  add(0.3, '_ttp', () => alnum(27))
  add(0.2, '_tt_enable_cookie', () => '1')
  add(0.25, '_uetsid', () => `${hex(32)}`)
  add(0.25, '_uetvid', () => `${hex(32)}`)
  add(0.35, `_hjSessionUser_${HJ_ID}`, hotjarUser)
  add(0.2, `_hjSession_${HJ_ID}`, hotjarSession)
  add(0.35, '__kla_id', klaviyo)
  add(0.2, '_clck', () => `${alnum(6).toLowerCase()}%7C2%7Cfr${int(1, 9)}%7C0%7C${int(1500, 1800)}`)
  add(0.15, '_clsk', () => `${alnum(7).toLowerCase()}%7C${ms()}%7C${int(1, 9)}%7C1%7C${pick(['l', 'w', 'z'])}.clarity.ms%2Fcollect`)
  add(0.15, '_pin_unauth', () => b64(`uid=${uuid()}`).replaceAll('=', ''))
  add(0.1, '_scid', () => uuid())
  add(0.08, '_rdt_uuid', () => `${ms()}.${uuid()}`)
  add(0.1, '__attentive_id', () => hex(32))
  add(0.1, '_pk_id.1.1fff', () => `${hex(16)}.${ts()}.`)
  // Bot managers: one per shop at most.
  const bm = pick(['akamai', 'cloudflare', 'datadome', 'perimeterx', 'none', 'none'])
  if (bm === 'akamai') {
    c.push(['_abck', abck()], ['bm_sz', bmSz()])
    add(0.7, 'ak_bmsc', () => `${hex(32).toUpperCase()}~000000000000000000000000000000~YAAQ${alnum(20)}${b64(alnum(300)).replaceAll('=', '')}`)
    add(0.5, 'bm_sv', () => `${hex(32).toUpperCase()}~YAAQ${alnum(20)}${b64(alnum(90)).replaceAll('=', '')}~1`)
  } else if (bm === 'cloudflare') {
    c.push(['__cf_bm', cfBm()])
    add(0.3, 'cf_clearance', () => `${b64url(alnum(40))}-${ts()}-1.2.1.1-${b64url(alnum(280))}`)
    add(0.3, '_cfuvid', () => `${b64url(alnum(30))}-${ms()}-0.0.1.1-604800000`)
  } else if (bm === 'datadome') c.push(['datadome', datadome()])
  else if (bm === 'perimeterx') {
    c.push(['_pxvid', uuid()], ['_px3', px3()])
    add(0.6, '_pxhd', () => `${b64(alnum(60))}:${uuid()}`)
    add(0.5, 'pxcts', () => uuid())
  }
  // The platform's own cookies.
  switch (platform) {
    case 'shopify':
      c.push(['_shopify_y', uuid()], ['_shopify_s', uuid()])
      add(0.5, 'cart', () => `${b64url(`gcp-europe-west1:${alnum(26).toUpperCase()}`)}%3Fkey%3D${hex(32)}`)
      add(0.4, 'cart_currency', () => pick(['GBP', 'EUR', 'USD']))
      add(0.4, 'localization', () => pick(['GB', 'DE', 'FR', 'US']))
      add(0.3, '_orig_referrer', () => enc(pick(['https://www.google.com/', 'https://l.instagram.com/', 'https://www.bing.com/'])))
      add(0.3, '_landing_page', () => enc(`/products/${pick(HANDLES)}?variant=${int(1e13, 9e13)}&utm_source=google&utm_medium=cpc&utm_campaign=${enc(pick(CAMPAIGNS))}&gad_source=1`))
      add(0.2, 'secure_customer_sig', () => hex(32))
      add(0.2, 'keep_alive', () => uuid())
      break
    case 'magento': {
      c.push(['PHPSESSID', alnum(26).toLowerCase()], ['form_key', alnum(16)], ['mage-cache-storage', '%7B%7D'], ['mage-cache-storage-section-invalidation', '%7B%7D'], ['mage-cache-sessid', 'true'])
      add(0.8, 'private_content_version', () => hex(32))
      add(0.7, 'section_data_ids', sectionIds)
      add(0.6, 'mage-messages', () => pick(['', enc(JSON.stringify([{ type: 'success', text: "You added Levi's&reg; 501 Original to your shopping cart." }]))]))
      add(0.5, 'X-Magento-Vary', () => hex(40))
      add(0.4, 'recently_viewed_product', () => '%7B%7D')
      add(0.4, 'recently_viewed_product_previous', () => '%7B%7D')
      add(0.3, 'product_data_storage', () => enc(JSON.stringify({ [int(1, 9999)]: { added_at: ts(), scope_id: 1 } })))
      add(0.4, 'mage-translation-storage', () => '%7B%7D')
      add(0.4, 'mage-translation-file-version', () => '%7B%7D')
      break
    }
    case 'laravel':
      c.push(['XSRF-TOKEN', laravel()], [`${pick(['shop', 'laravel'])}_session`, laravel()])
      add(0.4, 'remember_web_59ba36addc2b2f9401580f014c7f58ea4e30989d', laravel)
      break
    case 'aspnet':
      c.push(['ASP.NET_SessionId', alnum(24).toLowerCase()])
      add(0.7, `.AspNetCore.Antiforgery.${alnum(11)}`, () => `CfDJ8${b64url(alnum(120))}`)
      add(0.5, '.AspNetCore.Session', () => `CfDJ8${b64url(alnum(140))}`)
      add(0.4, 'ARRAffinity', () => hex(64))
      add(0.4, 'ARRAffinitySameSite', () => hex(64))
      break
    case 'sfcc': {
      c.push(['dwsid', `${b64url(alnum(66))}==`.replaceAll('-', '_')], [`dwanonymous_${hex(32)}`, alnum(24)], ['sid', alnum(24)])
      add(0.8, `dwac_${alnum(10)}`, () => `${alnum(24)}%7C%7C__ANNONYMOUS__%7C%7C%7C%7C${pick(['EUR', 'GBP'])}%7Cfalse%7C${pick(['Europe%2FBerlin', 'Europe%2FLondon', 'Europe%2FParis'])}%7Ctrue`)
      add(0.5, '__cq_dnt', () => '0')
      add(0.5, 'dw_dnt', () => '0')
      add(0.4, '__cq_uuid', () => `${alnum(26).toLowerCase()}:${uuid()}`)
      add(0.4, '__cq_seg', () => `0~0.00!1~0.00!2~0.00!3~0.00!4~0.00!5~0.00!6~0.00!7~0.00!8~0.00!9~0.00`)
      break
    }
    case 'woocommerce':
      add(0.8, `wp_woocommerce_session_${hex(32)}`, () => `t_${hex(30)}%7C%7C${ts()}%7C%7C${ts()}%7C%7C${hex(32)}`)
      add(0.5, 'woocommerce_items_in_cart', () => '1')
      add(0.5, 'woocommerce_cart_hash', () => hex(32))
      add(0.4, 'sbjs_current', () => enc(`typ=utm|||src=google|||mdm=cpc|||cmp=${pick(CAMPAIGNS)}|||cnt=(none)|||trm=(none)|||id=(none)|||plt=(none)|||fmt=(none)|||tct=(none)`))
      add(0.4, 'sbjs_udata', () => enc(`vst=2|||uip=(none)|||uag=${pick(['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'])}`))
      break
    default:
      // A custom storefront with a JWT session and an URL-encoded JSON cart.
      add(0.8, 'session', () => jwt({ sub: uuid(), iat: ts(), exp: ts() + 86400, cart: hex(12), locale: pick(['en-GB', 'de-DE', 'fr-FR']) }))
      add(0.6, 'cart', urlCart)
      add(0.4, 'recently_viewed', recentlyViewed)
      add(0.3, 'ab_test', () => enc(JSON.stringify({ 'checkout-v2': pick(['control', 'variant-b']), 'pdp-gallery': pick(['a', 'b']) })))
  }
  add(0.3, 'currency', () => pick(['GBP', 'EUR', 'USD', 'CHF', 'PLN']))
  add(0.15, 'wishlist', () => enc(JSON.stringify(Array.from({ length: int(1, 4) }, () => int(1000, 99999)))))
  return c
}
const cookieHeader = (c: Cookies): string => c.map(([k, v]) => `${k}=${v}`).join('; ')

// --- Shop content ---------------------------------------------------------------------------

const HANDLES = [
  'classic-crew-neck-tee', 'slim-fit-stretch-jeans', 'leather-chelsea-boots', 'merino-wool-jumper', 'canvas-tote-bag', 'running-shoe-v3', 'linen-shirt-relaxed',
  'kids-rain-jacket', 'cast-iron-skillet-26cm', 'stainless-steel-bottle-750ml', 'hoodie-oversized', 'organic-cotton-socks-3-pack', 'vintage-denim-jacket', 'puffer-vest',
  'silk-scarf-paisley', 'wireless-earbuds-pro', 'yoga-mat-6mm', 'ceramic-mug-set-4', 'trail-runner-gtx', 'bucket-hat',
]
const COLLECTIONS = ['new-arrivals', 'sale', 'men', 'women', 'kids', 'accessories', 'shoes', 'home-kitchen', 'gifts-under-50', 'best-sellers', 'back-in-stock']
const CAMPAIGNS = [
  'BF_2025 | Prospecting | UK', 'pmax-shoes-uk', 'Brand - Exact', 'SS25 Launch – Video', 'Retargeting 7d (DPA)', 'newsletter_w46', 'winter sale 30% off', 'Advantage+ Shopping | EU',
  'GS_Generic_Boots_[Broad]', 'xmas-gift-guide', 'spring/summer_25', 'tiktok_spark_ads_q4',
]
const SEARCH_ENGINES = ['https://www.google.com/', 'https://www.google.co.uk/', 'https://www.google.de/', 'https://www.bing.com/', 'https://duckduckgo.com/', 'https://search.yahoo.com/', 'https://yandex.ru/', 'https://www.ecosia.org/', 'https://www.qwant.com/', 'https://search.brave.com/', 'https://www.startpage.com/']
const SOCIAL = ['https://l.facebook.com/', 'https://lm.facebook.com/', 'https://l.instagram.com/', 'https://www.instagram.com/', 'https://t.co/', 'https://www.pinterest.com/', 'https://www.pinterest.co.uk/', 'https://out.reddit.com/', 'https://www.tiktok.com/', 'https://www.youtube.com/', 'https://www.linkedin.com/', 'https://www.threads.net/']
const APP_REFERRERS = ['android-app://com.google.android.gm/', 'android-app://com.google.android.googlequicksearchbox/', 'android-app://com.slack/', 'android-app://org.telegram.messenger/', 'android-app://com.whatsapp/']
const WEBMAIL = ['https://mail.google.com/', 'https://outlook.live.com/', 'https://mail.yahoo.com/', 'https://outlook.office.com/', 'https://webmail.gmx.net/', 'https://mail.proton.me/']

/** Search-as-you-type: whole queries people type, in many languages and scripts, sent keystroke by keystroke. */
const TYPED = [
  'jeans', "levi's 501", 'chelsea boots', 'robe d\'été', 'pull col roulé', 'Größe 42 Schuhe', 'Übergangsjacke Damen', 'zapatillas niño', 'camiseta algodón', 'buty męskie zimowe',
  'kurtka przeciwdeszczowa', 'spor ayakkabı', 'kışlık mont', 'παπούτσια', 'μπλούζα', 'кроссовки', 'платье летнее', 'кросівки жіночі', 'حذاء رياضي', 'فستان', 'נעלי ספורט', 'שמלה',
  'जूते', 'कुर्ता', 'รองเท้า', 'เสื้อยืด', '运动鞋', '连衣裙 夏', 'スニーカー', 'ワンピース 夏', '운동화', '원피스', 'giày thể thao', 'áo khoác', 'scarpe da ginnastica', 'maglione lana',
  'sapatilhas', 'vestido longo', 'hardloopschoenen', 'regenjas', 'löparskor', 'vinterjacka', 'men\'s 12" shorts', 'kids\' 2-pack', 'mug & coaster', 'tee - black', 'cafetière',
]
const prefixes = (q: string): string[] => {
  const chars = [...q]
  return chars.map((_, i) => chars.slice(0, i + 1).join('')).filter((p) => p.trim() !== '')
}

const SHOP_PLATFORMS = ['shopify', 'shopify', 'magento', 'laravel', 'aspnet', 'sfcc', 'woocommerce', 'custom']

// --- Requests -------------------------------------------------------------------------------

interface Visitor {
  browser: Browser
  language: string
  platform: string
  cookies: Cookies
  /** The shop asked for high-entropy client hints (Accept-CH); Chromium sends them from then on. */
  highEntropy: boolean
  gpc: boolean
}
const VISITORS: Visitor[] = Array.from({ length: 420 }, () => {
  const browser = drawBrowser()
  const platform = pick(SHOP_PLATFORMS)
  return {
    browser,
    language: browser.engine === 'gecko' ? pick(GECKO_LANGUAGES) : pick(LANGUAGES),
    platform,
    cookies: jar(platform),
    highEntropy: rand() < 0.25,
    gpc: rand() < 0.08,
  }
})

type Dest = 'document' | 'fetch' | 'prefetch'
/** The headers the visitor's browser sends for a request of that destination, in the order browsers send them. */
function headers(v: Visitor, dest: Dest, site: 'none' | 'same-origin' | 'cross-site', referer?: string, withCookies = true): Record<string, string> {
  const b = v.browser
  const h: Record<string, string> = { host: HOST }
  if (b.engine === 'chromium') {
    h['sec-ch-ua'] = b.brands!
    h['sec-ch-ua-mobile'] = b.mobile ? '?1' : '?0'
    h['sec-ch-ua-platform'] = b.platform!
    if (v.highEntropy && b.full !== undefined) {
      h['sec-ch-ua-full-version-list'] = b.full
      h['sec-ch-ua-arch'] = b.mobile ? '""' : pick(['"x86"', '"arm"'])
      h['sec-ch-ua-bitness'] = '"64"'
      h['sec-ch-ua-model'] = b.mobile ? `"${pick(ANDROID_MODELS)}"` : '""'
      h['sec-ch-ua-platform-version'] = b.mobile ? '"14.0.0"' : pick(['"15.0.0"', '"10.0.0"', '"14.6.1"'])
      h['sec-ch-ua-wow64'] = '?0'
      h['sec-ch-prefers-color-scheme'] = pick(['light', 'dark'])
      h['device-memory'] = pick(['4', '8'])
      h.dpr = pick(['1', '1.25', '2', '2.625', '3'])
      h['viewport-width'] = String(b.mobile ? pick([360, 384, 393, 412]) : pick([1280, 1440, 1536, 1920]))
      h.rtt = String(pick([50, 100, 150, 250]))
      h.downlink = pick(['10', '1.45', '3.9', '0.8'])
      h.ect = pick(['4g', '4g', '3g'])
    }
  }
  if (dest === 'document' || dest === 'prefetch') {
    if (b.engine !== 'gecko' || dest === 'document') h['upgrade-insecure-requests'] = '1'
    h['user-agent'] = b.ua
    h.accept =
      b.engine === 'chromium'
        ? 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7'
        : 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'
    if (dest === 'prefetch') h['sec-purpose'] = pick(['prefetch', 'prefetch;prerender'])
    h['sec-fetch-site'] = site
    h['sec-fetch-mode'] = 'navigate'
    if (dest === 'document') h['sec-fetch-user'] = '?1'
    h['sec-fetch-dest'] = 'document'
  } else {
    h['user-agent'] = b.ua
    h.accept = pick(['*/*', 'application/json', 'application/json, text/javascript, */*; q=0.01', 'text/html, */*; q=0.01'])
    h['sec-fetch-site'] = 'same-origin'
    h['sec-fetch-mode'] = 'cors'
    h['sec-fetch-dest'] = 'empty'
  }
  if (referer !== undefined) h.referer = referer
  h['accept-encoding'] = b.engine === 'webkit' ? 'gzip, deflate, br' : 'gzip, deflate, br, zstd'
  h['accept-language'] = v.language
  if (withCookies && v.cookies.length > 0) h.cookie = cookieHeader(v.cookies)
  if (b.engine !== 'webkit' || rand() < 0.7) h.priority = dest === 'document' ? 'u=0, i' : dest === 'prefetch' ? 'u=4, i' : pick(['u=1, i', 'u=4'])
  if (b.engine === 'gecko') {
    h.te = 'trailers'
    if (rand() < 0.15) h.dnt = '1'
  }
  if (v.gpc) h['sec-gpc'] = '1'
  Object.assign(h, b.extra)
  return h
}
const jsonH = (h: Record<string, string>): Record<string, string> => ({ ...h, 'content-type': 'application/json', origin: ORIGIN })
const formH = (h: Record<string, string>): Record<string, string> => ({ ...h, 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8', origin: ORIGIN, 'x-requested-with': 'XMLHttpRequest' })

interface Out extends WafRequest {
  id: string
  kind: string
  variant: string
  browser: string
  holdout: boolean
}
const out: Out[] = []
function add(kind: string, variant: string, v: Visitor, req: WafRequest): void {
  out.push({ id: `browsers-${String(out.length).padStart(4, '0')}`, kind, variant, browser: v.browser.name, holdout: fnv1a(`${kind}|${variant}`) % 10 < 3, ...req })
}
const visitor = (): Visitor => pick(VISITORS)
const IN_APP = VISITORS.filter((x) => /instagram|facebook|tiktok|pinterest|snapchat|linkedin|gmail/.test(x.browser.name))
/** Speculation Rules are Chromium's. */
const CHROMIUM = VISITORS.filter((x) => x.browser.engine === 'chromium')
const page = (): string =>
  pick([`/products/${pick(HANDLES)}`, `/collections/${pick(COLLECTIONS)}`, `/collections/${pick(COLLECTIONS)}/products/${pick(HANDLES)}`, '/', '/cart', `/pages/${pick(['about-us', 'size-guide', 'shipping-returns', 'contact'])}`])
const variantId = (): number => int(40000000000000, 49999999999999)

/** Landing query strings as ad platforms, e-mail tools and affiliates write them (values URL-encoded). */
const TRACKING: Record<string, () => Array<[string, string]>> = {
  'google-ads': () => [['utm_source', 'google'], ['utm_medium', 'cpc'], ['utm_campaign', pick(CAMPAIGNS)], ['utm_term', pick(['chelsea boots', "levi's 501", '+merino +jumper'])], ['utm_content', `${int(1e11, 9e11)}`], ['gad_source', '1'], ['gad_campaignid', `${int(1e10, 9e10)}`], ['gbraid', `0AAAAAD${alnum(20)}`], ['gclid', `Cj0KCQ${alnum(60)}_${alnum(20)}BwE`]],
  'google-shopping': () => [['variant', String(variantId())], ['country', 'GB'], ['currency', 'GBP'], ['utm_source', 'google'], ['utm_medium', 'organic'], ['utm_campaign', 'sag_organic'], ['srsltid', `AfmBOo${alnum(60)}`]],
  'google-pmax': () => [['_gl', `1*${alnum(6).toLowerCase()}*_gcl_au*${b64(`${int(1e8, 9e8)}.${ts()}`).replaceAll('=', '')}*_ga*${b64(`${int(1e8, 9e8)}.${ts()}`).replaceAll('=', '')}*_ga_${GA_ID}*${b64(gaSession()).replaceAll('=', '')}`], ['wbraid', `Cl${alnum(8)}EKj${alnum(40)}`], ['gclid', `EAIaIQobChMI${alnum(40)}EAQYASABEgK${alnum(4)}_D_BwE`]],
  meta: () => [['utm_source', pick(['facebook', 'instagram', 'ig'])], ['utm_medium', pick(['paid', 'paid_social', 'cpc'])], ['utm_campaign', pick(CAMPAIGNS)], ['utm_content', pick(['Carousel – Boots {{ad.name}}', 'UGC_video_01', 'DPA | Catalog'])], ['utm_id', `${int(1e16, 9e16)}`], ['fbclid', `IwZXh0bgNhZW0BMABhZGlkAasa${alnum(40)}_aem_${alnum(22)}`]],
  microsoft: () => [['utm_source', 'bing'], ['utm_medium', 'cpc'], ['utm_campaign', pick(CAMPAIGNS)], ['msclkid', hex(32)]],
  tiktok: () => [['utm_source', 'tiktok'], ['utm_medium', 'paid'], ['utm_campaign', pick(CAMPAIGNS)], ['ttclid', `E_C_P_${alnum(80)}`]],
  klaviyo: () => [['utm_source', 'Klaviyo'], ['utm_medium', 'email'], ['utm_campaign', `${pick(['Black Friday – Early Access', 'Welcome Series #2', 'Abandoned Cart (1h)', 'Back in stock: {{ item }}'])} (${alnum(6)})`], ['_kx', `${b64url(alnum(30))}.${alnum(6)}`]],
  mailchimp: () => [['utm_source', 'newsletter'], ['utm_medium', 'email'], ['utm_campaign', 'weekly_digest'], ['mc_cid', hex(10)], ['mc_eid', hex(10)]],
  hubspot: () => [['utm_source', 'hs_email'], ['utm_medium', 'email'], ['_hsenc', `p2ANqtz-${alnum(70)}`], ['_hsmi', `${int(1e8, 9e8)}`]],
  marketo: () => [['mkt_tok', `${alnum(3)}${int(100, 999)}${alnum(3)}${int(100, 999)}AAAB${alnum(100)}`]],
  affiliate: () => pick([
    [['awc', `${int(1000, 99999)}_${ts()}_${hex(32)}`], ['utm_source', 'awin'], ['utm_medium', 'affiliate']],
    [['irclickid', `${alnum(7)}xyz${alnum(16)}`], ['irgwc', '1'], ['utm_source', 'impact']],
    [['cjevent', hex(32)], ['cjdata', `MXxOfDB8WXww`]],
    [['sscid', `${alnum(2)}k${int(1, 9)}_${alnum(5)}`], ['utm_source', 'shareasale']],
    [['ranMID', `${int(40000, 49999)}`], ['ranEAID', alnum(11)], ['ranSiteID', `${alnum(11)}-${alnum(22)}`]],
  ] as Array<Array<[string, string]>>),
  pinterest: () => [['utm_source', 'pinterest'], ['utm_medium', 'social'], ['epik', `dj0yJnU9${alnum(32)}JnA9MSZuPS${alnum(22)}JnQ9QUFBQUFH${alnum(8)}`]],
  snapchat: () => [['ScCid', uuid()], ['utm_source', 'snapchat']],
  twitter: () => [['twclid', `2-${alnum(25)}`], ['utm_source', 'twitter'], ['utm_medium', 'paid']],
  linkedin: () => [['li_fat_id', uuid()], ['utm_source', 'linkedin']],
}

const SHAPES: ReadonlyArray<readonly [number, () => void]> = [
  // Landing on a page from an ad, a shopping listing, an e-mail or an affiliate.
  [22, () => {
    const v = visitor()
    const source = pick(Object.keys(TRACKING))
    const qs = TRACKING[source]!().map(([k, val]) => `${enc(k)}=${enc(val)}`).join('&')
    const from = ['klaviyo', 'mailchimp', 'hubspot', 'marketo'].includes(source)
      ? pick([undefined, ...WEBMAIL, 'android-app://com.google.android.gm/'])
      : source.startsWith('google') ? pick(['https://www.google.com/', 'https://www.google.co.uk/', 'https://www.googleadservices.com/', undefined])
      : ['meta', 'tiktok', 'pinterest', 'snapchat', 'twitter', 'linkedin'].includes(source) ? pick(SOCIAL)
      : pick([undefined, 'https://www.vouchercodes.co.uk/', 'https://www.myunidays.com/', 'https://www.topcashback.co.uk/'])
    add('nav-landing', source, v, { method: 'GET', uri: `${pick([`/products/${pick(HANDLES)}`, `/collections/${pick(COLLECTIONS)}`, '/'])}?${qs}`, headers: headers(v, 'document', 'cross-site', from, rand() < 0.5) })
  }],
  // Arriving from a search engine: its referrer policy sends the origin only.
  [12, () => {
    const v = visitor()
    const from = pick(SEARCH_ENGINES)
    add('nav-search-referrer', new URL(from).hostname.replace(/^(www|search)\./, '').split('.')[0]!, v, { method: 'GET', uri: page(), headers: headers(v, 'document', 'cross-site', from, rand() < 0.6) })
  }],
  // Links from social sites and apps: in-app browsers, link shims, Android app referrers.
  [12, () => {
    const v = rand() < 0.6 ? pick(IN_APP) : visitor()
    const from = pick([...SOCIAL, ...APP_REFERRERS])
    const uri = pick([`/products/${pick(HANDLES)}`, `/collections/${pick(COLLECTIONS)}`, `/products/${pick(HANDLES)}?utm_source=ig&utm_medium=social&utm_content=link_in_bio`, `/products/${pick(HANDLES)}?fbclid=${alnum(20)}_aem_${alnum(22)}`])
    add('nav-social', from.startsWith('android-app') ? 'android-app' : new URL(from).hostname.replace(/^(www|l|lm|out)\./, '').split('.')[0]!, v, { method: 'GET', uri, headers: headers(v, 'document', 'cross-site', from, rand() < 0.4) })
  }],
  // Browsing inside the shop: categories with filters, sort and paging; product pages with variants.
  [16, () => {
    const v = visitor()
    const variant = pick(['collection-filter', 'product-variant', 'paging', 'cart-page', 'account'])
    const uri =
      variant === 'collection-filter'
        ? `/collections/${pick(COLLECTIONS)}?${[['filter.v.option.size', pick(['M', '32', '42', '10'])], ['filter.v.option.color', pick(['Black', 'Navy Blue', 'Off-White'])], ['filter.v.price.gte', '10'], ['filter.v.price.lte', '100'], ['filter.p.vendor', pick(["Levi's", 'Dr. Martens', 'Marks & Spencer'])], ['sort_by', pick(['price-ascending', 'best-selling', 'created-descending'])]].slice(0, int(2, 6)).map(([k, x]) => `${enc(k!)}=${enc(x!)}`).join('&')}`
        : variant === 'product-variant' ? `/products/${pick(HANDLES)}?variant=${variantId()}`
        : variant === 'paging' ? `/collections/${pick(COLLECTIONS)}?page=${int(2, 9)}&sort_by=${pick(['manual', 'title-ascending'])}`
        : variant === 'cart-page' ? '/cart'
        : pick(['/account', '/account/orders', '/account/addresses', '/account/login?return_url=%2Faccount'])
    add('nav-internal', variant, v, { method: 'GET', uri, headers: headers(v, 'document', 'same-origin', `${ORIGIN}${page()}`) })
  }],
  // Speculative loads (Speculation Rules, link prefetch).
  [4, () => {
    const v = pick(CHROMIUM)
    add('prefetch', 'speculation-rules', v, { method: 'GET', uri: `/products/${pick(HANDLES)}`, headers: headers(v, 'prefetch', 'same-origin', `${ORIGIN}/collections/${pick(COLLECTIONS)}`) })
  }],
  // A product page's variant and availability lookups.
  [8, () => {
    const v = visitor()
    const handle = pick(HANDLES)
    const variant = pick(['product-js', 'variant-section', 'pickup-availability', 'magento-swatches', 'sfcc-variation'])
    const uri =
      variant === 'product-js' ? `/products/${handle}.js`
      : variant === 'variant-section' ? `/products/${handle}?variant=${variantId()}&section_id=${enc(`template--${int(1e16, 9e16)}__main`)}`
      : variant === 'pickup-availability' ? `/variants/${variantId()}/?section_id=pickup-availability`
      : variant === 'magento-swatches' ? `/swatches/ajax/media/?product_id=${int(100, 9999)}&isAjax=true&attributes%5Bcolor%5D=${int(40, 99)}&attributes%5Bsize%5D=${int(160, 190)}`
      : `/on/demandware.store/Sites-${pick(['UK', 'EU'])}-Site/${pick(['en_GB', 'de_DE'])}/Product-Variation?dwvar_${int(1e5, 9e5)}_color=${pick(['001', 'BLK', 'NVY'])}&dwvar_${int(1e5, 9e5)}_size=${pick(['M', '32', '9.5'])}&pid=${int(1e5, 9e5)}&quantity=1`
    add('xhr-variant', variant, v, { method: 'GET', uri, headers: headers(v, 'fetch', 'same-origin', `${ORIGIN}/products/${handle}`) })
  }],
  // Cart calls: Shopify AJAX API (JSON and form), Magento add-to-cart form with its base64 `uenc`, WooCommerce.
  [10, () => {
    const v = visitor()
    const handle = pick(HANDLES)
    const ref = `${ORIGIN}/products/${handle}`
    // A shop's own platform decides its cart calls; a custom storefront may copy any of them.
    const shopify = ['shopify-add-json', 'shopify-add-form', 'shopify-change', 'shopify-update-attributes']
    const variant = v.platform === 'shopify' ? pick(shopify) : v.platform === 'magento' ? 'magento-add' : v.platform === 'woocommerce' ? 'woocommerce-add' : pick([...shopify, 'magento-add', 'woocommerce-add'])
    const h = headers(v, 'fetch', 'same-origin', ref)
    const props = pick([{}, { Engraving: pick(['J & M — 14.02.2025', "Mum's 60th", 'Love you x', '♥ Always']) }, { 'Gift wrap': 'Yes', _source: 'quick-add' }, { Size: '10 ½', Fit: 'Regular' }])
    if (variant === 'shopify-add-json') add('xhr-cart', variant, v, { method: 'POST', uri: '/cart/add.js', headers: jsonH(h), body: JSON.stringify({ items: [{ id: variantId(), quantity: int(1, 3), properties: props }], sections: 'cart-drawer,cart-icon-bubble', sections_url: `/products/${handle}` }) })
    else if (variant === 'shopify-add-form') add('xhr-cart', variant, v, { method: 'POST', uri: '/cart/add', headers: { ...formH(h), accept: 'application/javascript' }, body: form([['form_type', 'product'], ['utf8', '✓'], ['id', String(variantId())], ['quantity', String(int(1, 2))], ...Object.entries(props).map(([k, x]) => [`properties[${k}]`, x] as [string, string]), ['product-id', String(int(1e12, 9e12))], ['section-id', `template--${int(1e16, 9e16)}__main`], ['sections', 'cart-drawer,cart-icon-bubble'], ['sections_url', `/products/${handle}`]]) })
    else if (variant === 'shopify-change') add('xhr-cart', variant, v, { method: 'POST', uri: '/cart/change.js', headers: jsonH(h), body: JSON.stringify({ line: int(1, 4), quantity: int(0, 3), sections: ['cart-drawer', 'cart-icon-bubble'], sections_url: '/cart' }) })
    else if (variant === 'shopify-update-attributes') add('xhr-cart', variant, v, { method: 'POST', uri: '/cart/update.js', headers: jsonH(h), body: JSON.stringify({ attributes: { 'Gift note': pick(['Happy birthday Sam! Love, Alex & the kids', 'Merry Xmas :)', "Don't open 'til the 25th!"]), 'Delivery date': '2025-12-23', 'How did you hear about us?': pick(['Instagram', 'A friend', 'Google / search']) }, note: pick(['Please leave with neighbour at no. 12', 'Side door — ring twice', '']) }) })
    else if (variant === 'magento-add') {
      const formKey = v.cookies.find(([k]) => k === 'form_key')?.[1] ?? alnum(16)
      add('xhr-cart', variant, v, { method: 'POST', uri: `/checkout/cart/add/uenc/${uenc(`/${handle}.html`)}/product/${int(100, 9999)}/`, headers: { ...formH(h), accept: 'application/json, text/javascript, */*; q=0.01' }, body: form([['product', String(int(100, 9999))], ['selected_configurable_option', ''], ['related_product', ''], ['item', String(int(100, 9999))], ['form_key', formKey], ['super_attribute[93]', String(int(40, 60))], ['super_attribute[144]', String(int(160, 190))], ['qty', '1']]) })
    } else add('xhr-cart', variant, v, { method: 'POST', uri: '/?wc-ajax=add_to_cart', headers: formH(h), body: form([['product_sku', `${pick(['TEE', 'JNS'])}-${int(100, 999)}`], ['product_id', String(int(10, 9999))], ['quantity', '1'], ['attribute_pa_size', pick(['m', 'l', 'xl'])], ['attribute_pa_colour', pick(['black', 'navy-blue'])]]) })
  }],
  // Recommendations: the platform's own and third-party engines called from the page.
  [7, () => {
    const v = visitor()
    const variant = pick(['shopify-recommendations', 'algolia-recommend', 'nosto', 'dynamic-yield'])
    const ref = `${ORIGIN}/products/${pick(HANDLES)}`
    const h = headers(v, 'fetch', 'same-origin', ref)
    if (variant === 'shopify-recommendations') add('xhr-recommendations', variant, v, { method: 'GET', uri: `/recommendations/products?section_id=${enc(`template--${int(1e16, 9e16)}__product-recommendations`)}&product_id=${int(1e12, 9e12)}&limit=${pick([4, 8, 10])}&intent=${pick(['related', 'complementary'])}`, headers: h })
    else if (variant === 'algolia-recommend') add('xhr-recommendations', variant, v, { method: 'POST', uri: `/1/indexes/*/recommendations?x-algolia-agent=${enc('Algolia for JavaScript (4.24.0); Browser; recommend (4.24.0); recommend-js (1.15.0)')}&x-algolia-api-key=${hex(32)}&x-algolia-application-id=${alnum(10).toUpperCase()}`, headers: { ...h, 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN }, body: JSON.stringify({ requests: [{ indexName: 'shopify_products', model: pick(['related-products', 'bought-together']), objectID: String(int(1e12, 9e12)), threshold: 42, maxRecommendations: 8, queryParameters: { analytics: false, clickAnalytics: true, filters: 'inventory_available:true AND NOT tags:"hidden"' } }] }) })
    else if (variant === 'nosto') add('xhr-recommendations', variant, v, { method: 'POST', uri: '/api/nosto/v1/recommendations', headers: jsonH(h), body: JSON.stringify({ customer_id: b64url(uuid()), elements: ['productpage-nosto-1', 'productpage-nosto-2'], page_type: 'product', products: [{ product_id: String(int(1e12, 9e12)), selected_sku_id: String(variantId()) }], cart: { items: [] }, response_mode: 'JSON_ORIGINAL', url: ref }) })
    else add('xhr-recommendations', variant, v, { method: 'POST', uri: '/dy/v2/serve/user/choose', headers: jsonH(h), body: JSON.stringify({ selector: { names: ['PDP Similar Items', 'PDP Recently Viewed'] }, user: { dyid: String(int(1e18, 9e18)), dyid_server: String(int(1e18, 9e18)) }, session: { dy: hex(32) }, context: { page: { type: 'PRODUCT', data: [String(variantId())], location: ref, locale: 'en_GB', referrer: pick(SEARCH_ENGINES) }, device: { userAgent: v.browser.ua } } }) })
  }],
  // Search-as-you-type: one request per keystroke of a query, as the search box debounces it.
  [6, () => {
    const v = visitor()
    const q = pick(TYPED)
    const variant = pick(['shopify-suggest', 'magento-suggest', 'algolia-query', 'sfcc-suggest', 'woocommerce-search'])
    const keys = prefixes(q)
    const ref = `${ORIGIN}${page()}`
    for (const p of keys.slice(Math.max(0, keys.length - int(2, 5)))) {
      const h = headers(v, 'fetch', 'same-origin', ref)
      if (variant === 'shopify-suggest') add('xhr-search-suggest', variant, v, { method: 'GET', uri: `/search/suggest?q=${enc(p)}&${enc('resources[type]')}=product%2Ccollection%2Cquery&${enc('resources[limit]')}=4&${enc('resources[options][unavailable_products]')}=last&section_id=predictive-search`, headers: h })
      else if (variant === 'magento-suggest') add('xhr-search-suggest', variant, v, { method: 'GET', uri: `/search/ajax/suggest/?q=${enc(p)}&_=${ms()}`, headers: { ...h, 'x-requested-with': 'XMLHttpRequest' } })
      else if (variant === 'algolia-query') add('xhr-search-suggest', variant, v, { method: 'POST', uri: `/1/indexes/*/queries?x-algolia-agent=${enc('Algolia for JavaScript (4.24.0); Browser (lite); instantsearch.js (4.75.0); JS Helper (3.22.5)')}&x-algolia-api-key=${hex(32)}&x-algolia-application-id=${alnum(10).toUpperCase()}`, headers: { ...h, 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN }, body: JSON.stringify({ requests: [{ indexName: 'shopify_products', params: `${form([['query', p], ['hitsPerPage', '6'], ['clickAnalytics', 'true'], ['highlightPreTag', '__ais-highlight__'], ['highlightPostTag', '__/ais-highlight__'], ['facets', '["vendor","product_type","options.size"]'], ['tagFilters', '']])}` }] }) })
      else if (variant === 'sfcc-suggest') add('xhr-search-suggest', variant, v, { method: 'GET', uri: `/on/demandware.store/Sites-${pick(['UK', 'EU'])}-Site/${pick(['en_GB', 'de_DE', 'fr_FR'])}/SearchServices-GetSuggestions?q=${enc(p)}`, headers: h })
      else add('xhr-search-suggest', variant, v, { method: 'GET', uri: `/?wc-ajax=dgwt_wcas_ajax_search&s=${enc(p)}&l=${pick(['en', 'de', 'pl'])}`, headers: h })
    }
  }],
  // Server-side tagging: GA4 hits sent to the shop's own domain (a first-party sGTM container).
  [6, () => {
    const v = visitor()
    const path = page()
    const ga = v.cookies.find(([k]) => k === '_ga')?.[1].split('.').slice(2).join('.') ?? `${int(1e8, 9e8)}.${ts()}`
    const params: Array<[string, string]> = [
      ['v', '2'], ['tid', `G-${GA_ID}`], ['gtm', `45je4${alnum(4)}v9${int(1e8, 9e8)}za200`], ['_p', String(ms())], ['gcs', 'G111'], ['gcd', '13r3r3r3r5l1'], ['npa', '0'], ['dma', '1'], ['cid', ga], ['ul', v.language.split(',')[0]!.toLowerCase()],
      ['sr', pick(['1920x1080', '390x844', '1440x900', '412x915'])],
      // Only Chromium exposes the client hints gtag copies into `uaa`…`uamb`.
      ...(v.browser.engine === 'chromium' ? ([['uaa', pick(['x86', 'arm'])], ['uab', '64'], ['uafvl', enc('Google Chrome;131.0.6778.86|Chromium;131.0.6778.86|Not_A Brand;24.0.0.0')], ['uamb', v.browser.mobile ? '1' : '0']] as Array<[string, string]>) : []),
      ['are', '1'], ['frm', '0'], ['pscdl', 'noapi'], ['_s', String(int(1, 9))], ['sid', String(ts())], ['sct', String(int(1, 30))], ['seg', '1'], ['dl', `${ORIGIN}${path}?utm_source=google&utm_medium=cpc`], ['dr', pick(SEARCH_ENGINES)],
      ['dt', pick(["Levi's® 501® Original Jeans – Shop", 'Chelsea Boots | Free UK Delivery & Returns', 'Søg: “jakke” – Shop', 'Men’s Merino Jumper — 100% Wool'])], ['en', pick(['page_view', 'view_item', 'add_to_cart', 'scroll', 'user_engagement'])],
      ['ep.page_type', pick(['product', 'collection'])], ['epn.value', String(int(10, 200))], ['ep.currency', 'GBP'], ['pr1', `id${int(1e5, 9e5)}~nm${pick(["Levi's 501", 'Chelsea Boot – Black'])}~brLevi's~ca${pick(['Jeans', 'Shoes/Boots'])}~va32W x 32L~pr89.00~qt1`], ['tfd', String(int(100, 9000))],
    ]
    const get = rand() < 0.5
    add('sgtm-collect', get ? 'get' : 'post', v, get
      ? { method: 'GET', uri: `/g/collect?${params.map(([k, x]) => `${k}=${k === 'uafvl' ? x : enc(x)}`).join('&')}`, headers: { ...headers(v, 'fetch', 'same-origin', `${ORIGIN}${path}`), accept: '*/*', 'sec-fetch-mode': 'no-cors' } }
      : { method: 'POST', uri: `/g/collect?${params.slice(0, 20).map(([k, x]) => `${k}=${k === 'uafvl' ? x : enc(x)}`).join('&')}`, headers: { ...headers(v, 'fetch', 'same-origin', `${ORIGIN}${path}`), 'content-type': 'text/plain;charset=UTF-8', 'sec-fetch-mode': 'no-cors' }, body: params.slice(20).map(([k, x]) => `${k}=${enc(x)}`).join('&') })
  }],
  // Static assets and the page's own small calls, which carry the full cookie jar too.
  [6, () => {
    const v = visitor()
    const variant = pick(['cart-json', 'localization', 'asset', 'font', 'image'])
    const ref = `${ORIGIN}${page()}`
    if (variant === 'cart-json') add('xhr-misc', variant, v, { method: 'GET', uri: `/cart.js?_=${ms()}`, headers: headers(v, 'fetch', 'same-origin', ref) })
    else if (variant === 'localization') add('xhr-misc', variant, v, { method: 'POST', uri: '/localization', headers: { ...headers(v, 'document', 'same-origin', ref), 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN }, body: form([['form_type', 'localization'], ['utf8', '✓'], ['_method', 'put'], ['return_to', `/collections/${pick(COLLECTIONS)}?filter.v.price.lte=50`], ['country_code', pick(['DE', 'FR', 'GB', 'US'])], ['language_code', pick(['de', 'fr', 'en'])]]) })
    else {
      const h = headers(v, 'fetch', 'same-origin', ref)
      h['sec-fetch-mode'] = 'no-cors'
      h['sec-fetch-dest'] = variant === 'asset' ? pick(['script', 'style']) : variant
      h.accept = variant === 'image' ? (v.browser.engine === 'chromium' ? 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8' : 'image/webp,image/avif,image/jxl,image/heic,image/heic-sequence,video/*;q=0.8,image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5') : '*/*'
      if (variant === 'font') h.origin = ORIGIN
      const uri = variant === 'asset' ? `/cdn/shop/t/${int(2, 40)}/assets/${pick(['global.js', 'base.css', 'product-info.js', 'cart-drawer.js'])}?v=${int(1e9, 9e9)}` : variant === 'font' ? `/cdn/fonts/${pick(['assistant', 'inter'])}/${pick(['assistant', 'inter'])}_n4.${hex(40)}.woff2?h1=${b64(`${HOST}`).replaceAll('=', '')}&hmac=${hex(64)}` : `/cdn/shop/files/${pick(HANDLES)}_${int(1, 4)}.jpg?v=${int(1e9, 9e9)}&width=${pick([360, 533, 720, 940, 1066])}`
      add('xhr-misc', variant, v, { method: 'GET', uri, headers: h })
    }
  }],
]

drawWeighted(SHAPES, () => out.length >= COUNT)
out.length = COUNT

writeFileSync(new URL('./benign-browsers.ndjson', import.meta.url), `${out.map((r) => JSON.stringify(r)).join('\n')}\n`)
console.log(`wrote ${out.length} requests`)
