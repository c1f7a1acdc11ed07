/**
 * A fifth benign corpus: what real browsers and shop apps send to a headless or SPA shop
 * today, which benign-shop, benign-platforms, benign-browser and benign-legacy do not model.
 * Framework traffic (Next.js `/_next/data` and RSC `?_rsc=` fetches with router-state headers,
 * server actions, `/_next/image` proxies, Nuxt payloads and Content queries, Remix `_data`
 * and single-fetch, SvelteKit `__data.json`, Astro actions, Livewire, Inertia, HTMX and Turbo
 * headers), headless-CMS and commerce APIs (Strapi `filters[…][$lt]`, Directus, Sanity GROQ,
 * Contentful, OData `$filter`, SAP Commerce `:relevance:` queries, Salesforce Commerce
 * refinements, Hydrogen Storefront GraphQL with fragments and `@inContext`), search engines
 * (Meilisearch and Typesense filters with quotes and backticks, Algolia InstantSearch
 * highlight tags, Elasticsearch `script_score`), search boxes with boolean operators and
 * typeahead keystrokes (unbalanced quotes), cart line-item properties and engraving text,
 * product customisers posting SVG and canvas JSON, nested and double-encoded return URLs,
 * image CDN transforms (Cloudinary, imgix, Cloudflare `/cdn-cgi/image/`), ad-platform click
 * ids and unreplaced campaign macros, consent (GPP, Shopify `_tracking_consent`) and
 * auth/session cookies (next-auth JWE, Supabase, raw JSON cookies), Datadog, New Relic and
 * Cloudflare RUM beacons, Sentry breadcrumbs, NEL and COOP reports, service workers,
 * manifests and `.well-known` fetches, client hints, WebAuthn passkeys, Payment Request
 * addresses, Klarna/Afterpay/Affirm returns, address autocomplete with odd street names,
 * fullwidth Japanese titles (NFKC folds them to ASCII brackets), Turkish dotless i,
 * cXML and OCI punch-out from procurement systems, B2B directory filters, an AI shopping
 * assistant's chat history, developer questions with code, browser-extension markup, and
 * mobile-app API calls (OkHttp, Dart, Alamofire, Ktor).
 * Written from the public formats before the engine was run on it; nothing here was chosen
 * or dropped by the verdict it gets. Attack-free.
 * Run: npx tsx bench/waf/corpora/generate-benign-modern.ts  (writes benign-modern.ndjson)
 * @module
 */
import { writeFileSync } from 'node:fs'
import { b64url, browserUserAgents, fixtureUserAgents, form, seededText } from './seeded-text.ts'
import type { WafRequest } from '../../../packages/core/src/waf/index.ts'

const SEED = 20261130
const COUNT = 2400
const { rand, pick, int, hex, alnum, uuid, drawWeighted } = seededText(SEED)
const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64')
const now = (): number => 1740000000 + int(0, 30000000)
const iso = (): string => new Date(now() * 1000).toISOString()
const enc = encodeURIComponent

const UAS = browserUserAgents()
const APP_UAS = [
  ...fixtureUserAgents().filter((ua) => /CFNetwork\/1[34]\d\d|okhttp/i.test(ua)),
  'okhttp/4.12.0', 'okhttp/4.9.3', 'Dart/3.3 (dart:io)', 'Dart/3.5 (dart:io)', 'ShopApp/5.2.1 (com.shop.app; build:512; iOS 17.4.1) Alamofire/5.9.0',
  'ShopApp/5.2.1 (com.shop.app; build:512; Android 14) Ktor/2.3.11', 'ShopApp/812 CFNetwork/1494.0.7 Darwin/23.4.0', 'Expo/2.31.2 CFNetwork/1496.0.7 Darwin/23.5.0',
]
const HOST = 'shop.example'
const ORIGIN = `https://${HOST}`
const BUILD_ID = alnum(21)

// --- Shopper text ---------------------------------------------------------------------------

const SEARCHES = [
  '"red dress" -cotton', 'shoes OR boots', 'boots -ugg -"knee high"', 'drop-down menu', 'select all', '1=1 scale model', 'union jack mug', '1:18 scale diecast', 'and/or sign',
  'jeans AND belt', 'NOT leather', 'brand:"Levi\'s"', 'price:<50', 'title:sneakers', 'site:shop.example sale', '"it\'s a girl" balloons', 'tee\'s & shorts', '"1\' x 2\'" door mat',
  '1 or 2 person tent', 'where\'s wally book', 'exec chair', 'sleep mask 2 pack', 'wait for me dvd', 'count von count plush', 'sum 41 vinyl', 'max & min bookends', 'char broil grill',
  'user manual', 'admin desk', 'password book', 'table & chairs', 'coffee table -glass', 'set of 2', 'delete all texts t-shirt', '/* comment */ mug', '// todo notebook', '<Coder /> t-shirt',
  '<div> happens mug', 'SELECT * FROM beer hoodie', 'git push --force socks', 'sudo !! tee', '$5 gift card', '$$ sale', '100% wool', '50% off & free ship', 'kids\' rain boots (size 10)',
  'wine glass; set of 4', 'phone case | iphone 15', 'usb-c > lightning', 'age 3+', '<3 mum necklace', '2\'6" runner', '5\'2" petite jeans', '"the north face" or patagonia',
  'dr. martens 1460 \'smooth\'', '"', 'levi\'', 'o\'', '1/2"', 'shoes -', 'a & b', 'tom & jerry', 'ben & jerry\'s', 'm&m\'s', 'rock\'n\'roll tee', 'L\'Oréal', 'ça va mug',
  'iPhone 15 Pro Max 256GB', 'MacBook Air M3 13"', 'AT&T prepaid', 'C&A', 'H&M', 'P!nk tour tee', 'JACK&JONES', 'Tommy Hilfiger "1985"', 'Mötley Crüe', 'Ⓜ️ logo', 'ñandú peluche',
  'одежда для детей', 'кроссовки nike', 'çocuk ayakkabı', 'IŞIK lamba', 'DİYARBAKIR kilim', 'ıspanak tohumu', 'ชุดเดรส', 'حذاء رياضي', 'ספר ילדים', '运动鞋 男', 'スニーカー メンズ',
  '＜公式＞ナイキ エア マックス', '【送料無料】Ｔシャツ', 'ｓａｌｅ　５０％', '１／２インチ', '（株）ユニクロ', 'ワンピース　＂夏＂', '운동화 남성', 'giày thể thao', 'Straße & Söhne', 'façade lamp',
]
/** Typeahead: every keystroke of a query is sent, so prefixes end mid-quote or mid-word. */
const typeahead = (q: string): string => q.slice(0, int(1, q.length))
const NAMES = ["Siobhán O'Sullivan", 'Zoë Ångström', "D'Arcy Nakamura-O'Neil", 'Ahmet Yılmaz', 'İlknur Şahin', 'Łukasz Wąs', 'José María "Chema" Núñez', '山田 花子', 'Алексей Иванов', 'محمد الأحمد', 'Nguyễn Văn An']
const STREETS = [
  "O'Connell St", "12 Rue de l'Église", 'Flat 3/2, 14 Sauchiehall St', 'c/o Müller & Söhne GmbH, Hauptstr. 5', 'Schloß-Str. 3 ½', "Via dell'Orso 2/A", "'s-Hertogenbosch, Markt 1",
  'Unit 4 -- rear entrance', 'PO Box #12', 'İstiklal Cd. No:12 D:3', 'ул. Льва Толстого, д. 16, кв. 5', 'ถนนสุขุมวิท ซอย 11', 'شارع الملك فهد، الرياض', '〒150-0001 東京都渋谷区神宮前1-2-3',
  "Rua D'Ouro 14, 2º Esq.", '1/2 Main St. "Rear"', 'Apt. 5; buzz #5 & wait', 'Baile Átha Cliath / Dublin 2', '100 N. Main St. (Suite 200)', 'Hyde Park Corner; Ground floor', 'Kirchweg 7 <Hinterhaus>',
]
const PRODUCTS = ["Men's 511™ Slim Jeans — 32\" × 32\"", 'Tee "Hello, World!" /* Dev */ Edition', '<Coder /> Hoodie', 'C:\\> Prompt Mug', 'Rock & Roll -- Live \'77 Vinyl', 'Mug | 350 ml; dishwasher-safe',
  'Shirt <Slim Fit> (Blue)', 'Kids\' Boots — Size 10–13', '＜公式＞ スニーカー', 'Çay Bardağı Seti (6\'lı)', 'Lampe « Façade » 40 W']
const ENGRAVINGS = ['J & K — 14.02.25', '"Always"', 'I <3 U', '∞ love', 'Mum & Dad xx', "You're the 1", 'A+B=♥', '#1 Dad', 'Forever & ever; amen', 'To: Sam <from Alex>', 'Est. 1987 -- The Smiths', 'N 51°30\'26" W 0°7\'39"']
const CHAT_Q = [
  'Do you have these in a 10.5? Also is there a difference between "slim" and "skinny"?', 'Show me shoes under $50 OR boots under $80 please', "Compare the 501 vs 511 — what's the rise on each?",
  'Find me something like the SELECT fit chinos but in navy', "What's your returns policy if I ordered 2 & keep 1?", 'Is the <Coder /> hoodie true to size?', 'necesito una talla M, ¿hay stock?',
  'Quelle est la différence entre le modèle « Classic » et « Slim » ?', 'こんにちは、＜公式＞スニーカーの２６．５ｃｍはありますか？', 'Мне нужен размер 42, есть в наличии?', 'هل يتوفر هذا المنتج باللون الأسود؟',
]
const ASSISTANT_A = [
  'Here are a few options:\n\n| Model | Rise | Leg |\n| --- | --- | --- |\n| 501 | mid | straight |\n| 511 | low | slim |\n\nWould you like me to add one to your cart?',
  "Sure! **Boots under $80**:\n1. [Chelsea Boot](https://shop.example/products/chelsea-boot?variant=4412) — $79\n2. [Desert Boot](https://shop.example/products/desert-boot) — $65\n\n> Tip: filter by `size:10.5` to see what's in stock.",
  'Our returns window is 30 days; items must be unworn & in the original packaging. See https://shop.example/pages/returns#exchanges for details.',
  'The hoodie runs slightly small -- most customers size up. Chest (cm): S 96 / M 102 / L 108.',
]
const DEV_QUESTIONS = [
  'Trying the Storefront API from Node:\n```js\nconst res = await fetch(`${SHOP}/api/2024-10/graphql.json`, {\n  method: "POST",\n  headers: { "X-Shopify-Storefront-Access-Token": token, "Content-Type": "application/json" },\n  body: JSON.stringify({ query, variables: { first: 10 } }),\n});\n```\nbut I get `{"errors":"[API] Invalid API key or access token"}`. Any idea?',
  'Installed with `npm i @shop/sdk@latest` and then `npx shop-cli init --store=my-store` fails with EACCES. On Windows it works (`C:\\Users\\dev\\shop> npm run dev`).',
  'How do I create a cart from the command line? I tried\n\n    curl -X POST https://api.shop.example/v1/carts -H "Authorization: Bearer $TOKEN" -d \'{"lines":[{"sku":"A1","qty":2}]}\'\n\nand got a 415.',
  'Our BI team runs `SELECT order_id, SUM(total) FROM orders WHERE created_at >= \'2025-01-01\' GROUP BY order_id;` against the export, but the totals don\'t match the dashboard. Is tax included?',
  'In Python: `requests.post(url, json={"email": "a@b.co", "tags": ["vip"]}, timeout=10)` returns 422 "email already taken" -- should I PATCH instead?',
  'The webhook payload has `"note": "Leave at door & ring twice <3"` and our XML export breaks on the `&`. Do you escape entities?',
  'PowerShell: `Invoke-RestMethod -Uri "https://api.shop.example/v1/orders?status=open&limit=50" -Headers @{Authorization="Bearer $env:SHOP_TOKEN"}` -- paging stops at 50. Is there a cursor?',
]
const MESSAGES = [
  'Hi!<br>My order #1042 arrived damaged&nbsp;😢<br><br>Can you send a replacement?', "Bonjour, j'ai reçu la mauvaise taille ; pouvez-vous l'échanger ?", '¡Hola! ¿Puedo cambiar la dirección de envío?',
  'Merhaba, siparişim (#5521) hâlâ gelmedi. İade mümkün mü?', 'Здравствуйте! Можно ли оплатить при получении?', '\u202Bمرحبا، هل يمكنني تتبع طلبي؟\u202C', 'สั่งไปสองชิ้นได้มาชิ้นเดียวค่ะ 🙏',
  'Thanks!! 🙌🏽 The 👨‍👩‍👧 set is perfect — 5/5 ⭐⭐⭐⭐⭐', 'P.S. the link in your email (https://shop.example/account?return_to=%2Forders%2F1042) gives a 404 :(',
]

// --- Browser headers ------------------------------------------------------------------------

const CH_BRANDS = ['"Chromium";v="124", "Google Chrome";v="124", "Not-A.Brand";v="99"', '"Not)A;Brand";v="99", "Microsoft Edge";v="127", "Chromium";v="127"', '"Google Chrome";v="131", "Chromium";v="131", "Not_A Brand";v="24"']
/** Chromium client hints a shop asked for with `Accept-CH`, as Chrome sends them. */
function clientHints(h: Record<string, string>): void {
  const brands = pick(CH_BRANDS)
  h['sec-ch-ua'] = brands
  h['sec-ch-ua-mobile'] = pick(['?0', '?1'])
  h['sec-ch-ua-platform'] = pick(['"Windows"', '"macOS"', '"Android"', '"Linux"', '"Chrome OS"'])
  if (rand() < 0.5) {
    h['sec-ch-ua-full-version-list'] = brands.replace(/v="(\d+)"/g, (_, v: string) => `v="${v}.0.${int(1000, 6999)}.${int(10, 250)}"`)
    h['sec-ch-ua-arch'] = pick(['"x86"', '"arm"', '""'])
    h['sec-ch-ua-bitness'] = '"64"'
    h['sec-ch-ua-model'] = pick(['""', '"Pixel 8"', '"SM-S918B"'])
    h['sec-ch-ua-platform-version'] = pick(['"15.0.0"', '"10.0.0"', '"14.5.0"', '"6.1.0"'])
    h['sec-ch-ua-wow64'] = '?0'
    h['sec-ch-ua-form-factors'] = pick(['"Desktop"', '"Mobile"'])
    h['sec-ch-prefers-color-scheme'] = pick(['dark', 'light'])
    h['sec-ch-viewport-width'] = String(int(360, 2560))
    h['device-memory'] = pick(['4', '8'])
    h.dpr = pick(['1', '1.5', '2', '2.625', '3'])
    h.ect = pick(['4g', '3g'])
    h.rtt = String(int(0, 30) * 50)
    h.downlink = String(int(1, 100) / 10)
  }
}

function cookies(): string {
  const t = now()
  const parts = [`_shopify_y=${uuid()}`, `_ga=GA1.1.${int(1e8, 2e9)}.${t}`, `_ga_${alnum(10).toUpperCase()}=GS1.1.${t}.${int(1, 40)}.1.${t + int(10, 900)}.0.0.0`]
  const add = (p: number, ...c: string[]): void => {
    if (rand() < p) parts.push(...c)
  }
  add(0.5, `_tracking_consent=${enc(JSON.stringify({ con: { CMP: { a: pick(['1', '0', '']), m: pick(['1', '0', '']), p: '1', s: '' } }, v: '2.1', region: pick(['GBENG', 'DEBY', 'FRIDF', 'USCA']), reg: '1', purposes: { a: true, p: true, m: false, t: true }, display_banner: false, sale_of_data_region: false, consent_id: uuid() }))}`)
  add(0.4, `_cmp_a=${enc(JSON.stringify({ purposes: { a: true, p: true, m: true, t: true }, display_banner: false, sale_of_data_region: false }))}`)
  add(0.3, `__gpp=DBABMA~CQ${alnum(40)}.Q${alnum(6)}~1YNN`, `__gpp_sid=2%2C7`, `euconsent-v2=CQ${alnum(36)}.${alnum(10)}AAAA`)
  add(0.3, `_dd_s=rum=${pick(['0', '1', '2'])}&id=${uuid()}&created=${t}123&expire=${t + 900}456&logs=1`)
  add(0.3, `__Secure-next-auth.session-token=${b64url(JSON.stringify({ alg: 'dir', enc: 'A256GCM' }))}..${alnum(16)}.${alnum(int(200, 500))}.${alnum(22)}`, `__Host-next-auth.csrf-token=${hex(64)}%7C${hex(64)}`, `__Secure-next-auth.callback-url=${enc(`${ORIGIN}/account?tab=orders&sort=-date`)}`)
  add(0.2, `sb-${alnum(20).toLowerCase()}-auth-token=base64-${b64(JSON.stringify({ access_token: `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(JSON.stringify({ sub: uuid(), role: 'authenticated', email: 'jane+shop@example.com' }))}.${alnum(43)}`, token_type: 'bearer', expires_in: 3600, refresh_token: alnum(22), user: { id: uuid(), app_metadata: { provider: 'email', providers: ['email', 'google'] } } }))}`)
  add(0.2, `cf_clearance=${alnum(43)}-${t}-1.2.1.1-${alnum(180)}`, `__cf_bm=${alnum(43)}-${t}-1.0.1.1-${alnum(80)}`)
  add(0.25, pick([`prefs={"theme":"dark","currency":"EUR","lang":"fr"}`, `wishlist=["${int(1e6, 9e6)}","${int(1e6, 9e6)}"]`, `searchHistory=${pick(SEARCHES)}|${pick(SEARCHES)}`, `recently_viewed=${enc(JSON.stringify([{ handle: 'o-neill-wetsuit', title: pick(PRODUCTS) }]))}`]))
  add(0.2, `ABTasty=uid=${alnum(16)}&fst=${t}123&pst=-1&cst=${t}123&ns=1&pvt=3&pvis=3&th=`, `_vwo_uuid_v2=D${hex(31).toUpperCase()}|${hex(32)}`, `optimizelyEndUserId=oeu${t}123r0.${int(1e15, 9e15)}`)
  add(0.2, `_ttp=${alnum(27)}`, `_pin_unauth=${b64(JSON.stringify({ v: 1, c: uuid() }))}`, `_scid=${uuid()}`, `_rdt_uuid=${t}123.${uuid()}`, `_uetsid=${hex(32)}`, `_clck=${alnum(6).toLowerCase()}%7C2%7Cfq${alnum(2)}%7C0%7C${int(1000, 2000)}`)
  add(0.15, `dwsid=${alnum(86)}==`, `dwanonymous_${hex(32)}=${alnum(26)}`, `__cq_dnt=1`, `dw_dnt=1`, `dwac_${alnum(26)}=${alnum(36)}%7C%7C%7C%7C%7C%7C%7C%7C%7C%7C%7C%7C%7C%7C`)
  add(0.1, `__prerender_bypass=${hex(64)}`, `__next_preview_data=${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(JSON.stringify({ data: alnum(40), iat: t }))}.${alnum(43)}`)
  return parts.join('; ')
}

type Fetch = 'doc' | 'json' | 'rsc' | 'beacon' | 'image' | 'sw' | 'manifest'
function headers(kind: Fetch, referer = `${ORIGIN}/${pick(['', 'collections/all', 'products/o-neill-wetsuit', 'search?q=shoes', 'cart'])}`): Record<string, string> {
  const h: Record<string, string> = { host: HOST, 'user-agent': pick(UAS), 'accept-encoding': 'gzip, deflate, br, zstd', 'accept-language': pick(['en-GB,en;q=0.9', 'fr-FR,fr;q=0.9,en;q=0.8', 'tr-TR,tr;q=0.9,en-US;q=0.8', 'ja-JP,ja;q=0.9', 'ru-RU,ru;q=0.9', 'th,en;q=0.8', 'ar,en;q=0.7']) }
  h.accept = {
    doc: 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7',
    json: pick(['application/json', '*/*', 'application/json, text/plain, */*']),
    rsc: 'text/x-component',
    beacon: '*/*',
    image: 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8',
    sw: '*/*',
    manifest: '*/*',
  }[kind]
  h['sec-fetch-site'] = kind === 'doc' ? pick(['none', 'same-origin', 'cross-site']) : 'same-origin'
  h['sec-fetch-mode'] = { doc: 'navigate', json: 'cors', rsc: 'cors', beacon: 'no-cors', image: 'no-cors', sw: 'same-origin', manifest: 'cors' }[kind]
  h['sec-fetch-dest'] = { doc: 'document', json: 'empty', rsc: 'empty', beacon: 'empty', image: 'image', sw: 'serviceworker', manifest: 'manifest' }[kind]
  if (kind === 'doc') {
    h['sec-fetch-user'] = '?1'
    h['upgrade-insecure-requests'] = '1'
    if (rand() < 0.15) h['sec-purpose'] = pick(['prefetch', 'prefetch;prerender', 'prefetch;anonymous-client-ip'])
  }
  if (rand() < 0.3) h.priority = pick(['u=0, i', 'u=1, i', 'u=4, i'])
  if (rand() < 0.2) h['sec-gpc'] = '1'
  if (rand() < 0.6) clientHints(h)
  if (kind !== 'sw' && rand() < 0.85) h.cookie = cookies()
  h.referer = referer
  return h
}
const jsonH = (h: Record<string, string>, type = 'application/json'): Record<string, string> => ({ ...h, 'content-type': type, origin: ORIGIN })
const formH = (h: Record<string, string>): Record<string, string> => ({ ...h, 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN })
const googleReferer = (): string => `https://www.google.com/search?${form([['q', pick(SEARCHES)], ['oq', typeahead(pick(SEARCHES))], ['gs_lcrp', `EgZjaHJvbWUy${alnum(40)}`], ['sourceid', 'chrome'], ['ie', 'UTF-8']])}`

// --- Request shapes -------------------------------------------------------------------------

type Req = WafRequest & { id: string; kind: string }
const out: Req[] = []
const add = (kind: string, r: WafRequest): void => {
  out.push({ id: `modern-${String(out.length).padStart(4, '0')}`, kind, ...r })
}
const handle = (): string => pick(['o-neill-hyperfreak-4-3', 'levis-511-slim', 'coder-hoodie', 'cay-bardagi-seti', 'chelsea-boot', 'union-jack-mug', 'select-fit-chinos'])

const GQL_CART = `mutation cartLinesAdd($cartId: ID!, $lines: [CartLineInput!]!, $country: CountryCode, $language: LanguageCode)
  @inContext(country: $country, language: $language) {
  cartLinesAdd(cartId: $cartId, lines: $lines) {
    cart { ...CartApiMutation }
    userErrors { ...CartApiError }
  }
}
fragment CartApiMutation on Cart { id totalQuantity cost { subtotalAmount { amount currencyCode } } }
fragment CartApiError on CartUserError { message field code }`
const GQL_SEARCH = `query predictiveSearch($country: CountryCode, $language: LanguageCode, $limit: Int!, $limitScope: PredictiveSearchLimitScope!, $term: String!, $types: [PredictiveSearchType!])
  @inContext(country: $country, language: $language) {
  predictiveSearch(limit: $limit, limitScope: $limitScope, query: $term, types: $types) {
    products { ...PredictiveProduct }
    queries { text styledText trackingParameters }
  }
}
fragment PredictiveProduct on Product { __typename id title handle trackingParameters variants(first: 1) { nodes { id image { url altText width height } price { amount currencyCode } } } }`
const GQL_COLLECTION = `query Collection($handle: String!, $filters: [ProductFilter!], $sortKey: ProductCollectionSortKeys!, $reverse: Boolean, $first: Int, $endCursor: String)
  @inContext(country: GB, language: EN) {
  collection(handle: $handle) {
    id title description
    products(first: $first, after: $endCursor, filters: $filters, sortKey: $sortKey, reverse: $reverse) {
      filters { id label type values { id label count input } }
      nodes { ...ProductItem }
      pageInfo { hasPreviousPage hasNextPage endCursor startCursor }
    }
    metafield(namespace: "custom", key: "banner_text") { value }
  }
}
fragment ProductItem on Product { id handle title vendor featuredImage { url(transform: {maxWidth: 600, crop: CENTER}) altText } metafields(identifiers: [{namespace: "custom", key: "care"}, {namespace: "reviews", key: "rating"}]) { key value } }`

const MEILI_FILTERS = ['price < 50 AND (brand = "Levi\'s" OR brand = "G-Star")', 'category = "Shoes & Boots" AND size IN [9, 9.5, 10]', 'NOT color = \'red\' AND rating >= 4', 'price 10 TO 50 AND in_stock = true', 'tags = "50% off" OR tags = "new-in"', 'brand = "Dr. Martens" AND (material = leather OR material = "vegan leather")']
const TYPESENSE_FILTERS = ['price:<50 && brand:=[`Levi\'s`,`G-Star`]', 'categories:=`Shoes & Boots` && size:[9..10]', 'in_stock:true && rating:>=4 || on_sale:true', 'brand:!=`Nike` && price:[10..50]', 'colour:=[red,`dark navy`] && tags:=`"gift ideas"`']

function meilisearch(): void {
  const body = { q: typeahead(pick(SEARCHES)), filter: pick(MEILI_FILTERS), sort: [pick(['price:asc', 'price:desc', 'created_at:desc'])], facets: ['brand', 'size', 'color'], attributesToHighlight: ['*'], highlightPreTag: '<em>', highlightPostTag: '</em>', attributesToCrop: ['description:20'], cropMarker: '…', limit: 24, offset: 0 }
  if (rand() < 0.5) add('meilisearch', { method: 'POST', uri: `/indexes/products/search`, headers: jsonH({ ...headers('json'), authorization: `Bearer ${hex(64)}`, 'x-meilisearch-client': 'Meilisearch instant-meilisearch (v0.19.0) ; Meilisearch JavaScript (v0.41.0)' }), body: JSON.stringify(body) })
  else add('meilisearch', { method: 'POST', uri: `/multi-search`, headers: jsonH({ ...headers('json'), authorization: `Bearer ${hex(64)}` }), body: JSON.stringify({ queries: [{ indexUid: 'products', ...body }, { indexUid: 'pages', q: body.q, limit: 3 }] }) })
}
function typesense(): void {
  const params: Array<[string, string]> = [['q', typeahead(pick(SEARCHES))], ['query_by', 'title,vendor,product_type,tags'], ['filter_by', pick(TYPESENSE_FILTERS)], ['sort_by', pick(['price:asc', '_text_match:desc,popularity:desc'])], ['facet_by', 'vendor,size,colour'], ['highlight_full_fields', 'title'], ['highlight_start_tag', '<mark>'], ['highlight_end_tag', '</mark>'], ['per_page', '24'], ['page', String(int(1, 5))]]
  if (rand() < 0.5) add('typesense', { method: 'GET', uri: `/collections/products/documents/search?${form(params)}`, headers: { ...headers('json'), 'x-typesense-api-key': alnum(32) } })
  else add('typesense', { method: 'POST', uri: `/multi_search?x-typesense-api-key=${alnum(32)}`, headers: jsonH(headers('json'), 'text/plain'), body: JSON.stringify({ searches: [{ collection: 'products', ...Object.fromEntries(params) }] }) })
}
function algoliaInstantSearch(): void {
  const q = typeahead(pick(SEARCHES))
  const params = form([['query', q], ['hitsPerPage', '24'], ['maxValuesPerFacet', '10'], ['page', '0'], ['highlightPreTag', '__ais-highlight__'], ['highlightPostTag', '__/ais-highlight__'], ['facets', '["brand","price","options.size"]'], ['tagFilters', ''], ['facetFilters', JSON.stringify([[`brand:${pick(["Levi's", 'G-Star', 'Dr. Martens'])}`, 'brand:G-Star'], ['options.size:10']])], ['numericFilters', JSON.stringify(['price<=50', 'price>=10'])], ['analyticsTags', '["storefront","desktop"]'], ['clickAnalytics', 'true'], ['userToken', `anonymous-${uuid()}`]])
  add('algolia-instantsearch', { method: 'POST', uri: `/1/indexes/*/queries?${form([['x-algolia-agent', 'Algolia for JavaScript (4.24.0); Browser (lite); instantsearch.js (4.74.0); react (18.3.1); react-instantsearch (7.13.0); react-instantsearch-core (7.13.0); next.js (14.2.5); JS Helper (3.22.4)'], ['x-algolia-api-key', hex(32)], ['x-algolia-application-id', alnum(10).toUpperCase()]])}`, headers: jsonH(headers('json'), 'application/x-www-form-urlencoded'), body: JSON.stringify({ requests: [{ indexName: 'shopify_products_price_asc', params }, { indexName: 'shopify_products', params: form([['query', q], ['hitsPerPage', '1'], ['facets', 'brand'], ['analytics', 'false']]) }] }) })
}
function elasticScript(): void {
  const q = pick(SEARCHES)
  add('elastic-script', { method: 'POST', uri: '/api/search/_search', headers: jsonH(headers('json')), body: JSON.stringify({ query: { function_score: { query: { simple_query_string: { query: q, fields: ['title^3', 'brand^2', 'description'], default_operator: 'and' } }, script_score: { script: { lang: 'painless', source: pick(["_score * Math.log(2 + doc['popularity'].value)", "doc['in_stock'].value ? _score * 1.2 : _score", "_score + params.boost * (doc['rating'].size() == 0 ? 0 : doc['rating'].value)"]), params: { boost: 0.5 } } } } }, post_filter: { bool: { filter: [{ range: { price: { lt: 50 } } }, { terms: { 'brand.keyword': ["Levi's", 'G-Star'] } }] } }, sort: [{ _script: { type: 'number', script: { source: "doc['price'].value * (1 - doc['discount'].value / 100.0)" }, order: 'asc' } }], highlight: { pre_tags: ['<b>'], post_tags: ['</b>'], fields: { title: {} } }, aggs: { price_ranges: { range: { field: 'price', ranges: [{ to: 25 }, { from: 25, to: 50 }, { from: 50 }] } } }, size: 24 }) })
}

const OCI_ITEMS = ['Toner cartridge HP 305A (black)', 'Paper A4 80 g/m² -- 5 × 500 sheets', 'Cable "USB-C <-> USB-A" 1 m', "Chair 'Ergo' w/ arms; grey"]
function cxml(): string {
  const ts = iso()
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.0${int(11, 63)}/cXML.dtd">
<cXML payloadID="${now()}.${int(1000, 9999)}@ariba.example.com" timestamp="${ts}" xml:lang="en-US">
  <Header>
    <From><Credential domain="NetworkID"><Identity>AN${int(1e10, 9e10)}</Identity></Credential></From>
    <To><Credential domain="DUNS"><Identity>${int(1e8, 9e8)}</Identity></Credential></To>
    <Sender><Credential domain="NetworkID"><Identity>AN${int(1e10, 9e10)}</Identity><SharedSecret>${alnum(16)}</SharedSecret></Credential><UserAgent>${pick(['Ariba Network', 'Coupa Procurement 1.0', 'SAP Ariba Buying'])}</UserAgent></Sender>
  </Header>
  <Request deploymentMode="production">
    <PunchOutSetupRequest operation="${pick(['create', 'edit'])}">
      <BuyerCookie>${hex(32)}</BuyerCookie>
      <Extrinsic name="UserEmail">${pick(['jane.doe', "sean.o'brien", 'l.wąs'])}@acme-corp.example</Extrinsic>
      <Extrinsic name="CostCenter">${int(1000, 9999)} - Facilities &amp; Ops</Extrinsic>
      <BrowserFormPost><URL>https://acme.coupahost.example/punchout/checkout?id=${int(1, 999)}</URL></BrowserFormPost>
      <Contact role="endUser"><Name xml:lang="en">${pick(NAMES)}</Name><Email>buyer@acme-corp.example</Email></Contact>
      <ShipTo><Address addressID="${int(100, 999)}"><Name xml:lang="en">ACME Corp &lt;HQ&gt;</Name><PostalAddress><Street>${pick(STREETS).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')}</Street><City>Dublin</City><Country isoCountryCode="IE">Ireland</Country></PostalAddress></Address></ShipTo>
    </PunchOutSetupRequest>
  </Request>
</cXML>`
}

const NEXT_TREE = (): string => enc(JSON.stringify(['', { children: ['(shop)', { children: ['products', { children: [['handle', handle(), 'd'], { children: ['__PAGE__', {}, `/products/${handle()}`, 'refresh'] }] }] }] }, null, null, true]))

const SHAPES: ReadonlyArray<readonly [number, () => void]> = [
  // Search boxes and typeahead (every keystroke is a request).
  [10, () => add('search', { method: 'GET', uri: `/search?${form([['q', pick(SEARCHES)], ['options[prefix]', 'last'], ['type', pick(['product', 'product,article,page'])]])}`, headers: headers('doc', rand() < 0.5 ? googleReferer() : undefined) })],
  [9, () => add('search-typeahead', { method: 'GET', uri: `/search/suggest.json?${form([['q', typeahead(pick(SEARCHES))], ['resources[type]', 'product,collection,query'], ['resources[limit]', '6'], ['resources[options][unavailable_products]', 'last'], ['section_id', 'predictive-search']])}`, headers: headers('json') })],
  [3, () => add('search-path', { method: 'GET', uri: `/${pick(['search', 's', 'shop/search'])}/${pick(SEARCHES).split(' ').map(enc).join(pick(['+', '%20']))}`, headers: headers('doc') })],
  // Facets as storefront platforms write them.
  [4, () => add('facets-shopify', { method: 'GET', uri: `/collections/${pick(['all', 'jeans', 'sale'])}?${form([['filter.v.price.gte', String(int(0, 30))], ['filter.v.price.lte', String(int(40, 200))], ['filter.p.vendor', pick(["Levi's", 'G-Star RAW', 'Dr. Martens'])], ['filter.p.m.custom.colour', pick(['Blue', 'Dark "Indigo"'])], ['filter.v.option.size', pick(['M', '32" x 32"', '10 1/2'])], ['sort_by', pick(['price-ascending', 'best-selling', 'created-descending'])]])}`, headers: headers('doc') })],
  [3, () => add('facets-sfcc', { method: 'GET', uri: `/on/demandware.store/Sites-RefArch-Site/en_GB/Search-UpdateGrid?${form([['cgid', pick(['womens-clothing-dresses', 'mens-footwear'])], ['prefn1', 'refinementColor'], ['prefv1', pick(['Blue|Red', 'Black|Navy|Grey'])], ['prefn2', 'size'], ['prefv2', pick(['8|9|10', 'S|M'])], ['pmin', '10.00'], ['pmax', '50.00'], ['srule', pick(['price-low-to-high', 'most-popular'])], ['start', String(int(0, 5) * 24)], ['sz', '24'], ['selectedUrl', `https://${HOST}/on/demandware.store/Sites-RefArch-Site/en_GB/Search-UpdateGrid?cgid=mens-footwear&start=24&sz=24`]])}`, headers: { ...headers('json'), 'x-requested-with': 'XMLHttpRequest' } })],
  [3, () => add('facets-hybris', { method: 'GET', uri: `/${pick(['en', 'de'])}/search/?${form([['q', `${pick(SEARCHES)}:${pick(['relevance', 'price-asc', 'topRated'])}:brand:${pick(["Levi's", 'g-star'])}:price:${pick(['£10-£49.99', '$50-$199.99'])}:allCategories:${pick(['clothes', 'shoes'])}`], ['text', pick(SEARCHES)], ['sort', 'relevance']])}`, headers: headers('doc') })],
  [3, () => add('odata', { method: 'GET', uri: `/commerce/Products/Search?${form([['$filter', pick(["Price lt 50 and contains(Name,'Levi''s')", "(Category eq 'Shoes' or Category eq 'Boots') and Price le 80", "startswith(Name,'O''Neill') and InStock eq true", "Price ge 10 and Price le 50 and not contains(Material,'leather')"])], ['$orderby', pick(['Price desc', 'Name asc'])], ['$top', '20'], ['$skip', String(int(0, 4) * 20)], ['$select', 'Id,Name,Price,ImageUrl'], ['$expand', 'Category,Variants($select=Size,Color)'], ['$count', 'true']])}`, headers: { ...headers('json'), 'odata-version': '4.0', 'odata-maxversion': '4.0' } })],
  // Headless CMS and commerce APIs called from the browser.
  [4, () => add('strapi', { method: 'GET', uri: `/api/products?${form([['filters[title][$containsi]', typeahead(pick(SEARCHES))], ['filters[price][$lt]', String(int(20, 200))], ['filters[$or][0][brand][name][$eq]', "Levi's"], ['filters[$or][1][brand][name][$eq]', 'G-Star'], ['filters[stock][$gt]', '0'], ['populate[images][fields][0]', 'url'], ['populate', '*'], ['sort[0]', 'price:asc'], ['pagination[page]', String(int(1, 4))], ['pagination[pageSize]', '24'], ['locale', pick(['en', 'fr', 'tr'])]])}`, headers: headers('json') })],
  [2, () => add('directus', { method: 'GET', uri: `/items/products?${form([['filter', JSON.stringify({ _and: [{ price: { _lt: 50 } }, { _or: [{ brand: { _eq: "Levi's" } }, { title: { _icontains: pick(SEARCHES) } }] }, { status: { _eq: 'published' } }] })], ['fields', '*,images.directus_files_id.*,brand.name'], ['sort', '-date_created'], ['limit', '24'], ['meta', 'filter_count']])}`, headers: headers('json') })],
  [3, () => add('sanity-groq', { method: 'GET', uri: `/v2023-08-01/data/query/production?${form([['query', pick(['*[_type == "product" && slug.current == $slug][0]{title, "image": mainImage.asset->url, "brand": brand->name, variants[]{title, price}}', '*[_type == "product" && price < $max && ($brand == null || brand->name == $brand)] | order(price asc) [0...24]{_id, title, price}', 'count(*[_type == "review" && references(^._id) && rating >= 4])', '*[_type == "page" && !(_id in path("drafts.**"))]{title, "slug": slug.current}'])], ['$slug', JSON.stringify(handle())], ['$max', '50'], ['$brand', JSON.stringify(pick(["Levi's", 'G-Star']))], ['perspective', 'published']])}`, headers: headers('json') })],
  [2, () => add('contentful', { method: 'GET', uri: `/spaces/${alnum(12).toLowerCase()}/environments/master/entries?${form([['content_type', 'product'], ['fields.slug', handle()], ['fields.price[lt]', '50'], ['fields.tags[in]', 'sale,new-in'], ['fields.title[match]', pick(SEARCHES)], ['select', 'fields.title,fields.price,sys.id'], ['include', '2'], ['order', '-sys.createdAt'], ['locale', 'en-GB']])}`, headers: { ...headers('json'), authorization: `Bearer ${alnum(43)}` } })],
  [3, () => add('nuxt-content', { method: 'GET', uri: `/api/_content/query/${alnum(10)}.${int(1e12, 2e12)}.json?_params=${enc(JSON.stringify({ first: rand() < 0.5, where: [{ _path: pick(['/blog', '/guides/sizing', '/pages/returns']) }, { _partial: false }, { tags: { $contains: pick(['denim', 'care']) } }], sort: [{ date: -1 }], without: ['body'], limit: 6 }))}&previewToken=`, headers: headers('json') })],
  // Framework data fetches.
  [6, () => add('next-data', { method: 'GET', uri: `/_next/data/${BUILD_ID}/${pick(['en-GB', 'fr-FR', 'tr-TR'])}/${pick(['products', 'collections'])}/${handle()}.json?${form([['slug', handle()], ['q', pick(SEARCHES)], ['variant', String(int(1e13, 9e13))]])}`, headers: { ...headers('json'), 'x-nextjs-data': '1', purpose: pick(['prefetch', '']) } })],
  [6, () => add('next-rsc', { method: 'GET', uri: `/${pick(['products', 'search', 'collections'])}/${handle()}?${rand() < 0.5 ? `q=${enc(pick(SEARCHES))}&` : ''}_rsc=${alnum(5).toLowerCase()}`, headers: { ...headers('rsc'), rsc: '1', 'next-router-state-tree': NEXT_TREE(), 'next-url': `/products/${handle()}`, ...(rand() < 0.5 ? { 'next-router-prefetch': '1' } : {}) } })],
  [4, () => {
    const id = hex(40)
    if (rand() < 0.5) add('next-server-action', { method: 'POST', uri: `/products/${handle()}`, headers: { ...jsonH(headers('rsc'), 'text/plain;charset=UTF-8'), 'next-action': id, 'next-router-state-tree': NEXT_TREE() }, body: JSON.stringify([{ variantId: `gid://shopify/ProductVariant/${int(1e13, 9e13)}`, quantity: int(1, 3), attributes: [{ key: 'Engraving', value: pick(ENGRAVINGS) }] }, '$undefined']) })
    else {
      const boundary = `----WebKitFormBoundary${alnum(16)}`
      const parts: Array<[string, string]> = [[`1_$ACTION_REF_1`, ''], [`1_$ACTION_1:0`, JSON.stringify({ id, bound: '$@1' })], [`1_$ACTION_1:1`, '[]'], [`1_$ACTION_KEY`, `k${int(1e9, 9e9)}`], ['1_email', "sean.o'brien+news@example.ie"], ['1_name', pick(NAMES)], ['0', '["$K1"]']]
      add('next-server-action', { method: 'POST', uri: '/newsletter', headers: { ...headers('rsc'), 'content-type': `multipart/form-data; boundary=${boundary}`, origin: ORIGIN, 'next-action': id }, body: `${parts.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('')}--${boundary}--\r\n` })
    }
  }],
  [4, () => add('next-image', { method: 'GET', uri: `/_next/image?${form([['url', pick([`/_next/static/media/hero.${hex(8)}.jpg`, `https://cdn.shopify.com/s/files/1/0${int(100, 999)}/${int(1000, 9999)}/products/${handle()}.jpg?v=${int(1e9, 2e9)}`, `https://images.ctfassets.net/${alnum(12)}/${alnum(22)}/${hex(32)}/Lookbook_SS25_—_"Denim".jpg`])], ['w', pick(['384', '640', '828', '1920'])], ['q', '75']])}`, headers: headers('image') })],
  [3, () => add('remix-data', { method: 'GET', uri: pick([`/products/${handle()}?_data=${enc('routes/($locale).products.$handle')}`, `/search?q=${enc(pick(SEARCHES))}&_data=${enc('routes/($locale).search')}`, `/products/${handle()}.data?_routes=${enc('routes/($locale).products.$handle,root')}`, `/collections/sale.data?filter=${enc(JSON.stringify({ price: { min: 10, max: 50 } }))}`]), headers: headers('json') })],
  [2, () => add('sveltekit-data', { method: 'GET', uri: `/products/${handle()}/__data.json?x-sveltekit-invalidated=${pick(['01', '001', '11'])}${rand() < 0.5 ? `&q=${enc(pick(SEARCHES))}` : ''}`, headers: headers('json') })],
  [2, () => add('astro-action', { method: 'POST', uri: `/_actions/${pick(['cart.addItem', 'newsletter.subscribe', 'reviews.create'])}`, headers: jsonH(headers('json')), body: JSON.stringify({ productId: int(1, 9999), qty: int(1, 3), note: pick(ENGRAVINGS), review: pick(MESSAGES) }) })],
  [3, () => add('livewire', { method: 'POST', uri: '/livewire/update', headers: jsonH({ ...headers('json'), 'x-livewire': '', 'x-csrf-token': alnum(40) }), body: JSON.stringify({ _token: alnum(40), components: [{ snapshot: JSON.stringify({ data: { search: pick(SEARCHES), sort: 'price', filters: [{ brand: "Levi's" }, { s: 'arr' }] }, memo: { id: alnum(20), name: 'product-search', path: 'shop', method: 'GET', children: [], scripts: [], assets: [], errors: [], locale: 'en' }, checksum: hex(64) }), updates: { search: typeahead(pick(SEARCHES)) }, calls: [{ path: '', method: pick(['addToCart', 'applyFilters', '$refresh']), params: [int(1, 999)] }] }] }) })],
  [3, () => add('htmx-turbo', rand() < 0.5
    ? { method: 'GET', uri: `/search?q=${enc(typeahead(pick(SEARCHES)))}`, headers: { ...headers('json'), 'hx-request': 'true', 'hx-current-url': `${ORIGIN}/collections/all?sort=price`, 'hx-target': 'search-results', 'hx-trigger': 'search-input', 'hx-trigger-name': 'q' } }
    : { method: 'POST', uri: '/cart/line_items', headers: formH({ ...headers('doc'), accept: 'text/vnd.turbo-stream.html, text/html, application/xhtml+xml', 'turbo-frame': 'cart_drawer', 'x-csrf-token': b64(alnum(64)) }), body: form([['authenticity_token', b64(alnum(64))], ['line_item[variant_id]', String(int(1, 9999))], ['line_item[quantity]', '1'], ['line_item[note]', pick(ENGRAVINGS)], ['commit', 'Add to cart']]) })],
  [2, () => add('inertia', { method: 'GET', uri: `/products?${form([['search', pick(SEARCHES)], ['filter[brand]', "Levi's"], ['sort', '-price']])}`, headers: { ...headers('json'), 'x-inertia': 'true', 'x-inertia-version': hex(32), 'x-inertia-partial-component': 'Products/Index', 'x-inertia-partial-data': 'products,filters', 'x-requested-with': 'XMLHttpRequest' } })],
  // Hydrogen / Storefront API.
  [6, () => {
    const which = int(0, 2)
    const variables = which === 0
      ? { cartId: `gid://shopify/Cart/${alnum(26)}?key=${hex(32)}`, lines: [{ merchandiseId: `gid://shopify/ProductVariant/${int(1e13, 9e13)}`, quantity: int(1, 3), attributes: [{ key: '_Engraving', value: pick(ENGRAVINGS) }, { key: 'Gift note', value: pick(MESSAGES) }] }], country: 'GB', language: 'EN' }
      : which === 1
        ? { country: pick(['GB', 'TR', 'JP']), language: pick(['EN', 'TR', 'JA']), limit: 10, limitScope: 'EACH', term: typeahead(pick(SEARCHES)), types: ['PRODUCT', 'QUERY'] }
        : { handle: pick(['sale', 'jeans', 'new-in']), filters: [{ price: { min: 10, max: 50 } }, { productVendor: pick(["Levi's", 'G-Star RAW']) }, { variantOption: { name: 'Size', value: '32" x 32"' } }, { productMetafield: { namespace: 'custom', key: 'colour', value: 'Dark "Indigo"' } }], sortKey: 'PRICE', reverse: false, first: 24, endCursor: b64(`{"last_id":${int(1e12, 9e12)},"last_value":"${int(10, 50)}.0"}`) }
    add('hydrogen-graphql', { method: 'POST', uri: '/api/2024-10/graphql.json', headers: jsonH({ ...headers('json'), 'x-shopify-storefront-access-token': hex(32), 'x-sdk-variant': 'hydrogen-react', 'x-sdk-version': '2024.10.0', 'x-sdk-variant-source': 'react' }), body: JSON.stringify({ query: [GQL_CART, GQL_SEARCH, GQL_COLLECTION][which], variables }) })
  }],
  [2, () => add('graphql-get', { method: 'GET', uri: `/graphql?${form([['query', 'query Product($handle: String!) @inContext(language: FR) { product(handle: $handle) { title descriptionHtml options { name values } } }'], ['variables', JSON.stringify({ handle: handle() })], ['operationName', 'Product']])}`, headers: { ...headers('json'), 'apollo-require-preflight': 'true' } })],
  // Search engines.
  [4, meilisearch],
  [4, typesense],
  [4, algoliaInstantSearch],
  [3, elasticScript],
  // Cart and product customisation.
  [6, () => add('cart-properties', { method: 'POST', uri: '/cart/add.js', headers: formH({ ...headers('json'), 'x-requested-with': 'XMLHttpRequest' }), body: form([['id', String(int(1e13, 9e13))], ['quantity', String(int(1, 4))], ['properties[Engraving]', pick(ENGRAVINGS)], ['properties[_gift_note]', pick(MESSAGES)], ['properties[Font]', pick(["'Pacifico', cursive", '"Times New Roman", serif'])], ['form_type', 'product'], ['utf8', '✓'], ['sections', 'cart-drawer,cart-icon-bubble'], ['sections_url', `/products/${handle()}`]]) })],
  [3, () => add('cart-attributes', { method: 'POST', uri: '/cart/update.js', headers: jsonH({ ...headers('json'), 'x-requested-with': 'XMLHttpRequest' }), body: JSON.stringify({ note: pick(MESSAGES), attributes: { 'How did you hear about us?': pick(["Friend's recommendation", 'TikTok / Instagram', 'Google -> "shoes OR boots"']), 'Delivery date': '2025-03-14', 'Gift wrap?': 'yes & a card' } }) })],
  [4, () => {
    const text = pick(ENGRAVINGS)
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="1200" height="1200" viewBox="0 0 1200 1200"><defs><style>@font-face{font-family:'Pacifico';src:url('https://fonts.gstatic.com/s/pacifico/v22/FwZY7-Qmy14u9lezJ-6H6Mk.woff2') format('woff2')}</style><clipPath id="c"><rect width="1000" height="1000" rx="40"/></clipPath></defs><image xlink:href="https://cdn.${HOST}/customiser/mug-template.png" width="1200" height="1200"/><g clip-path="url(#c)" transform="translate(100 100) rotate(${int(-10, 10)})"><text x="500" y="520" font-family="'Pacifico', cursive" font-size="${int(40, 120)}" fill="#${hex(6)}" text-anchor="middle">${text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')}</text><path d="M${int(0, 99)} ${int(0, 99)}Q${int(0, 999)} ${int(0, 999)} ${int(0, 999)} ${int(0, 999)}" stroke="#000" fill="none"/></g></svg>`
    const canvas = { version: '5.3.0', objects: [{ type: 'i-text', text, fontFamily: "'Pacifico', cursive", fill: `#${hex(6)}`, left: int(0, 600), top: int(0, 600), angle: int(-10, 10), styles: {} }, { type: 'path', path: [['M', 0, 0], ['Q', int(0, 99), int(0, 99), int(0, 99), int(0, 99)], ['L', 10, 10], ['z']], stroke: '#000' }, { type: 'image', src: `https://cdn.${HOST}/uploads/${uuid()}.png`, crossOrigin: 'anonymous', filters: [{ type: 'Grayscale' }] }], background: 'transparent' }
    add('customiser', { method: 'POST', uri: `/apps/customiser/api/designs`, headers: jsonH(headers('json')), body: JSON.stringify({ productId: int(1e12, 9e12), side: pick(['front', 'back']), svg, canvas, preview: `data:image/png;base64,${b64(Buffer.from(Array.from({ length: int(200, 600) }, () => int(0, 255))))}` }) })
  }],
  // URLs in parameters: return URLs (nested, double-encoded), callbacks, image CDNs.
  [5, () => {
    const inner = `/checkout?${form([['step', 'payment'], ['q', pick(SEARCHES)]])}`
    const once = enc(inner)
    add('return-url', { method: 'GET', uri: pick([`/account/login?${form([['return_url', inner]])}`, `/account/login?returnUrl=${enc(`/account/login?ReturnUrl=${once}`)}`, `/login?next=${once}&checkout_url=${enc(`${ORIGIN}${inner}`)}`, `/auth/signin?callbackUrl=${enc(`${ORIGIN}/account/orders?sort=-date&filter=${enc('status:"open"')}`)}`, `/oauth/authorize?${form([['client_id', alnum(24)], ['redirect_uri', `${ORIGIN}/auth/callback`], ['response_type', 'code'], ['scope', 'openid email profile'], ['state', b64url(JSON.stringify({ returnTo: inner, nonce: alnum(16) }))], ['code_challenge', b64url(alnum(32))], ['code_challenge_method', 'S256']])}`]), headers: headers('doc') })
  }],
  [4, () => add('image-cdn', { method: 'GET', uri: pick([
    `/cdn-cgi/image/width=${pick(['400', '800'])},quality=75,format=auto,fit=cover,gravity=auto/https://cdn.${HOST}/files/${handle()}.jpg`,
    `/image/upload/c_fill,g_auto,w_400,h_400,q_auto,f_auto/l_text:Arial_60_bold:${enc(pick(['50% OFF', 'New & Hot', "Mum's Day"]))},co_rgb:fff,g_south,y_40/v${int(1e9, 2e9)}/products/${handle()}.jpg`,
    `/files/${handle()}.jpg?${form([['auto', 'format,compress'], ['fit', 'crop'], ['crop', 'faces,entropy'], ['w', '800'], ['fm', 'webp'], ['txt', pick(['50% OFF', 'Size: 32" x 32"'])], ['txt-font', 'Futura Condensed Medium'], ['txt-align', 'bottom,center'], ['s', hex(32)]])}`,
    `/_ipx/w_640&f_webp&q_80/https://cdn.${HOST}/files/${handle()}.jpg`,
    `/cdn/shop/files/${handle()}.jpg?v=${int(1e9, 2e9)}&width=${pick(['360', '533', '720'])}&crop=center`,
  ]), headers: headers('image') })],
  [4, () => add('landing-click-ids', { method: 'GET', uri: `/products/${handle()}?${form([
    ...pick<Array<[string, string]>>([
      [['srsltid', `AfmBOo${alnum(50)}`]], [['gad_source', '1'], ['gbraid', `0AAAAA${alnum(30)}`], ['gclid', `Cj0KCQ${alnum(80)}`]], [['ttclid', alnum(40)]], [['epik', `dj0yJnU9${alnum(40)}`]], [['irclickid', `${alnum(20)}`], ['irgwc', '1']],
      [['awc', `1234_${now()}_${hex(32)}`]], [['_kx', `${alnum(40)}.${alnum(6)}`]], [['mc_cid', hex(10)], ['mc_eid', hex(10)]], [['ranMID', '12345'], ['ranEAID', alnum(11)], ['ranSiteID', `${alnum(11)}-${alnum(22)}`]],
    ]),
    ...pick<Array<[string, string]>>([
      [['utm_source', 'facebook'], ['utm_medium', 'paid'], ['utm_campaign', '{{campaign.name}}'], ['utm_content', '{{ad.name}}'], ['utm_term', '{{adset.name}}']],
      [['utm_source', 'google'], ['utm_medium', 'cpc'], ['utm_campaign', '{campaignid}'], ['utm_term', '{keyword}'], ['matchtype', '{matchtype}'], ['device', '{ifmobile:mobile}{ifnotmobile:desktop}']],
      [['utm_source', 'newsletter'], ['utm_medium', 'email'], ['utm_campaign', 'SS25 | "Denim" drop'], ['email', '*|EMAIL|*'], ['utm_content', 'hero-cta -> shop now']],
      [['utm_source', 'tiktok'], ['utm_medium', 'paid'], ['utm_campaign', '__CAMPAIGN_NAME__'], ['utm_content', '__CID_NAME__']],
      [['utm_source', 'instagram'], ['utm_medium', 'social'], ['utm_content', 'carousel|slide-2'], ['utm_term', '+red +dress']],
    ]),
  ])}`, headers: { ...headers('doc', pick(['https://l.instagram.com/', 'https://www.facebook.com/', 'https://www.tiktok.com/', googleReferer(), 'android-app://com.google.android.gm/'])), ...(rand() < 0.3 ? { 'x-requested-with': pick(['com.instagram.android', 'com.zhiliaoapp.musically']) } : {}) } })],
  [2, () => add('translate-proxy', { method: 'GET', uri: `/products/${handle()}?${form([['_x_tr_sl', 'auto'], ['_x_tr_tl', pick(['de', 'tr', 'ja'])], ['_x_tr_hl', 'en'], ['_x_tr_pto', 'wapp'], ['_x_tr_hist', 'true']])}`, headers: { ...headers('doc', `https://${HOST.replaceAll('.', '-')}.translate.goog/`) } })],
  // Beacons, RUM and reports.
  [4, () => {
    const events = Array.from({ length: int(1, 4) }, () => pick([
      { type: 'view', date: now() * 1000, view: { id: uuid(), url: `${ORIGIN}/search?q=${enc(pick(SEARCHES))}`, referrer: googleReferer(), name: '/search', loading_type: 'route_change', largest_contentful_paint: int(1e8, 4e9) }, session: { id: uuid(), type: 'user' }, _dd: { format_version: 2, drift: 0 } },
      { type: 'action', date: now() * 1000, action: { id: uuid(), type: 'click', target: { name: pick(['Add to cart', 'Select size: 32" x 32"', "Men's 511™ Slim Jeans", 'Apply "SPRING-25"']), selector: 'form#product-form > button[name="add"]' } } },
      { type: 'resource', date: now() * 1000, resource: { type: 'fetch', method: 'POST', url: `${ORIGIN}/api/2024-10/graphql.json`, status_code: 200, duration: int(1e7, 9e8) } },
      { type: 'error', date: now() * 1000, error: { source: 'source', message: pick(["Cannot read properties of undefined (reading 'variants')", 'Failed to fetch', 'Hydration failed because the initial UI does not match what was rendered on the server.']), stack: `TypeError: Cannot read properties of undefined (reading 'variants')\n    at ProductForm (${ORIGIN}/_next/static/chunks/app/products/%5Bhandle%5D/page-${hex(16)}.js:1:${int(100, 9000)})\n    at renderWithHooks (${ORIGIN}/_next/static/chunks/framework-${hex(16)}.js:9:${int(100, 9000)})`, handling: 'unhandled' } },
    ]))
    add('datadog-rum', { method: 'POST', uri: `/api/v2/rum?${form([['ddsource', 'browser'], ['ddtags', 'sdk_version:5.23.0,api:fetch,env:prod,service:storefront,version:1.42.0'], ['dd-api-key', `pub${hex(32)}`], ['dd-evp-origin-version', '5.23.0'], ['dd-evp-origin', 'browser'], ['dd-request-id', uuid()], ['batch_time', String(now() * 1000)]])}`, headers: jsonH(headers('beacon'), 'text/plain;charset=UTF-8'), body: events.map((e) => JSON.stringify(e)).join('\n') })
  }],
  [3, () => add('newrelic-rum', rand() < 0.5
    ? { method: 'POST', uri: `/events/1/NRJS-${hex(19)}?${form([['a', String(int(1e8, 9e8))], ['sa', '1'], ['v', '1.270.2'], ['t', 'Unnamed Transaction'], ['rst', String(int(1000, 99999))], ['ck', '0'], ['s', '0'], ['ref', `${ORIGIN}/products/${handle()}`], ['ptid', hex(16)]])}`, headers: jsonH(headers('beacon'), 'text/plain'), body: `bel.7;1,1,${int(1, 9)},${int(1, 9)},'load,${alnum(2)},1;5,'duration,${int(1, 999)};5,'name,'${pick(['Add to cart', "O'Neill wetsuit", 'search: "red dress"'])};e,'fi,${alnum(2)},${alnum(2)};6,'cls,0.0${int(1, 9)}` }
    : { method: 'POST', uri: `/jserrors/1/NRJS-${hex(19)}?a=${int(1e8, 9e8)}&v=1.270.2&ck=0&ref=${enc(`${ORIGIN}/cart`)}`, headers: jsonH(headers('beacon'), 'text/plain'), body: JSON.stringify({ err: [{ params: { stackHash: int(-2e9, 2e9), exceptionClass: 'TypeError', request_uri: `/search?q=${enc(pick(SEARCHES))}`, message: "Cannot read properties of null (reading 'addEventListener')", stack_trace: `TypeError: Cannot read properties of null (reading 'addEventListener')\n    at HTMLDocument.<anonymous> (${ORIGIN}/cdn/shop/t/12/assets/global.js?v=${int(1e9, 2e9)}:512:${int(1, 80)})` }, metrics: { count: 1 } }] }) })],
  [3, () => add('cloudflare-rum', { method: 'POST', uri: '/cdn-cgi/rum?', headers: jsonH(headers('beacon')), body: JSON.stringify({ memory: { totalJSHeapSize: int(1e7, 9e7), usedJSHeapSize: int(1e7, 5e7) }, resources: [], referrer: googleReferer(), eventType: 1, firstPaint: int(100, 3000), firstContentfulPaint: int(100, 3000), startTime: now() * 1000 + 0.4, versions: { fl: '2024.11.0', js: '2024.6.1', timings: 2 }, pageloadId: uuid(), location: `${ORIGIN}/search?q=${enc(pick(SEARCHES))}`, nt: 'navigate', timingsV2: { nextHopProtocol: 'h3', transferSize: int(1000, 90000), decodedBodySize: int(10000, 400000) }, dt: '', siteToken: hex(32), st: 2 }) })],
  [3, () => add('sentry-breadcrumbs', { method: 'POST', uri: `/api/${int(1e6, 9e6)}/envelope/?sentry_key=${hex(32)}&sentry_version=7&sentry_client=sentry.javascript.nextjs%2F8.33.1`, headers: jsonH(headers('beacon'), 'text/plain;charset=UTF-8'), body: `${JSON.stringify({ event_id: hex(32), sent_at: iso(), sdk: { name: 'sentry.javascript.nextjs', version: '8.33.1' }, trace: { environment: 'production', public_key: hex(32), trace_id: hex(32), sample_rate: '0.1', transaction: '/products/[handle]', sampled: 'true' } })}\n${JSON.stringify({ type: 'event' })}\n${JSON.stringify({ level: 'error', exception: { values: [{ type: 'Error', value: 'Minified React error #418; visit https://react.dev/errors/418?args[]=text&args[]= for the full message' }] }, breadcrumbs: [{ category: 'ui.click', message: 'body > div#__next > main > form.product-form > button.btn[aria-label="Add to cart"]', timestamp: now() }, { category: 'ui.input', message: 'input#Search-In-Modal[name="q"]', timestamp: now() }, { category: 'console', level: 'log', message: `[cart] added {"id":${int(1, 999)},"properties":{"Engraving":${JSON.stringify(pick(ENGRAVINGS))}}}`, timestamp: now() }, { category: 'fetch', data: { method: 'GET', url: `/search/suggest.json?q=${enc(typeahead(pick(SEARCHES)))}&resources[type]=product`, status_code: 200 }, type: 'http', timestamp: now() }, { category: 'navigation', data: { from: `/search?q=${enc(pick(SEARCHES))}`, to: `/products/${handle()}` }, timestamp: now() }], request: { url: `${ORIGIN}/products/${handle()}`, headers: { 'User-Agent': pick(UAS) } } })}\n` })],
  [3, () => add('nel-coop-report', { method: 'POST', uri: '/reports', headers: jsonH(headers('beacon'), 'application/reports+json'), body: JSON.stringify([pick([
    { age: int(0, 60000), type: 'network-error', url: `${ORIGIN}/search?q=${enc(pick(SEARCHES))}`, user_agent: pick(UAS), body: { elapsed_time: int(10, 30000), method: 'GET', phase: pick(['application', 'connection', 'dns']), protocol: pick(['h2', 'h3', 'http/1.1']), referrer: `${ORIGIN}/`, sampling_fraction: 1, server_ip: `2606:4700::${hex(4)}`, status_code: pick([0, 499, 502, 504]), type: pick(['http.error', 'tcp.timed_out', 'h2.protocol.error', 'abandoned']) } },
    { age: 0, type: 'coop', url: `${ORIGIN}/checkout`, body: { disposition: 'reporting', effectivePolicy: 'same-origin-allow-popups', previousResponseURL: 'https://www.paypal.com/checkoutnow?token=EC-' + alnum(17).toUpperCase(), type: 'navigation-from-response', property: 'postMessage', sourceFile: 'https://www.paypalobjects.com/api/checkout.js', lineNumber: int(1, 9999), columnNumber: int(1, 99) } },
    { age: 0, type: 'permissions-policy-violation', url: `${ORIGIN}/products/${handle()}`, body: { featureId: pick(['unload', 'payment', 'interest-cohort', 'browsing-topics']), disposition: 'enforce', sourceFile: 'chrome-extension://' + alnum(32).toLowerCase().replace(/[0-9]/g, 'a') + '/content.js', lineNumber: int(1, 999), columnNumber: int(1, 99), message: "Permissions policy violation: unload is not allowed in this document." } },
    { age: 0, type: 'deprecation', url: `${ORIGIN}/cart`, body: { id: pick(['NavigatorUserAgent', 'ThirdPartyCookies', 'PrefixedStorageInfo']), message: pick(['Chrome is moving towards a new experience that allows users to choose to browse without third-party cookies.', "navigator.userAgent, navigator.appVersion, and navigator.platform will be reduced; use navigator.userAgentData instead (see <https://developer.chrome.com/docs/privacy-security/user-agent-client-hints>)."]), sourceFile: 'https://connect.facebook.net/en_US/fbevents.js', lineNumber: int(1, 99), columnNumber: int(1, 999) } },
  ])]) })],
  [2, () => add('shopify-monorail', { method: 'POST', uri: '/.well-known/shopify/monorail/unstable/produce_batch', headers: jsonH(headers('beacon'), 'text/plain'), body: JSON.stringify({ events: [{ schema_id: pick(['trekkie_storefront_page_view/1.4', 'storefront_search_submitted/1.0', 'web_pixels_manager_event/1.1']), payload: { shopId: int(1e7, 9e7), url: `${ORIGIN}/search?q=${enc(pick(SEARCHES))}`, title: `Search: ${pick(SEARCHES)} – Shop`, referrer: googleReferer(), searchTerm: pick(SEARCHES), isMerchantRequest: false, ocd: 'false', theme_id: int(1e11, 9e11), ccy: 'GBP', uniqToken: uuid(), visitToken: uuid() }, metadata: { event_created_at_ms: now() * 1000 } }], metadata: { event_sent_at_ms: now() * 1000 } }) })],
  [3, () => add('ad-pixels', pick([
    () => ({ method: 'POST', uri: '/api/v2/pixel', headers: jsonH(headers('beacon')), body: JSON.stringify({ event: 'ViewContent', message_id: `messageId-${now()}123-${int(1e12, 9e12)}`, event_id: '', is_onsite: false, timestamp: iso(), context: { ad: { sdk_env: 'external', jsb_status: 2 }, user: { anonymous_id: '' }, pixel: { code: alnum(20).toUpperCase(), runtime: '1' }, page: { url: `${ORIGIN}/products/${handle()}?ttclid=${alnum(30)}`, referrer: 'https://www.tiktok.com/' }, library: { name: 'pixel.js', version: '2.2.1' }, device: { platform: 'pc' }, session_id: `${uuid()}::${alnum(20)}`, userAgent: pick(UAS) }, properties: { contents: [{ content_id: String(int(1e6, 9e6)), content_name: pick(PRODUCTS), price: 49.99 }], currency: 'GBP', value: 49.99 } }) }),
    () => ({ method: 'GET', uri: `/v3/?${form([['event', 'pagevisit'], ['ed', JSON.stringify({ np: 'gtm', line_items: [{ product_name: pick(PRODUCTS), product_id: String(int(1e6, 9e6)), product_price: 49.99 }] })], ['tid', String(int(1e12, 9e12))], ['pd', JSON.stringify({ em: hex(64), np: 'gtm' })], ['ad', JSON.stringify({ loc: `${ORIGIN}/products/${handle()}`, ref: googleReferer(), if: false, sh: 1080, sw: 1920, mh: hex(8), is_js: true })], ['cb', String(now() * 1000)]])}`, headers: headers('image') }),
    () => ({ method: 'POST', uri: '/rp.gif', headers: jsonH(headers('beacon'), 'text/plain'), body: JSON.stringify({ id: `t2_${alnum(8).toLowerCase()}`, event: 'ViewContent', ts: now() * 1000, uuid: `${now()}123.${uuid()}`, integration: 'reddit', opt_out: 0, sh: 1080, sw: 1920, v: 'rdt_3b9e7d4c', m: { itemCount: 1, products: [{ id: String(int(1e6, 9e6)), name: pick(PRODUCTS), category: 'Jeans & Trousers' }] }, url: `${ORIGIN}/products/${handle()}` }) }),
  ])())],
  // Service worker, manifest and well-known fetches a browser makes by itself.
  [4, () => add('browser-fetches', pick([
    () => ({ method: 'GET', uri: '/sw.js', headers: { ...headers('sw'), 'service-worker': 'script', 'cache-control': 'max-age=0' } }),
    () => ({ method: 'GET', uri: `/workbox-${hex(8)}.js?__WB_REVISION__=${hex(20)}`, headers: headers('sw') }),
    () => ({ method: 'GET', uri: pick(['/manifest.webmanifest', '/site.webmanifest', '/manifest.json?v=2']), headers: headers('manifest') }),
    () => ({ method: 'GET', uri: pick(['/.well-known/change-password', '/.well-known/traffic-advice', '/.well-known/apple-app-site-association', '/.well-known/assetlinks.json', '/.well-known/webauthn']), headers: headers('json') }),
    () => ({ method: 'GET', uri: pick(['/favicon.ico', '/apple-touch-icon-precomposed.png', '/apple-touch-icon-120x120.png', '/browserconfig.xml', '/offline.html?__WB_REVISION__=1']), headers: headers('image') }),
  ])())],
  // Sign-in, passkeys and payments.
  [3, () => {
    const credId = Buffer.from(Array.from({ length: 32 }, () => int(0, 255))).toString('base64url')
    const cdj = (type: string): string => b64url(JSON.stringify({ type, challenge: b64url(alnum(32)), origin: ORIGIN, crossOrigin: false, ...(rand() < 0.3 ? { other_keys_can_be_added_here: 'do not compare clientDataJSON against a template. See https://goo.gl/yabPex' } : {}) }))
    const bytes = (n: number): string => Buffer.from(Array.from({ length: n }, () => int(0, 255))).toString('base64url')
    add('webauthn', rand() < 0.5
      ? { method: 'POST', uri: '/account/passkeys/register/finish', headers: jsonH(headers('json')), body: JSON.stringify({ id: credId, rawId: credId, type: 'public-key', authenticatorAttachment: pick(['platform', 'cross-platform']), response: { clientDataJSON: cdj('webauthn.create'), attestationObject: bytes(int(200, 400)), transports: ['internal', 'hybrid'], publicKeyAlgorithm: -7, publicKey: bytes(91), authenticatorData: bytes(164) }, clientExtensionResults: { credProps: { rk: true } }, nickname: `${pick(NAMES)}'s iPhone` }) }
      : { method: 'POST', uri: '/account/passkeys/login/finish', headers: jsonH(headers('json')), body: JSON.stringify({ id: credId, rawId: credId, type: 'public-key', response: { clientDataJSON: cdj('webauthn.get'), authenticatorData: bytes(37), signature: bytes(71), userHandle: bytes(16) }, clientExtensionResults: {} }) })
  }],
  [3, () => add('payment-request', { method: 'POST', uri: '/checkout/express/apple-pay', headers: jsonH(headers('json')), body: JSON.stringify({ validationURL: pick(['https://apple-pay-gateway.apple.com/paymentservices/startSession', 'https://apple-pay-gateway-cert.apple.com/paymentservices/paymentSession']), shippingContact: { givenName: pick(NAMES).split(' ')[0], familyName: pick(NAMES).split(' ').slice(1).join(' '), addressLines: [pick(STREETS), pick(['', 'c/o Reception', 'Flat 3/2'])], locality: pick(['Dublin', 'İstanbul', 'Köln']), postalCode: pick(['D02 X285', '34433', '50667']), countryCode: pick(['IE', 'TR', 'DE']), emailAddress: "sean.o'brien@example.ie", phoneNumber: '+353 (0)1 234-5678' }, shippingMethod: { identifier: 'express', label: 'Express (1–2 days) -- order by 2pm', amount: '4.99' } }) })],
  [3, () => add('bnpl-return', { method: 'GET', uri: pick([`/klarna/push?${form([['klarna_order_id', uuid()], ['sid', alnum(24)]])}`, `/checkout/klarna/confirm?${form([['authorization_token', uuid()], ['session_id', uuid()], ['order_id', `order-${int(1000, 9999)}`], ['return_url', `${ORIGIN}/checkout/thank-you?order=${int(1000, 9999)}`]])}`, `/afterpay/return?${form([['status', pick(['SUCCESS', 'CANCELLED'])], ['orderToken', `002.${alnum(40).toLowerCase()}`]])}`, `/affirm/confirm?${form([['checkout_token', alnum(16).toUpperCase()], ['cart_id', alnum(26)]])}`]), headers: headers('doc', pick(['https://js.playground.klarna.com/', 'https://portal.afterpay.com/', 'https://www.affirm.com/'])) })],
  [4, () => add('address-autocomplete', pick([
    () => ({ method: 'GET', uri: `/api/address/autocomplete?${form([['input', typeahead(pick(STREETS))], ['components', `country:${pick(['ie', 'gb', 'tr', 'fr'])}`], ['sessiontoken', uuid()], ['types', 'address'], ['language', pick(['en', 'tr', 'fr'])]])}`, headers: headers('json') }),
    () => ({ method: 'GET', uri: `/Capture/Interactive/Find/v1.10/json3.ws?${form([['Key', `${alnum(4).toUpperCase()}-${alnum(4).toUpperCase()}-${alnum(4).toUpperCase()}-${alnum(4).toUpperCase()}`], ['Text', typeahead(pick(STREETS))], ['Container', `GB|RM|A|${int(1e7, 9e7)}|ENG`], ['Countries', 'GB,IE'], ['Language', 'en-gb'], ['Origin', '']])}`, headers: headers('json') }),
    () => ({ method: 'POST', uri: `/checkouts/cn/${alnum(26)}/address`, headers: jsonH(headers('json')), body: JSON.stringify({ address1: pick(STREETS), address2: pick(['', 'c/o Front desk', 'Flat 3/2', '2nd floor; left']), city: pick(['Dublin', 'İSTANBUL', 'Diyarbakır', 'Москва', 'กรุงเทพมหานคร']), company: pick(['', 'Müller & Söhne', "O'Brien's Pub", 'Smith <Holdings> Ltd']), name: pick(NAMES), place_id: `ChIJ${alnum(23)}`, formatted: `${pick(STREETS)}, ${pick(['D02 X285', '34433 Beyoğlu/İstanbul'])}` }) }),
  ])())],
  // Procurement punch-out (B2B shops).
  [2, () => add('cxml-punchout', { method: 'POST', uri: '/punchout/cxml/setup', headers: { host: HOST, 'user-agent': pick(['Java/17.0.9', 'Apache-HttpClient/4.5.14 (Java/11.0.21)', 'Coupa/1.0']), 'content-type': 'text/xml; charset=UTF-8', accept: 'text/xml' }, body: cxml() })],
  [2, () => {
    const items: Array<[string, string]> = []
    for (let i = 1; i <= int(1, 3); i++) items.push([`NEW_ITEM-DESCRIPTION[${i}]`, pick(OCI_ITEMS)], [`NEW_ITEM-QUANTITY[${i}]`, String(int(1, 20))], [`NEW_ITEM-UNIT[${i}]`, 'EA'], [`NEW_ITEM-PRICE[${i}]`, `${int(1, 300)}.99`], [`NEW_ITEM-CURRENCY[${i}]`, 'EUR'], [`NEW_ITEM-VENDORMAT[${i}]`, `SKU-${alnum(6)}`], [`NEW_ITEM-LONGTEXT_${i}:132[]`, `${pick(OCI_ITEMS)} -- see datasheet; "RoHS" compliant`])
    add('oci-punchout', { method: 'POST', uri: `/punchout/oci/return?${form([['HOOK_URL', `https://srm.acme-corp.example/sap/bc/gui/sap/its/bbpsc02?sap-client=100&~OkCode=ADDI&~target=_top&~caller=CTLG`], ['~OkCode', 'ADDI'], ['~TARGET', '_top']])}`, headers: formH(headers('doc', `${ORIGIN}/punchout/cart`)), body: form(items) })
  }],
  [2, () => add('b2b-directory', { method: 'GET', uri: `/b2b/company/approvers?${form([['filter', pick(['(&(department=Purchasing)(costCenter=4100))', '(|(role=approver)(role=buyer))', '(&(objectClass=person)(mail=*@acme-corp.example))'])], ['scim', pick(['userName eq "jane.doe@acme-corp.example" and active eq true', 'emails[type eq "work" and value co "@acme-corp.example"]', 'name.familyName sw "O\'"'])], ['path', pick(['/company/departments/department[@name="Purchasing"]', '$.approvers[?(@.limit > 5000)].email'])]])}`, headers: headers('json', `${ORIGIN}/b2b/company/users`) })],
  // People writing to the shop: assistant chat, developer questions, e-mail previews.
  [5, () => {
    const history = Array.from({ length: int(0, 2) }, () => [{ role: 'user', content: pick(CHAT_Q) }, { role: 'assistant', content: pick(ASSISTANT_A) }]).flat()
    add('ai-assistant', { method: 'POST', uri: '/apps/shopping-assistant/api/chat', headers: jsonH({ ...headers('json'), accept: 'text/event-stream' }), body: JSON.stringify({ conversationId: uuid(), messages: [...history, { role: 'user', content: pick(CHAT_Q) }], context: { page: `/products/${handle()}`, cart: { items: [{ title: pick(PRODUCTS), qty: 1 }] }, locale: pick(['en-GB', 'fr-FR', 'ja-JP', 'tr-TR']) }, stream: true }) })
  }],
  [4, () => add('dev-question', { method: 'POST', uri: pick(['/apps/community/api/posts', '/api/support/widget/messages']), headers: jsonH(headers('json')), body: JSON.stringify({ channel: pick(['developers', 'chat']), title: pick(['Storefront API 401?', 'CLI install fails', 'Totals mismatch', 'Cart from curl']), body_markdown: pick(DEV_QUESTIONS), author: { name: pick(NAMES) } }) })],
  [4, () => add('chat-widget', { method: 'POST', uri: `/api/v1/widget/conversations/${uuid()}/messages`, headers: jsonH(headers('json')), body: JSON.stringify({ content: pick(MESSAGES), content_type: 'text', content_attributes: {}, echo_id: alnum(12), private: false, sender: { name: pick(NAMES), email: `${pick(['jane', 'sean', 'ilknur'])}+chat@example.com` }, browser: { name: 'Chrome', version: '124', platform_name: 'Windows', locale: 'en-GB' } }) })],
  [2, () => add('email-preview', { method: 'POST', uri: '/apps/gift-cards/preview', headers: jsonH(headers('json')), body: JSON.stringify({ recipient: 'friend@example.com', sender_name: pick(NAMES), message: pick(ENGRAVINGS), html: `<!DOCTYPE html><html lang="en" xmlns:v="urn:schemas-microsoft-com:vml"><head><meta charset="utf-8"><meta name="x-apple-disable-message-reformatting"><!--[if mso]><noscript><xml><o:OfficeDocumentSettings><o:PixelsPerInch>96</o:PixelsPerInch></o:OfficeDocumentSettings></xml></noscript><![endif]--></head><body style="margin:0;padding:0;background:#f4f4f4"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr><td align="center" style="padding:24px;font-family:'Helvetica Neue',Arial,sans-serif"><h1 style="font-size:28px">You've got a gift! 🎁</h1><p style="font-size:16px">${pick(ENGRAVINGS).replaceAll('&', '&amp;').replaceAll('<', '&lt;')}</p><!--[if mso]><v:roundrect xmlns:v="urn:schemas-microsoft-com:vml" href="${ORIGIN}/gift_cards/${hex(32)}" style="height:44px;v-text-anchor:middle;width:220px;" arcsize="10%" fillcolor="#111"><center style="color:#fff">Redeem&nbsp;now</center></v:roundrect><![endif]--><a href="${ORIGIN}/gift_cards/${hex(32)}?utm_source=gift&amp;utm_medium=email" style="background:#111;color:#fff;padding:12px 24px;border-radius:4px;text-decoration:none;display:inline-block">Redeem&nbsp;now&nbsp;&rarr;</a></td></tr></table></body></html>` }) })],
  [3, () => add('extension-markup', { method: 'POST', uri: `/products/${handle()}/reviews`, headers: jsonH(headers('json')), body: JSON.stringify({ rating: int(3, 5), title: pick(['Great fit', 'Runs small -- size up', 'Love it ❤️']), body_html: pick([
    `<p data-gramm="false" data-lt-tmp-id="lt-${int(1e5, 9e5)}" spellcheck="false">${pick(MESSAGES)}</p><grammarly-desktop-integration data-grammarly-shadow-root="true"></grammarly-desktop-integration>`,
    `<div><span data-darkreader-inline-color="" style="color: rgb(33, 37, 41); --darkreader-inline-color: #d3cfc9;">${pick(MESSAGES)}</span></div>`,
    `<p>${pick(MESSAGES)}</p><div id="honeyContainer" style="display:none"></div><span class="goog-text-highlight" style="background-color:#c9d7f1;box-shadow:2px 2px 4px #99a">${pick(SEARCHES)}</span>`,
    `<p><font style="vertical-align: inherit;"><font style="vertical-align: inherit;">${pick(MESSAGES)}</font></font></p>`,
  ]), reviewer: { name: pick(NAMES), location: pick(STREETS) } }) })],
  // Mobile apps.
  [6, () => {
    const h: Record<string, string> = { host: `api.${HOST}`, 'user-agent': pick(APP_UAS), accept: 'application/json', 'accept-encoding': 'gzip', 'accept-language': pick(['en-GB', 'tr-TR', 'ja-JP']), 'x-app-version': `5.${int(0, 9)}.${int(0, 20)}`, 'x-device-id': uuid(), 'x-platform': pick(['ios', 'android']), authorization: `Bearer ${b64url('{"alg":"ES256","typ":"JWT"}')}.${b64url(JSON.stringify({ sub: uuid(), exp: now() }))}.${alnum(86)}` }
    if (rand() < 0.4) h['x-firebase-appcheck'] = `${b64url('{"kid":"' + alnum(6) + '","typ":"JWT","alg":"RS256"}')}.${b64url(JSON.stringify({ sub: `1:${int(1e11, 9e11)}:ios:${hex(22)}`, aud: ['projects/shop-app'], provider: 'app_attest' }))}.${alnum(342)}`
    add('mobile-app', rand() < 0.5
      ? { method: 'POST', uri: '/v2/cart/lines', headers: { ...h, 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ lines: [{ variantId: int(1e6, 9e6), qty: int(1, 3), options: [['Size', '32" x 32"'], ['Colour', 'Dark "Indigo"']], customization: { text: pick(ENGRAVINGS), font: 'Pacifico', layers: [[0, 0, 120, 40], [10, 10, 100, 20]] } }], device: { model: pick(['iPhone15,2', 'SM-S918B', 'Pixel 8']), os: pick(['iOS 17.4.1', 'Android 14']), locale: pick(['tr_TR', 'en_GB', 'ja_JP']) }, search_context: { query: pick(SEARCHES), filters: [['brand', ["Levi's", 'G-Star']], ['price', [10, 50]]] } }) }
      : { method: 'GET', uri: `/v2/products?${form([['q', pick(SEARCHES)], ['filter[brand][]', "Levi's"], ['filter[price][lte]', '50'], ['sort', '-rating'], ['page[cursor]', b64url(JSON.stringify({ id: int(1, 9999), score: rand() }))], ['fields[product]', 'title,price,images']])}`, headers: h })
  }],
  // Shopify section rendering and sign-up.
  [3, () => add('section-render', { method: 'GET', uri: pick([`/?sections=${enc('cart-drawer,cart-icon-bubble')}`, `/products/${handle()}?section_id=${enc(`template--${int(1e10, 9e10)}__main`)}&variant=${int(1e13, 9e13)}`, `/variants/${int(1e13, 9e13)}/?section_id=pickup-availability`, `/recommendations/products?section_id=${enc(`template--${int(1e10, 9e10)}__related-products`)}&product_id=${int(1e12, 9e12)}&limit=4&intent=complementary`]), headers: headers('json') })],
  [3, () => add('newsletter-signup', { method: 'POST', uri: '/contact#contact_form', headers: formH(headers('doc')), body: form([['form_type', 'customer'], ['utf8', '✓'], ['contact[tags]', 'newsletter, prospect, "pop-up"'], ['contact[email]', pick(["sean.o'brien+news@example.ie", 'ilknur.şahin@örnek.com.tr', '"jane doe"@example.com', 'jane+shoes&boots@example.com'])], ['contact[first_name]', pick(NAMES)], ['contact[birthday]', '1990-02-14'], ['contact[note][interests]', pick(['jeans | boots | sale', 'all of the above & more'])]]) })],
]

drawWeighted(SHAPES, () => out.length >= COUNT)

writeFileSync(new URL('./benign-modern.ndjson', import.meta.url), `${out.map((r) => JSON.stringify(r)).join('\n')}\n`)
console.log(`wrote ${out.length} requests`)
