/**
 * A second benign corpus, independent of benign-shop.ndjson: the third-party and platform
 * shapes a real shop's browser traffic carries (tag beacons, error and CSP reports, platform
 * APIs, auth and payment callbacks, bot-management and consent artefacts, rich user content).
 * Written from the public formats before the engine was run on it; nothing here was chosen or
 * dropped by the verdict it gets. Attack-free: no script that runs, no injected handler.
 * Run: npx tsx bench/waf/corpora/generate-benign-platforms.ts  (writes benign-platforms.ndjson)
 * @module
 */
import { writeFileSync } from 'node:fs'
import { b64url, form, seededText } from './seeded-text.ts'
import type { WafRequest } from '../../../packages/core/src/waf/index.ts'

const SEED = 20261127
const COUNT = 1500
const { rand, pick, int, hex, alnum, uuid } = seededText(SEED)
const b64 = (s: string): string => Buffer.from(s).toString('base64')
const jwt = (claims: object): string => `${b64url(JSON.stringify({ alg: 'RS256', kid: hex(16), typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}.${b64url(alnum(200))}`
const now = (): number => 1730000000 + int(0, 20000000)

const HOST = 'shop.example'
const UA = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:127.0) Gecko/20100101 Firefox/127.0',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.71 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36 Edg/125.0.0.0',
]
const TITLES = ["Levi's 501® Original | Men's Jeans – Shop", 'Search: "rock & roll" | Shop', 'Cart (3) – Checkout | Shop', "O'Neill Hyperfreak 4/3+ <Chest Zip> Wetsuit", 'Sale -50% | "Black Friday" & Cyber Monday', 'Über uns – Größen & Passform | Shop', '日本茶 急須 | ショップ', 'حقيبة يد جلدية | المتجر']
const PRODUCTS = ['levis-501-original', 'o-neill-hyperfreak-4-3', 'dr-martens-1460', 'union-jack-cushion', 'select-fit-chinos', 'script-font-poster', 'drop-earrings-gold']
const SEARCHES = ['shoes', "levi's 501", 'select fit chinos', 'union jack', 'drop earrings', 'rock & roll', 'shoes < 50', 'size 10-12', '"vintage" tee', 'order by price', 'café au lait', '日本茶']
const NAMES = ["Seán O'Brien", 'Zoë Müller', 'María José García', '山田 太郎', "D'Angelo Russell", 'Anne-Marie "Annie" Smith']
const ADDRESSES = ['Apt #12; 3rd floor', "Flat 2/1, 10 O'Connell St.", 'c/o Müller & Söhne GmbH', 'Unit 5 (rear) -- 1-3 High St', '〒100-0001 東京都千代田区千代田1-1', 'שדרות רוטשילד 1, תל אביב', 'Building 7; door code #4421*']

function headers(kind: 'doc' | 'xhr' | 'beacon'): Record<string, string> {
  const h: Record<string, string> = { host: HOST, 'user-agent': pick(UA), 'accept-language': pick(['en-GB,en;q=0.9', 'de-DE,de;q=0.9,en;q=0.8', 'ja,en;q=0.8', 'he-IL,he;q=0.9']), 'accept-encoding': 'gzip, deflate, br, zstd' }
  h.accept = kind === 'doc' ? 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' : '*/*'
  h['sec-fetch-mode'] = kind === 'doc' ? 'navigate' : kind === 'beacon' ? 'no-cors' : 'cors'
  h['sec-fetch-site'] = pick(['same-origin', 'cross-site'])
  h.referer = `https://${HOST}/products/${pick(PRODUCTS)}?variant=${int(10000000, 99999999)}`
  if (rand() < 0.6) h.cookie = cookies()
  return h
}

/** Consent managers and bot-management cookies real browsers carry. */
function cookies(): string {
  const t = now()
  const parts = [`_ga=GA1.1.${int(100000000, 2147483647)}.${t}`]
  const c = int(0, 3)
  if (c === 0) parts.push(`CookieConsent=${encodeURIComponent(`{stamp:'${b64(alnum(36))}',necessary:true,preferences:true,statistics:false,marketing:false,method:'explicit',ver:2,utc:${t}123,region:'de'}`)}`)
  if (c === 1) parts.push(`didomi_token=${b64url(JSON.stringify({ user_id: uuid(), created: new Date(t * 1000).toISOString(), updated: new Date(t * 1000).toISOString(), vendors: { enabled: ['google', 'c:hotjar'] }, purposes: { enabled: ['analytics', 'select_basic_ads'] }, version: 2 }))}`, `euconsent-v2=CP${alnum(40)}.${alnum(12)}AAAA`)
  if (c === 2) parts.push(`OptanonConsent=${encodeURIComponent(`isGpcEnabled=0&datestamp=${new Date(t * 1000).toString()}&version=202405.1.0&groups=C0001:1,C0002:0,C0003:1,C0004:0&geolocation=GB;ENG&AwaitingReconsent=false`)}`)
  if (c === 3) parts.push(`usprivacy=1YNN`, `_iub_cs-${int(1000000, 9999999)}=${encodeURIComponent(JSON.stringify({ timestamp: new Date(t * 1000).toISOString(), version: '1.63.3', purposes: { 1: true, 4: false }, id: int(1000000, 9999999), cons: { rand: hex(6) } }))}`)
  const b = int(0, 3)
  if (b === 0) parts.push(`_px3=${hex(64)}:${b64(alnum(90))}==:1000:${b64(alnum(120))}=`, `_pxvid=${uuid()}`, `pxcts=${uuid()}`)
  if (b === 1) parts.push(`datadome=${alnum(20)}~${alnum(60)}_${alnum(30)}`)
  if (b === 2) parts.push(`_abck=${hex(32).toUpperCase()}~0~${b64(alnum(150))}~-1~-1~-1`, `bm_sz=${hex(32).toUpperCase()}~YAAQ${alnum(100)}==~${int(1000000, 9999999)}`, `ak_bmsc=${hex(32).toUpperCase()}~000000000000000000000000000000~${alnum(180)}`)
  if (b === 3) parts.push(`__cf_bm=${alnum(43)}-${t}-1.0.1.1-${alnum(80)}`)
  if (rand() < 0.3) parts.push(`_hjSession_${int(100000, 3999999)}=${b64(JSON.stringify({ id: uuid(), c: t * 1000, s: 0, r: 0, sb: 0, sr: 0, se: 0, fs: 1, sp: 0 }))}`)
  return parts.join('; ')
}

const JS_FRAGMENTS = [
  'const items = data.cart.items.map((i) => i.id)',
  "document.querySelector('#add-to-cart').addEventListener('click', onAdd)",
  'return fetch(`/cart/add.js?id=${variant.id}&quantity=${qty}`)',
  'if (window.Shopify && Shopify.designMode) { init() }',
  'e.innerHTML = template(product)',
  'var s = document.createElement("script"); s.async = true;',
  "window.dataLayer.push({ event: 'view_item', ecommerce: { items } })",
]
const ERRORS = [
  "TypeError: Cannot read properties of undefined (reading 'map')",
  "TypeError: null is not an object (evaluating 'document.getElementById(\"cart-count\").textContent')",
  'ReferenceError: gtag is not defined',
  "SyntaxError: Unexpected token '<', \"<!DOCTYPE \"... is not valid JSON",
  'ChunkLoadError: Loading chunk 732 failed.\n(error: https://shop.example/assets/732.js)',
  "TypeError: Failed to execute 'observe' on 'IntersectionObserver': parameter 1 is not of type 'Element'.",
]
const SCRIPT_SAMPLES = [
  'window.dataLayer = window.dataLayer || [];',
  "(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push",
  'onclick attribute',
  "this.style.display='none'",
  "document.getElementById('menu').classList",
  '!function(f,b,e,v,n,t,s){if(f.fbq)return;n=f',
  "gtag('config', 'G-XYZ12345');",
  'eval',
  "return confirm('Remove this item?')",
]
const REVIEWS_HTML = [
  '<p class="MsoNormal"><span style="font-size:11.0pt;font-family:&quot;Calibri&quot;,sans-serif;mso-fareast-language:EN-US">Great jacket, fits well.<o:p></o:p></span></p>',
  '<p class="MsoNormal" style="margin-bottom:0cm;line-height:normal"><b><span lang="DE" style="color:#1F3864">Sehr gut!</span></b> Größe passt &amp; Lieferung schnell.</p><!--[if !supportLists]--><p>- warm</p><!--[endif]-->',
  '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-' + 'a1b2c3d4-7fff-1234-5678-9abcdef01234"><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;vertical-align:baseline;white-space:pre-wrap;">Love the colour; washes well at 30°.</span></b>',
  '<div dir="rtl"><p>מוצר מעולה, ממליצה בחום!</p></div>',
  '<p>Pros:</p><ul><li>price &lt; £50</li><li>"select" fabric</li></ul><p><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" target="_blank" rel="noopener noreferrer">my video review</a></p>',
  '<p><img src="https://cdn.shop.example/reviews/IMG_2041.jpg" alt="photo of the shoes" width="400"></p><p>As pictured 👍</p>',
]
const MARKDOWN = [
  '**Fits great!** See [size chart](https://shop.example/pages/size-chart?ref=review#mens) and my pic: ![worn](https://i.imgur.com/Ab12Cd3.jpeg)',
  '> Does it come in navy?\n\nYes — see `variant=4412` or the [navy one](/products/select-fit-chinos?variant=4412). 🎉',
  '1. Order\n2. Wait 2-3 days\n3. Enjoy 😍\n\n~~5~~ 4 stars because the box was crushed',
  '中文评论：质量很好，尺码偏小，建议买大一号。',
  'Works on my Mac: `ls -la ~/Downloads | grep invoice` finds the PDF, but the link in the e-mail 404s.',
]
const CHAT = [
  "Hi, my order #10023 says 'delivered' but I don't have it. Address: Flat 3; buzzer #12 & gate code 4471",
  'Can you drop the old address and update it? Select the one ending in "High St" please',
  "Your site throws `TypeError: Cannot read properties of undefined (reading 'map')` at checkout.js:118 when I click Pay",
  "I tried the API: SELECT * FROM orders WHERE id = 10023 -- that's what your docs say the admin report runs? it times out",
  'Tried `curl -s https://shop.example/cart.js | jq .items` and the cart is empty even though the page shows 2 items',
  'Is this compatible with <iframe> embeds on Shopify? I want to put the size widget on my own page',
  'مرحبا، أريد تغيير عنوان التوصيل من فضلك 🙏',
  '您好，我想退货，订单号 10023。',
  'Where can I find the "union" collection? Search for union & jack returns nothing :(',
  'If I order 2 and one is too big, do I return 1 or both? ;) also can you do gift wrap <3',
]

type Req = WafRequest & { id: string; kind: string }
const out: Req[] = []
const add = (kind: string, r: WafRequest): void => {
  out.push({ id: `platform-${String(out.length).padStart(4, '0')}`, kind, ...r })
}
const json = (h: Record<string, string>, type = 'application/json'): Record<string, string> => ({ ...h, 'content-type': type, origin: `https://${HOST}` })
const formH = (h: Record<string, string>): Record<string, string> => ({ ...h, 'content-type': 'application/x-www-form-urlencoded', origin: `https://${HOST}` })
const pageUrl = (): string => `https://${HOST}/${pick(['products', 'collections'])}/${pick(PRODUCTS)}?${form([['variant', String(int(1e7, 9e7))], ['utm_campaign', pick(['BF | 50% off', 'xmas & new year', "mother's day"])], ['q', pick(SEARCHES)]])}`

const SHAPES: Array<() => void> = [
  // GA4 collect with full URL, quoted title, event params.
  () => add('ga4', { method: 'POST', uri: `/g/collect?${form([['v', '2'], ['tid', `G-${alnum(10).toUpperCase()}`], ['gtm', `45je4${alnum(5)}`], ['_p', String(int(1e9, 2e9))], ['cid', `${int(1e8, 2e9)}.${now()}`], ['ul', 'en-gb'], ['sr', '1920x1080'], ['en', pick(['page_view', 'view_item', 'add_to_cart', 'view_search_results', 'user_engagement'])], ['dl', pageUrl()], ['dr', `https://www.google.com/search?q=${encodeURIComponent(pick(SEARCHES))}`], ['dt', pick(TITLES)], ['ep.search_term', pick(SEARCHES)], ['ep.item_list_name', 'Related | "You may also like"'], ['epn.value', '49.99'], ['_et', String(int(1, 9000))]])}`, headers: { ...headers('beacon'), 'content-type': 'text/plain;charset=UTF-8' }, body: '' }),
  // Meta pixel.
  () => add('meta-pixel', { method: 'GET', uri: `/tr/?${form([['id', String(int(1e14, 9e14))], ['ev', pick(['PageView', 'ViewContent', 'AddToCart', 'InitiateCheckout'])], ['dl', pageUrl()], ['rl', `https://l.facebook.com/l.php?u=${encodeURIComponent(pageUrl())}`], ['if', 'false'], ['ts', String(now() * 1000)], ['cd[content_name]', pick(TITLES)], ['cd[content_ids]', `["${int(1e6, 9e6)}"]`], ['cd[content_type]', 'product'], ['cd[value]', '49.99'], ['cd[currency]', 'GBP'], ['sw', '1920'], ['v', '2.9.160'], ['r', 'stable'], ['ec', '2'], ['o', '4126'], ['fbp', `fb.1.${now()}123.${int(1e8, 2e9)}`], ['it', String(now() * 1000)], ['coo', 'false'], ['rqm', 'GET']])}`, headers: headers('beacon') }),
  // Segment / RudderStack track.
  () => add('segment', { method: 'POST', uri: pick(['/v1/t', '/v1/track', '/v1/batch']), headers: json(headers('xhr'), 'text/plain'), body: JSON.stringify({ timestamp: new Date(now() * 1000).toISOString(), integrations: {}, event: pick(['Product Viewed', 'Products Searched', 'Order Completed']), type: 'track', properties: { product_id: String(int(1e6, 9e6)), name: pick(TITLES), query: pick(SEARCHES), price: 49.99, url: pageUrl() }, context: { page: { path: `/products/${pick(PRODUCTS)}`, referrer: 'https://www.google.com/', search: '?q=shoes&sort=price%3Aasc', title: pick(TITLES), url: pageUrl() }, userAgent: pick(UA), locale: 'en-GB', library: { name: 'analytics.js', version: 'next-1.70.0' }, campaign: { name: 'BF | 50% off', source: 'newsletter' } }, messageId: `ajs-next-${hex(32)}`, anonymousId: uuid(), writeKey: alnum(32), sentAt: new Date(now() * 1000).toISOString() }) }),
  // Klaviyo client events.
  () => add('klaviyo', { method: 'POST', uri: `/client/events/?company_id=${alnum(6)}`, headers: json({ ...headers('xhr'), revision: '2024-07-15' }, 'application/vnd.api+json'), body: JSON.stringify({ data: { type: 'event', attributes: { properties: { ProductName: pick(TITLES), URL: pageUrl(), Categories: ['Mens', 'Jeans & Trousers'], $value: 49.99 }, metric: { data: { type: 'metric', attributes: { name: 'Viewed Product' } } }, profile: { data: { type: 'profile', attributes: { email: 'jane.doe+shop@gmail.com', first_name: pick(NAMES) } } } } } }) }),
  // Hotjar.
  () => add('hotjar', { method: 'POST', uri: `/api/v2/client/sites/${int(1e6, 4e6)}/visit-data?sv=7`, headers: json(headers('xhr'), 'text/plain;charset=UTF-8'), body: JSON.stringify({ window_width: 1920, window_height: 969, url: pageUrl(), r_value: 1, is_vpv: false, session_only: false, rec_value: 0.5, user_id: uuid(), referrer: 'https://www.bing.com/search?q=levis+501&form=QBLH' }) }),
  // web-vitals via sendBeacon.
  () => add('web-vitals', { method: 'POST', uri: '/_rum', headers: { ...headers('beacon'), 'content-type': 'text/plain;charset=UTF-8' }, body: JSON.stringify({ name: pick(['LCP', 'CLS', 'INP', 'TTFB']), value: rand() * 3000, rating: pick(['good', 'needs-improvement', 'poor']), delta: rand() * 100, id: `v4-${now()}-${int(1e12, 9e12)}`, navigationType: 'navigate', attribution: { element: pick(['#MainContent > div.product > img', 'html > body > main > section:nth-child(2) > h1', 'button.add-to-cart[name="add"]']), url: `https://cdn.${HOST}/files/hero_1200x.jpg?v=${int(1e9, 2e9)}`, loadState: 'dom-interactive' }, page: pageUrl() }) }),
  // Sentry envelope.
  () => {
    const ev = { event_id: hex(32), sent_at: new Date(now() * 1000).toISOString(), sdk: { name: 'sentry.javascript.browser', version: '8.13.0' } }
    const frag = pick(JS_FRAGMENTS)
    const item = { exception: { values: [{ type: 'TypeError', value: pick(ERRORS), stacktrace: { frames: [{ filename: `https://${HOST}/cdn/shop/t/12/assets/theme.js?v=${int(1e9, 2e9)}`, function: 'HTMLButtonElement.onAdd', lineno: int(1, 4000), colno: int(1, 80), in_app: true, context_line: frag, pre_context: ['  try {', `    ${pick(JS_FRAGMENTS)}`], post_context: ['  } catch (err) {', '    console.error(err)'] }] }, mechanism: { type: 'onunhandledrejection', handled: false } }] }, level: 'error', platform: 'javascript', request: { url: pageUrl(), headers: { 'User-Agent': pick(UA), Referer: pageUrl() } }, breadcrumbs: [{ category: 'ui.click', message: 'body > main > form.product-form > button[name="add"]' }, { category: 'fetch', data: { method: 'POST', url: '/cart/add.js', status_code: 422 } }, { category: 'console', message: `Error: ${pick(ERRORS)}` }] }
    add('sentry', { method: 'POST', uri: `/api/${int(1e6, 9e6)}/envelope/?sentry_key=${hex(32)}&sentry_version=7&sentry_client=sentry.javascript.browser%2F8.13.0`, headers: json(headers('xhr'), 'text/plain;charset=UTF-8'), body: `${JSON.stringify(ev)}\n${JSON.stringify({ type: 'event' })}\n${JSON.stringify(item)}\n` })
  },
  // CSP violation report (report-uri).
  () => add('csp-report', { method: 'POST', uri: '/csp-report', headers: json(headers('beacon'), 'application/csp-report'), body: JSON.stringify({ 'csp-report': { 'document-uri': pageUrl(), referrer: 'https://www.google.com/', 'violated-directive': pick(['script-src-elem', 'script-src-attr', 'style-src-attr']), 'effective-directive': pick(['script-src-elem', 'script-src-attr']), 'original-policy': "default-src 'self'; script-src 'self' 'nonce-" + alnum(22) + "' https://www.googletagmanager.com; report-uri /csp-report", disposition: pick(['enforce', 'report']), 'blocked-uri': pick(['inline', 'eval', 'https://connect.facebook.net/en_US/fbevents.js', 'data']), 'line-number': int(1, 900), 'column-number': int(1, 200), 'source-file': pageUrl(), 'status-code': 200, 'script-sample': pick(SCRIPT_SAMPLES) } }) }),
  // Reporting API batch.
  () => add('reports-json', { method: 'POST', uri: '/reports', headers: json(headers('beacon'), 'application/reports+json'), body: JSON.stringify([{ age: int(0, 60000), type: pick(['csp-violation', 'deprecation', 'intervention']), url: pageUrl(), user_agent: pick(UA), body: { documentURL: pageUrl(), blockedURL: pick(['inline', 'eval', 'wasm-eval']), effectiveDirective: 'script-src-elem', originalPolicy: "script-src 'self' 'strict-dynamic' 'nonce-" + alnum(22) + "'; object-src 'none'; base-uri 'none'", sample: pick(SCRIPT_SAMPLES), disposition: 'enforce', statusCode: 200, lineNumber: int(1, 500), columnNumber: int(1, 100), sourceFile: pageUrl(), message: "Synchronous XMLHttpRequest on the main thread is deprecated because of its detrimental effects to the end user's experience.", id: 'XMLHttpRequestSynchronousInNonWorkerOutsideBeforeUnload' } }]) }),
  // Shopify Storefront GraphQL.
  () => add('storefront-graphql', { method: 'POST', uri: '/api/2024-07/graphql.json', headers: json({ ...headers('xhr'), 'x-shopify-storefront-access-token': hex(32) }), body: JSON.stringify({ query: pick(['query Search($query: String!, $first: Int = 24) { products(first: $first, query: $query, sortKey: PRICE) { edges { node { ...ProductCard } } pageInfo { hasNextPage endCursor } } }\nfragment ProductCard on Product { id title handle priceRange { minVariantPrice { amount currencyCode } } featuredImage { url altText } }', 'query ($handle: String!) @inContext(country: GB, language: EN) { product(handle: $handle) { id title descriptionHtml variants(first: 10) { nodes { id title availableForSale selectedOptions { name value } } } } }', 'mutation cartLinesAdd($cartId: ID!, $lines: [CartLineInput!]!) { cartLinesAdd(cartId: $cartId, lines: $lines) { cart { id totalQuantity } userErrors { field message } } }', 'query { search(query: "union jack", first: 5, types: [PRODUCT, ARTICLE]) { nodes { __typename ... on Product { title } ... on Article { title } } } }']), variables: { query: pick(['title:*shoe* AND price:<50', 'product_type:Jeans OR tag:"select fit"', "vendor:'Levi''s' AND NOT tag:sale", 'variants.price:>=20 variants.price:<=100']), handle: pick(PRODUCTS), cartId: `gid://shopify/Cart/${alnum(26)}?key=${hex(32)}`, lines: [{ merchandiseId: `gid://shopify/ProductVariant/${int(1e13, 9e13)}`, quantity: 1 }] } }) }),
  // Magento REST searchCriteria.
  () => add('magento-rest', { method: 'GET', uri: `/rest/V1/products?${form([['searchCriteria[filter_groups][0][filters][0][field]', 'name'], ['searchCriteria[filter_groups][0][filters][0][value]', `%${pick(['shoe', 'select', 'union jack', "levi's"])}%`], ['searchCriteria[filter_groups][0][filters][0][condition_type]', 'like'], ['searchCriteria[filter_groups][1][filters][0][field]', 'price'], ['searchCriteria[filter_groups][1][filters][0][value]', '50'], ['searchCriteria[filter_groups][1][filters][0][condition_type]', pick(['lt', 'lteq', 'gt', 'in', 'nin'])], ['searchCriteria[sortOrders][0][field]', 'created_at'], ['searchCriteria[sortOrders][0][direction]', pick(['DESC', 'ASC'])], ['searchCriteria[pageSize]', '20'], ['searchCriteria[currentPage]', '1'], ['fields', 'items[id,sku,name,price,custom_attributes[url_key]],total_count']])}`, headers: { ...headers('xhr'), authorization: `Bearer ${alnum(32)}` } }),
  // WooCommerce update_order_review.
  () => add('woocommerce', { method: 'POST', uri: '/?wc-ajax=update_order_review', headers: formH({ ...headers('xhr'), 'x-requested-with': 'XMLHttpRequest' }), body: form([['security', hex(10)], ['payment_method', pick(['stripe', 'ppcp-gateway', 'cod'])], ['country', 'GB'], ['state', ''], ['postcode', 'SW1A 1AA'], ['city', 'London'], ['address', pick(ADDRESSES)], ['address_2', pick(ADDRESSES)], ['s_country', 'GB'], ['s_address', pick(ADDRESSES)], ['has_full_address', 'true'], ['post_data', form([['billing_first_name', pick(NAMES)], ['billing_address_1', pick(ADDRESSES)], ['order_comments', pick(CHAT)], ['shipping_method[0]', 'flat_rate:1'], ['woocommerce-process-checkout-nonce', hex(10)], ['_wp_http_referer', '/?wc-ajax=update_order_review']])], ['shipping_method[0]', 'flat_rate:1']]) }),
  // Algolia-style search.
  () => add('algolia', { method: 'POST', uri: `/1/indexes/*/queries?${form([['x-algolia-agent', 'Algolia for JavaScript (4.23.3); Browser (lite); instantsearch.js (4.68.0); JS Helper (3.19.0)'], ['x-algolia-api-key', hex(32)], ['x-algolia-application-id', alnum(10).toUpperCase()]])}`, headers: json(headers('xhr'), 'application/x-www-form-urlencoded'), body: JSON.stringify({ requests: [{ indexName: 'shopify_products', params: form([['query', pick(SEARCHES)], ['filters', pick(["category:shoes AND price < 100 OR brand:'Levi''s'", 'NOT brand:"Dr. Martens" AND (colour:black OR colour:"dark navy")', 'price:10 TO 50 AND inStock=1'])], ['numericFilters', JSON.stringify(['price>=10', 'price<=100'])], ['facetFilters', JSON.stringify([['size:10', 'size:11'], 'brand:-Nike'])], ['facets', '["brand","colour","size"]'], ['hitsPerPage', '24'], ['highlightPreTag', '<ais-highlight-0000000000>'], ['highlightPostTag', '</ais-highlight-0000000000>']]) }] }) }),
  // Elastic-style search body.
  () => add('elastic-search', { method: 'POST', uri: '/api/search', headers: json(headers('xhr')), body: JSON.stringify({ query: { bool: { must: [{ multi_match: { query: pick(SEARCHES), fields: ['title^3', 'description'] } }], filter: [{ range: { price: { gte: 10, lte: 100 } } }, { terms: { 'brand.keyword': ["Levi's", 'Dr. Martens'] } }] } }, sort: [{ price: 'asc' }, '_score'], from: 0, size: 24, aggs: { brands: { terms: { field: 'brand.keyword' } } }, q: 'title:(shoes OR boots) AND price:[10 TO 100]' }) }),
  // OIDC callback, query and form_post.
  () => {
    const t = now()
    const token = jwt({ iss: 'https://accounts.google.com', azp: `${int(1e11, 9e11)}-${alnum(32).toLowerCase()}.apps.googleusercontent.com`, aud: 'shop', sub: String(int(1e20, 9e20)), email: 'jane.doe@gmail.com', email_verified: true, nonce: alnum(22), name: pick(NAMES), picture: `https://lh3.googleusercontent.com/a/${alnum(40)}=s96-c`, iat: t, exp: t + 3600 })
    const params: Array<[string, string]> = [['code', `4/0A${alnum(70)}`], ['state', b64url(JSON.stringify({ returnTo: '/checkout?step=contact_information', nonce: alnum(16) }))], ['scope', 'email profile openid https://www.googleapis.com/auth/userinfo.email'], ['authuser', '0'], ['prompt', 'none'], ['session_state', `${hex(40)}.${alnum(6)}`], ['id_token', token]]
    if (rand() < 0.5) add('oidc-callback', { method: 'GET', uri: `/auth/callback?${form(params)}`, headers: headers('doc') })
    else add('oidc-form-post', { method: 'POST', uri: '/auth/callback', headers: formH(headers('doc')), body: form(params) })
  },
  // SAML response post.
  () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?><samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_${hex(32)}" Version="2.0" IssueInstant="2024-07-01T10:00:00Z" Destination="https://${HOST}/saml/acs"><saml:Issuer>https://idp.example.com/saml</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status><saml:Assertion ID="_${hex(32)}" Version="2.0" IssueInstant="2024-07-01T10:00:00Z"><saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">jane.doe@example.com</saml:NameID></saml:Subject><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><ds:Reference URI="#_${hex(8)}"><ds:DigestValue>${b64(alnum(32))}</ds:DigestValue></ds:Reference></ds:SignedInfo><ds:SignatureValue>${b64(alnum(256))}</ds:SignatureValue></ds:Signature><saml:AttributeStatement><saml:Attribute Name="displayName"><saml:AttributeValue>${pick(NAMES).replaceAll('&', '&amp;').replaceAll('"', '&quot;')}</saml:AttributeValue></saml:Attribute></saml:AttributeStatement></saml:Assertion></samlp:Response>`
    add('saml', { method: 'POST', uri: '/saml/acs', headers: formH(headers('doc')), body: form([['SAMLResponse', b64(xml)], ['RelayState', `/account/orders?page=2&sort=date%3Adesc`]]) })
  },
  // Payment return URLs and client tokens.
  () => add('payment-return', { method: 'GET', uri: pick([`/checkout/complete?${form([['payment_intent', `pi_${alnum(24)}`], ['payment_intent_client_secret', `pi_${alnum(24)}_secret_${alnum(25)}`], ['redirect_status', 'succeeded']])}`, `/paypal/return?${form([['token', alnum(17).toUpperCase()], ['PayerID', alnum(13).toUpperCase()], ['paymentId', `PAYID-${alnum(24).toUpperCase()}`]])}`, `/checkout/adyen/return?${form([['redirectResult', b64(alnum(300)) + '=='], ['type', 'complete'], ['resultCode', 'Authorised']])}`, `/checkout/klarna?${form([['authorization_token', uuid()], ['order_id', uuid()], ['sid', `${alnum(8)}/${alnum(8)}+${alnum(8)}==`]])}`]), headers: headers('doc') }),
  // Apple Pay / Google Pay tokens.
  () => add('wallet-token', { method: 'POST', uri: '/checkout/payments/wallet', headers: json(headers('xhr')), body: JSON.stringify({ type: pick(['apple_pay', 'google_pay']), token: pick([b64(JSON.stringify({ data: b64(alnum(400)), signature: b64(alnum(600)), header: { publicKeyHash: b64(alnum(32)), ephemeralPublicKey: b64(alnum(91)), transactionId: hex(64) }, version: 'EC_v1' })), JSON.stringify({ signature: `MEUCI${alnum(90)}==`, intermediateSigningKey: { signedKey: JSON.stringify({ keyValue: `MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE${alnum(80)}==`, keyExpiration: String(now() * 1000) }), signatures: [`MEQCI${alnum(88)}=`] }, protocolVersion: 'ECv2', signedMessage: JSON.stringify({ encryptedMessage: b64(alnum(300)), ephemeralPublicKey: b64(alnum(65)), tag: b64(alnum(32)) }) })]), billingContact: { givenName: pick(NAMES), addressLines: [pick(ADDRESSES)], postalCode: 'SW1A 1AA', countryCode: 'GB' } }) }),
  // 3-D Secure.
  () => add('3ds', { method: 'POST', uri: '/checkout/3ds/return', headers: formH(headers('doc')), body: rand() < 0.5 ? form([['PaRes', b64(alnum(900)).replace(/(.{76})/g, '$1\n')], ['MD', b64(alnum(40))]]) : form([['cres', b64url(JSON.stringify({ threeDSServerTransID: uuid(), acsTransID: uuid(), messageType: 'CRes', messageVersion: '2.2.0', transStatus: 'Y' }))], ['threeDSSessionData', b64url(uuid())]]) }),
  // Captcha tokens in forms.
  () => add('captcha', { method: 'POST', uri: pick(['/account/login', '/contact', '/account/register']), headers: formH(headers('doc')), body: form([['form_type', 'customer_login'], ['utf8', '✓'], ['customer[email]', "o'brien+shop@example.ie"], ['customer[password]', pick(['P@ss;w0rd--1', "it's-my-Dog's-name", 'Tr0ub4dor&3 OR 4', '<3horses&ponies'])], [pick(['g-recaptcha-response', 'h-captcha-response', 'cf-turnstile-response']), `0${pick(['3AFcWeA', 'cAFcWeA', '.'])}${alnum(int(400, 1200))}_${alnum(40)}-${alnum(30)}`], ['return_url', '/account?view=orders&sort=-date']]) }),
  // Akamai sensor_data-like.
  () => {
    const parts = Array.from({ length: 60 }, () => pick([String(int(0, 99999)), alnum(int(2, 12)), `-1,2,-94,-${int(100, 130)},`, `${int(0, 9)};${int(0, 9)};${int(0, 9)}`, '0,0,0,0,1,0,0;', `${pick(UA)}`, `do_en,dm_en,t_en`, `${int(1, 9)},${int(100, 999)},${int(0, 1)},-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1`]))
    add('sensor-data', { method: 'POST', uri: `/${alnum(10)}/${alnum(8)}/${alnum(12)}`, headers: json(headers('xhr'), 'text/plain;charset=UTF-8'), body: JSON.stringify({ sensor_data: `3;0;1;0;${int(1e6, 9e6)};${b64(alnum(30))};${parts.join('')};${alnum(40)}|${hex(20)}{}` }) })
  },
  // ASP.NET WebForms postback.
  () => add('aspnet-viewstate', { method: 'POST', uri: '/Checkout.aspx', headers: formH(headers('doc')), body: form([['__EVENTTARGET', 'ctl00$MainContent$btnApplyCoupon'], ['__EVENTARGUMENT', ''], ['__LASTFOCUS', ''], ['__VIEWSTATE', `/wEPDwUK${b64(Buffer.from(Array.from({ length: int(300, 900) }, () => int(0, 255))).toString('latin1'))}`], ['__VIEWSTATEGENERATOR', hex(8).toUpperCase()], ['__EVENTVALIDATION', `/wEdAA${b64(alnum(int(100, 300)))}`], ['ctl00$MainContent$txtCoupon', pick(['SPRING10', 'BF-24', "MUM'S-DAY"])], ['ctl00$MainContent$ddlCountry', 'GB']]) }),
  // Consent / TCF in query and JSON.
  () => add('consent', { method: 'POST', uri: `/consent/v2/${uuid()}`, headers: json(headers('xhr')), body: JSON.stringify({ tcString: `CP${alnum(60)}.${alnum(20)}`, addtlConsent: `2~${Array.from({ length: 12 }, () => int(1, 3000)).join('.')}~dv.${int(1, 99)}`, gppString: `DBABMA~CP${alnum(40)}`, consent: { necessary: true, analytics: rand() < 0.5, marketing: rand() < 0.5 }, url: pageUrl(), userAgent: pick(UA) }) }),
  // Chat widget messages.
  () => add('chat', { method: 'POST', uri: `/messenger/web/conversations/${int(1e10, 9e10)}/reply`, headers: json(headers('xhr')), body: JSON.stringify({ app_id: alnum(8).toLowerCase(), user_data: { anonymous_id: uuid(), email: 'jane.doe+shop@gmail.com' }, message_type: 'comment', body: `<p>${pick(CHAT).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')}</p>`, blocks: [{ type: 'paragraph', text: pick(CHAT) }], referer: pageUrl() }) }),
  // Zendesk-style ticket with plain-text.
  () => add('support-ticket', { method: 'POST', uri: '/api/v2/requests.json', headers: json(headers('xhr')), body: JSON.stringify({ request: { subject: pick(['Order #10023 & refund', "Can't pay; error at checkout", 'Question re: "select fit"']), comment: { body: `${pick(CHAT)}\n\n${pick(MARKDOWN)}` }, requester: { name: pick(NAMES), email: "o'brien@example.ie" }, custom_fields: [{ id: int(1e6, 9e6), value: pick(ADDRESSES) }] } }) }),
  // Rich-text review (pasted Word / Google Docs HTML, markdown).
  () => add('review-rich', { method: 'POST', uri: `/products/${pick(PRODUCTS)}/reviews`, headers: json(headers('xhr')), body: JSON.stringify({ rating: int(1, 5), title: pick(['Love it!', 'Runs small -- size up', 'Meh; 3/5', '👍👍', 'Größe passt']), body: pick([...REVIEWS_HTML, ...MARKDOWN]), author: pick(NAMES), location: pick(ADDRESSES) }) }),
  // Product Q&A as a form post.
  () => add('product-qa', { method: 'POST', uri: '/apps/product-questions', headers: formH(headers('doc')), body: form([['product_id', String(int(1e6, 9e6))], ['question', pick([...CHAT, ...MARKDOWN])], ['name', pick(NAMES)], ['email', 'x@y.io']]) }),
  // Checkout address with #, ;, &.
  () => add('checkout-address', { method: 'POST', uri: `/checkouts/cn/${alnum(26)}/information`, headers: json(headers('xhr')), body: JSON.stringify({ email: 'jane.doe+shop@gmail.com', shipping_address: { first_name: pick(NAMES), address1: pick(ADDRESSES), address2: pick(ADDRESSES), city: pick(['London', 'Köln', '東京', 'תל אביב']), zip: pick(['SW1A 1AA', '50667', '100-0001']), phone: '+44 (0)20 7123-4567' }, note: pick(['Leave with neighbour @ #12; ring twice', 'Gate code: 4471# & then 2nd door on the left', 'Please no plastic :)']) }) }),
]

while (out.length < COUNT) pick(SHAPES)()

writeFileSync(new URL('./benign-platforms.ndjson', import.meta.url), `${out.map((r) => JSON.stringify(r)).join('\n')}\n`)
console.log(`wrote ${out.length} requests`)
