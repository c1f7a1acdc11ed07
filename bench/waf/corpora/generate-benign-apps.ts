/**
 * What shop front ends and the scripts on their pages send to the shop's own server, built from transcripts in
 * bench/waf/corpora/apps/ (which files, commits, licences: benign-apps-sources.json and bench/waf/corpora/README.md) and
 * from the real shop text of bench/waf/corpora/catalog/: Hydrogen's and PWA Studio's GraphQL documents with their
 * variables, Hydrogen's cart form (`cartFormInput` JSON in a form field), predictive search, product option and filter
 * links, consent cookies real sites set (uBlock Origin's cookie list), error reports with real browser stack traces
 * (Sentry's parser fixtures) through a first-party tunnel, Google Analytics 4 and Segment beacons through a first-party
 * tag server, Markdown and the HTML it renders to (CommonMark's spec examples) in comments and answers, ASCII emoticons
 * in notes and chat, and OAuth and payment redirects back to the shop. The transcribed text is never changed; the
 * envelopes (headers, cookies, ids, tokens, beacon parameters and redirect shapes) are written here after the
 * providers' public documentation.
 * Run: npx tsx bench/waf/corpora/generate-benign-apps.ts  (writes benign-apps.ndjson)
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { csv, records } from './csv.ts'
import { type Placed, placedLines } from './placed.ts'
import { b64url, fnv1a, formBody, seededText, shopperUserAgents } from './seeded-text.ts'
import { frames, type Stack } from './stack-frames.ts'

const HERE = new URL('./', import.meta.url)
const read = (file: string): string => readFileSync(new URL(file, HERE), 'utf8')
const lines = (file: string): string[] => read(file).split('\n').filter(Boolean)
const { pick, int, hex, alnum, uuid } = seededText(0xa995be11)
const agents = shopperUserAgents()
const enc = encodeURIComponent

interface Unit {
  source: string
  /** The text the hold-out split is keyed on: every placement of one text falls in the same half. */
  key: string
}

const { lines: out, add } = placedLines('apps')
const emit = (unit: Unit, p: Placed): void =>
  add(unit.key, { source: unit.source, kind: p.kind }, p, `${p.method} ${p.headers.host} ${p.uri}\n${p.headers.cookie ?? ''}\n${p.body ?? ''}`)

// ---- envelopes -------------------------------------------------------------------------------------------------

const HYDROGEN = 'hydrogen.example'
const VENIA = 'venia.example'
const TAGS = `metrics.${HYDROGEN}`
const T0 = 1_730_000_000
const now = (): number => T0 + int(0, 20_000_000)

/** The cookies a Hydrogen storefront's visitor carries: Shopify's, Google's and Meta's ids, the cart. */
function jar(extra: string[] = []): string {
  const t = now()
  return [
    `_shopify_y=${uuid()}`,
    `_shopify_s=${uuid()}`,
    `_ga=GA1.1.${int(1e8, 2e9)}.${t}`,
    `_ga_${alnum(10).toUpperCase()}=GS1.1.${t}.${int(1, 40)}.1.${t + int(10, 900)}.0.0.0`,
    `_fbp=fb.1.${t}${int(100, 999)}.${int(1e8, 2e9)}`,
    `cart=${alnum(26)}%3Fkey%3D${hex(32)}`,
    ...extra,
  ].join('; ')
}

const LANGS = ['en-US,en;q=0.9', 'en-GB,en;q=0.9', 'de-DE,de;q=0.9,en;q=0.8', 'fr-FR,fr;q=0.9,en;q=0.8', 'nl-NL,nl;q=0.9,en;q=0.8']

/** Headers every request of one browser carries. */
const base = (unit: Unit, host: string): Record<string, string> => ({
  host,
  'user-agent': agents[fnv1a(unit.key) % agents.length]!,
  'accept-language': LANGS[fnv1a(`${unit.key}#lang`) % LANGS.length]!,
  'accept-encoding': 'gzip, deflate, br',
})

/** A page navigation (link or GET form). */
const nav = (unit: Unit, host: string, referer: string, cookie: string): Record<string, string> => ({
  ...base(unit, host),
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8',
  referer: `https://${host}${referer}`,
  'upgrade-insecure-requests': '1',
  'sec-fetch-dest': 'document',
  'sec-fetch-mode': 'navigate',
  'sec-fetch-site': 'same-origin',
  cookie,
})

/** A fetch() or form post from the shop's own page. */
const call = (unit: Unit, host: string, referer: string, type: string, extra: Record<string, string> = {}): Record<string, string> => ({
  ...base(unit, host),
  accept: type === 'application/json' ? 'application/json' : '*/*',
  'content-type': type,
  origin: `https://${host}`,
  referer: `https://${host}${referer}`,
  'sec-fetch-dest': 'empty',
  'sec-fetch-mode': 'cors',
  'sec-fetch-site': 'same-origin',
  ...extra,
})

/** A navigation arriving from another site (an identity or payment provider's redirect). */
const arrive = (unit: Unit, from: string, cookie: string): Record<string, string> => ({
  ...nav(unit, HYDROGEN, '/', cookie),
  referer: from,
  'sec-fetch-site': 'cross-site',
})

const slug = (s: string): string =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
const cartGid = (): string => `gid://shopify/Cart/c1-${hex(32)}`
const variantGid = (): string => `gid://shopify/ProductVariant/${int(40_000_000_000, 49_999_999_999)}`
const API = '/api/2025-01/graphql.json'
const storefrontToken = (): Record<string, string> => ({ 'x-shopify-storefront-access-token': hex(32), 'x-sdk-variant': 'hydrogen-react', 'x-sdk-version': '2025-01' })

// ---- transcribed GraphQL documents -----------------------------------------------------------------------------

/** The template literals of a transcribed module, by constant name (with or without a fragment parameter). */
function templates(file: string): Map<string, string> {
  const found = new Map<string, string>()
  for (const m of read(file).matchAll(/const (\w+) = (?:gql|\([^)]*\) => )?`([^`]*)`/g)) found.set(m[1]!, m[2]!)
  return found
}

/** A template with its `${NAME}` interpolations filled; a name the transcripts lack becomes nothing. */
const fill = (template: string, values: Record<string, string>): string => template.replace(/\$\{(\w+)\}/g, (_, name: string) => values[name] ?? '')

const skeleton = templates('apps/hydrogen-fragments.ts.txt')
const cartFragments = templates('apps/hydrogen-cart-fragments.ts.txt')
const withCartFragments = (t: string): string => fill(t, { cartFragment: cartFragments.get('MINIMAL_CART_FRAGMENT')!, USER_ERROR_FRAGMENT: cartFragments.get('USER_ERROR_FRAGMENT')! })
const DOCS = {
  header: fill(skeleton.get('HEADER_QUERY')!, { MENU_FRAGMENT: skeleton.get('MENU_FRAGMENT')! }),
  footer: fill(skeleton.get('FOOTER_QUERY')!, { MENU_FRAGMENT: skeleton.get('MENU_FRAGMENT')! }),
  cart: fill(templates('apps/hydrogen-cartGetDefault-CART_QUERY.ts.txt').get('CART_QUERY')!, { cartFragment: skeleton.get('CART_QUERY_FRAGMENT')! }),
  note: withCartFragments(templates('apps/hydrogen-cartNoteUpdateDefault.ts.txt').get('CART_NOTE_UPDATE_MUTATION')!),
  attributes: withCartFragments(templates('apps/hydrogen-cartAttributesUpdateDefault.ts.txt').get('CART_ATTRIBUTES_UPDATE_MUTATION')!),
  linesAdd: withCartFragments(templates('apps/hydrogen-cartLinesAddDefault.ts.txt').get('CART_LINES_ADD_MUTATION')!),
  predictive: templates('apps/hydrogen-predictive-search-query.ts.txt').get('PREDICTIVE_SEARCH_QUERY')!,
}
const giftOptions = templates('apps/pwa-studio-giftOptions.gql.js.txt')
const coupons = templates('apps/pwa-studio-couponCode.gql.js.txt')
const PWA = {
  getGiftOptions: fill(giftOptions.get('GET_GIFT_OPTIONS')!, {}),
  setGiftOptions: fill(giftOptions.get('SET_GIFT_OPTIONS_ON_CART')!, {}),
  getAppliedCoupons: fill(coupons.get('GET_APPLIED_COUPONS')!, {}),
  removeCoupon: fill(coupons.get('REMOVE_COUPON_MUTATION')!, {}),
}

/** A Storefront API call through the Hydrogen app's `/api/:version/graphql.json` proxy route. */
const storefront = (unit: Unit, kind: string, referer: string, query: string, variables: Record<string, unknown>): Placed => ({
  kind,
  method: 'POST',
  uri: API,
  headers: call(unit, HYDROGEN, referer, 'application/json', storefrontToken()),
  body: JSON.stringify({ query, variables }),
})

/** Hydrogen's `<CartForm>`: a form post to /cart whose one field holds the action and its inputs as JSON. */
const cartForm = (unit: Unit, kind: string, referer: string, action: string, inputs: Record<string, unknown>, cookie = jar()): Placed => ({
  kind,
  method: 'POST',
  uri: '/cart',
  headers: { ...call(unit, HYDROGEN, referer, 'application/x-www-form-urlencoded;charset=UTF-8'), cookie },
  body: formBody([['cartFormInput', JSON.stringify({ action, inputs })]]),
})

// ---- beacons through the shop's own tag server -----------------------------------------------------------------

const MEASUREMENT = `G-${alnum(10).toUpperCase()}`
const UAFVL = ['Chromium;131.0.6778.86|Not_A%2520Brand;24.0.0.0|Google%2520Chrome;131.0.6778.86', 'Not)A%253BBrand;99.0.0.0|Google%2520Chrome;127.0.6533.120|Chromium;127.0.6533.120', 'Chromium;129.0.6668.101|Not%253DA%253FBrand;8.0.0.0|Microsoft%2520Edge;129.0.2792.89']

/** A gtag.js hit to a server-side Tag Manager on the shop's subdomain: query string, events in the body. */
function ga4(unit: Unit, page: string, title: string, events: Array<Array<[string, string]>>): Placed {
  const t = now()
  const head: Array<[string, string]> = [
    ['v', '2'],
    ['tid', MEASUREMENT],
    ['gtm', `45je4${alnum(2).toLowerCase()}0v${int(800000000, 899999999)}za200`],
    ['_p', String(t * 1000 + int(0, 999))],
    ['gcs', 'G111'],
    ['gcd', '13r3r3r3r5l1'],
    ['npa', '0'],
    ['dma', '0'],
    ['cid', `${int(1e8, 2e9)}.${t - int(0, 9e6)}`],
    ['ul', 'en-us'],
    ['sr', pick(['1920x1080', '1440x900', '390x844', '2560x1440'])],
    ['uaa', 'x86'],
    ['uab', '64'],
    ['uamb', '0'],
    ['uap', 'Windows'],
    ['uapv', '15.0.0'],
    ['uaw', '0'],
    ['are', '1'],
    ['frm', '0'],
    ['pscdl', 'noapi'],
    ['_s', String(int(1, 9))],
    ['sid', String(t - int(0, 1800))],
    ['sct', String(int(1, 30))],
    ['seg', '1'],
    ['dl', `https://${HYDROGEN}${page}`],
    ['dr', `https://${HYDROGEN}/`],
    ['dt', title],
  ]
  // gtag.js writes the full-version list already percent-encoded and leaves it as it is.
  const query = `${head.map(([k, v]) => `${k}=${enc(v)}`).join('&')}&uafvl=${pick(UAFVL)}`
  return {
    kind: 'ga4-collect',
    method: 'POST',
    uri: `/g/collect?${query}`,
    headers: { ...call(unit, TAGS, page, 'text/plain;charset=UTF-8'), referer: `https://${HYDROGEN}${page}`, origin: `https://${HYDROGEN}`, 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'no-cors', cookie: jar() },
    body: events.map((e) => e.map(([k, v]) => `${k}=${enc(v)}`).join('&')).join('\r\n'),
  }
}

/** Segment's analytics.js through a first-party proxy (`apiHost`), sent as text/plain to stay a simple request. */
function segment(unit: Unit, page: string, title: string, event: string, properties: Record<string, unknown>): Placed {
  const t = new Date(now() * 1000).toISOString()
  const url = new URL(`https://${HYDROGEN}${page}`)
  return {
    kind: 'segment-track',
    method: 'POST',
    uri: '/seg/v1/t',
    headers: { ...call(unit, HYDROGEN, page, 'text/plain'), cookie: jar([`ajs_anonymous_id=${uuid()}`]) },
    body: JSON.stringify({
      timestamp: t,
      integrations: {},
      event,
      type: 'track',
      properties,
      context: {
        page: { path: url.pathname, referrer: `https://${HYDROGEN}/`, search: url.search, title, url: url.href },
        userAgent: base(unit, HYDROGEN)['user-agent'],
        locale: 'en-US',
        library: { name: 'analytics.js', version: 'next-1.72.0' },
      },
      messageId: `ajs-next-${hex(32)}`,
      anonymousId: uuid(),
      writeKey: alnum(32),
      userId: null,
      sentAt: t,
      _metadata: { bundled: ['Segment.io'], unbundled: [], bundledIds: [] },
    }),
  }
}

// ---- real text: catalog transcripts reused in these envelopes -------------------------------------------------

const reviews = records(csv(read('catalog/magento-products_reviews.csv')))
for (const r of reviews) {
  const unit: Unit = { source: 'magento-reviews', key: `${r.title}\n${r.review}` }
  const product = `/products/${slug(r.sku!)}`
  emit(unit, cartForm(unit, 'hydrogen-cart-form', '/cart', 'NoteUpdate', { note: r.review }))
  emit(unit, storefront(unit, 'storefront-graphql', '/cart', DOCS.note, { cartId: cartGid(), note: r.review, country: 'US', language: 'EN' }))
  emit(unit, cartForm(unit, 'hydrogen-cart-form', product, 'LinesAdd', { lines: [{ merchandiseId: variantGid(), quantity: 1, attributes: [{ key: 'Engraving', value: r.title }] }] }))
  emit(unit, storefront(unit, 'storefront-graphql', product, DOCS.linesAdd, { cartId: cartGid(), lines: [{ merchandiseId: variantGid(), quantity: 1, attributes: [{ key: 'Engraving', value: r.title }] }], country: 'US', language: 'EN' }))
  emit(unit, {
    kind: 'pwa-graphql',
    method: 'POST',
    uri: '/graphql',
    headers: call(unit, VENIA, '/cart', 'application/json', { store: 'default', 'content-currency': 'USD' }),
    body: JSON.stringify({
      operationName: 'SetGiftOptionsOnCart',
      variables: { cartId: alnum(32), giftMessage: { from: r.reviewer, to: '', message: r.review }, giftReceiptIncluded: false, printedCardIncluded: true },
      query: PWA.setGiftOptions,
    }),
  })
}

const queries = csv(read('catalog/wands-query.tsv'), '\t')
  .slice(1)
  .map(([, q]) => q!)
  .filter(Boolean)
for (const q of queries) {
  const unit: Unit = { source: 'wands-queries', key: q }
  const page = `/search?q=${enc(q)}`
  emit(unit, { kind: 'predictive-search-form', method: 'POST', uri: '/api/predictive-search', headers: { ...call(unit, HYDROGEN, '/', 'application/x-www-form-urlencoded;charset=UTF-8'), cookie: jar() }, body: formBody([['q', q], ['limit', '10'], ['type', 'ANY']]) })
  emit(unit, storefront(unit, 'storefront-graphql', '/', DOCS.predictive, { limit: 10, limitScope: 'EACH', searchTerm: q, types: ['PRODUCT', 'COLLECTION', 'PAGE', 'ARTICLE', 'QUERY'] }))
  emit(unit, ga4(unit, page, 'Hydrogen | Search', [[['en', 'view_search_results'], ['ep.search_term', q], ['_et', String(int(5, 9000))]]]))
  emit(unit, segment(unit, page, 'Hydrogen | Search', 'Products Searched', { query: q }))
}

const WATCHES = records(csv(read('catalog/magento-products_gear_watches.csv'))).map((p) => p.name!)
for (const line of lines('catalog/shopify-attribute_values.txt')) {
  const m = /^gid:\/\/shopify\/TaxonomyValue\/\d+ +: (.*) \[(.*)\]$/.exec(line)
  if (m === null) continue
  const [, value, attribute] = m as unknown as [string, string, string]
  const unit: Unit = { source: 'shopify-taxonomy', key: `${attribute}\n${value}` }
  const name = pick(WATCHES)
  const product = `/products/${slug(name)}`
  const variantPage = `${product}?${formBody([[attribute, value]])}`
  emit(unit, { kind: 'variant-url-get', method: 'GET', uri: variantPage, headers: nav(unit, HYDROGEN, product, jar()) })
  emit(unit, { kind: 'collection-filter-get', method: 'GET', uri: `/collections/all?${formBody([['filter.variantOption', JSON.stringify({ name: attribute, value })]])}`, headers: nav(unit, HYDROGEN, '/collections/all', jar()) })
  emit(unit, ga4(unit, variantPage, `Hydrogen | ${name}`, [[['en', 'view_item'], ['pr1', `id${int(1000, 9999)}~nm${name}~va${value}~pr${int(20, 400)}.00~qt1`], ['cu', 'USD'], ['epn.value', String(int(20, 400))], ['_et', String(int(5, 9000))]]]))
}

for (const a of lines('catalog/ilib-addresses.ndjson').map((l) => JSON.parse(l) as { text: string })) {
  const unit: Unit = { source: 'ilib-addresses', key: a.text }
  const street = a.text.split('\n').filter((l) => l.trim() !== '')
  emit(unit, {
    kind: 'address-form',
    method: 'POST',
    uri: '/account/addresses',
    headers: { ...call(unit, HYDROGEN, '/account/addresses', 'application/x-www-form-urlencoded;charset=UTF-8'), cookie: jar([`customer_account_session=${alnum(40)}`]) },
    body: formBody([['addressId', 'NEW_ADDRESS_ID'], ['firstName', ''], ['lastName', ''], ['company', ''], ['address1', street[0]!], ['address2', street.slice(1).join(', ')], ['city', ''], ['zoneCode', ''], ['zip', ''], ['territoryCode', ''], ['phoneNumber', ''], ['defaultAddress', 'on']]),
  })
  emit(unit, storefront(unit, 'storefront-graphql', '/cart', DOCS.attributes, { cartId: cartGid(), attributes: [{ key: 'Delivery address', value: a.text }], country: 'US', language: 'EN' }))
}

// ---- new transcripts ------------------------------------------------------------------------------------------

/** A short typed text (an emoticon, a kaomoji) as a cart note, a chat message and a review's title. */
function shortText(source: string, text: string): void {
  const unit: Unit = { source, key: text }
  emit(unit, cartForm(unit, 'hydrogen-cart-form', '/cart', 'NoteUpdate', { note: text }))
  emit(unit, {
    kind: 'chat-widget-json',
    method: 'POST',
    uri: `/apps/chat/api/conversations/${uuid()}/messages`,
    headers: { ...call(unit, HYDROGEN, pick(['/', '/cart', '/collections/all']), 'application/json'), cookie: jar() },
    body: JSON.stringify({ type: 'text', text, client_message_id: uuid(), sent_at: new Date(now() * 1000).toISOString() }),
  })
  emit(unit, {
    kind: 'review-json',
    method: 'POST',
    uri: '/apps/reviews/api/v1/reviews',
    headers: call(unit, HYDROGEN, `/products/${slug(pick(WATCHES))}`, 'application/json'),
    body: JSON.stringify({ shop_domain: HYDROGEN, product_id: int(1e9, 9e9), rating: int(1, 5), title: text, body: '', name: '', email: '' }),
  })
}
for (const { emoticons } of lines('apps/emoticons.ndjson').map((l) => JSON.parse(l) as { emoticons: string[] })) for (const e of emoticons) shortText('emoticons', e)

/** uBlock's `trusted-set-cookie` lists as the cookies a browser then sends: name, value, options. */
const cookieLists = (file: string): Array<[string, string]> => lines(file).map((l) => JSON.parse(l) as [string, string])
/** One consent cookie beside the storefront's own, on a page view and a cart post. */
function consentCookie(name: string, value: string): void {
  // uBlock replaces its `$currentDate$` and `$now$` tokens with the date and the time in milliseconds when it sets the cookie.
  const set = value === '$currentDate$' ? new Date(now() * 1000).toUTCString() : value === '$now$' ? String(now() * 1000 + int(0, 999)) : value
  const unit: Unit = { source: 'consent-cookies', key: `${name}=${set}` }
  const page = pick(['/', '/collections/all', `/products/${slug(pick(WATCHES))}`, '/cart'])
  emit(unit, { kind: 'consent-cookie-nav', method: 'GET', uri: page, headers: nav(unit, HYDROGEN, '/', jar([`${name}=${set}`])) })
  emit(unit, cartForm(unit, 'consent-cookie-cart', page, 'LinesAdd', { lines: [{ merchandiseId: variantGid(), quantity: 1 }] }, jar([`${name}=${set}`])))
}
for (const [name, value] of cookieLists('apps/ubol-consent-cookies.ndjson')) consentCookie(name, value)

/** A browser error reported twice: through the app's Sentry tunnel and by the site's own `onerror` beacon. */
function errorReports(s: Stack): void {
  const unit: Unit = { source: 'sentry-stacks', key: s.fixture }
  const page = `https://${HYDROGEN}/products/${slug(pick(WATCHES))}`
  const eventId = hex(32)
  const sentAt = new Date(now() * 1000).toISOString()
  emit(unit, {
    kind: 'sentry-tunnel',
    method: 'POST',
    uri: `/monitoring?o=${int(4_500_000_000_000_000, 4_509_999_999_999_999)}&p=${int(4_500_000_000_000_000, 4_509_999_999_999_999)}`,
    headers: call(unit, HYDROGEN, new URL(page).pathname, 'text/plain;charset=UTF-8'),
    body: [
      JSON.stringify({ event_id: eventId, sent_at: sentAt, sdk: { name: 'sentry.javascript.remix', version: '8.42.0' }, dsn: `https://${hex(32)}@o${int(100000, 999999)}.ingest.us.sentry.io/${int(1e15, 9e15)}` }),
      JSON.stringify({ type: 'event' }),
      JSON.stringify({
        exception: { values: [{ type: s.name, value: s.message, stacktrace: { frames: frames(s.stack) }, mechanism: { type: 'onerror', handled: false } }] },
        level: 'error',
        event_id: eventId,
        platform: 'javascript',
        request: { url: page, headers: { 'User-Agent': base(unit, HYDROGEN)['user-agent'] } },
        timestamp: now(),
        environment: 'production',
      }),
      '',
    ].join('\n'),
  })
  emit(unit, {
    kind: 'error-beacon',
    method: 'POST',
    uri: '/api/client-errors',
    headers: { ...call(unit, HYDROGEN, new URL(page).pathname, 'text/plain;charset=UTF-8'), 'sec-fetch-mode': 'no-cors' },
    body: JSON.stringify({ name: s.name, message: s.message, stack: s.stack, url: page, ts: now() }),
  })
}
for (const s of lines('apps/sentry-chromium-stacks.ndjson').map((l) => JSON.parse(l) as Stack)) errorReports(s)

const FENCE = '`'.repeat(32)
/** The examples of a transcript of CommonMark's spec: each Markdown text and the HTML it renders to. */
const examples = (file: string): Array<[string, string]> =>
  read(file)
    .split(`${FENCE} example\n`)
    .slice(1)
    .map((block) => {
      const [markdown, rest] = block.split('\n.\n') as [string, string]
      return [markdown, rest.slice(0, rest.indexOf(`\n${FENCE}`))]
    })
/** Markdown as a blog comment's body, and with its HTML as a Q&A app's answer. */
function markdownPost(markdown: string, html: string): void {
  const unit: Unit = { source: 'commonmark', key: markdown }
  const post = `/blogs/news/${slug(pick(WATCHES))}`
  emit(unit, {
    kind: 'comment-form',
    method: 'POST',
    uri: `${post}/comments`,
    headers: { ...call(unit, HYDROGEN, post, 'application/x-www-form-urlencoded'), accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'sec-fetch-dest': 'document', 'sec-fetch-mode': 'navigate', cookie: jar() },
    body: formBody([['form_type', 'new_comment'], ['utf8', '✓'], ['comment[author]', ''], ['comment[email]', ''], ['comment[body]', markdown]]),
  })
  emit(unit, {
    kind: 'rich-text-json',
    method: 'POST',
    uri: `/apps/questions/api/questions/${int(10000, 99999)}/answers`,
    headers: call(unit, HYDROGEN, `/products/${slug(pick(WATCHES))}`, 'application/json'),
    body: JSON.stringify({ body_html: html, body_markdown: markdown, format: 'markdown' }),
  })
}
for (const [markdown, html] of examples('apps/commonmark-spec-links.txt')) markdownPost(markdown, html)

// ---- documents with no text of their own: the storefront's menus, cart and PWA Studio's cart queries -------------

for (const [country, language] of [['US', 'EN'], ['GB', 'EN'], ['DE', 'DE'], ['FR', 'FR'], ['NL', 'NL'], ['CA', 'FR'], ['JP', 'JA']] as const) {
  const unit: Unit = { source: 'hydrogen-graphql', key: `menus:${country}:${language}` }
  emit(unit, storefront(unit, 'storefront-graphql', '/', DOCS.header, { country, language, headerMenuHandle: 'main-menu' }))
  emit(unit, storefront(unit, 'storefront-graphql', '/', DOCS.footer, { country, language, footerMenuHandle: 'footer' }))
  emit(unit, storefront(unit, 'storefront-graphql', '/cart', DOCS.cart, { cartId: cartGid(), numCartLines: 100, country, language }))
}
for (let i = 0; i < 6; i++) {
  const unit: Unit = { source: 'pwa-studio-graphql', key: `cart:${i}` }
  const cartId = alnum(32)
  // Venia sends queries as GET (Apollo's useGETForQueries), mutations as POST.
  for (const [operationName, query] of [['GetGiftOptions', PWA.getGiftOptions], ['getAppliedCoupons', PWA.getAppliedCoupons]] as const) {
    emit(unit, { kind: 'pwa-graphql-get', method: 'GET', uri: `/graphql?${formBody([['query', query], ['operationName', operationName], ['variables', JSON.stringify({ cartId })]])}`, headers: { ...call(unit, VENIA, '/cart', 'application/json', { store: 'default' }), cookie: `PHPSESSID=${hex(26)}` } })
  }
  emit(unit, { kind: 'pwa-graphql', method: 'POST', uri: '/graphql', headers: call(unit, VENIA, '/cart', 'application/json', { store: 'default' }), body: JSON.stringify({ operationName: 'removeCouponFromCart', variables: { cartId }, query: PWA.removeCoupon }) })
}

// ---- redirects back from identity and payment providers (shapes from the providers' documentation) -------------

const jwt = (header: object, claims: object): string => `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}.${b64url(Array.from({ length: 256 }, () => String.fromCharCode(int(0, 255))).join(''))}`
const base64 = (n: number): string => Buffer.from(Array.from({ length: n }, () => int(0, 255))).toString('base64')
const names = reviews.map((r) => r.reviewer!).filter(Boolean)
for (let i = 0; i < 40; i++) {
  const t = now()
  const state = b64url(JSON.stringify({ returnTo: pick(['/account', '/checkouts/cn/' + alnum(24), '/cart']), nonce: alnum(22) }))
  const unit: Unit = { source: 'redirects', key: state }
  const cookie = jar([`oauth_state=${state}`])
  emit(unit, {
    kind: 'oauth-callback-get',
    method: 'GET',
    uri: `/account/auth/google/callback?${formBody([['state', state], ['code', `4/0A${alnum(72)}`], ['scope', 'email profile openid https://www.googleapis.com/auth/userinfo.profile https://www.googleapis.com/auth/userinfo.email'], ['authuser', '0'], ['prompt', 'consent']])}`,
    headers: arrive(unit, 'https://accounts.google.com/', cookie),
  })
  const name = pick(names)
  emit(unit, {
    kind: 'oauth-form-post',
    method: 'POST',
    uri: '/account/auth/apple/callback',
    headers: { ...arrive(unit, 'https://appleid.apple.com/', cookie), 'content-type': 'application/x-www-form-urlencoded', origin: 'https://appleid.apple.com' },
    body: formBody([
      ['state', state],
      ['code', `c${hex(31)}.0.s${alnum(4).toLowerCase()}.${alnum(22)}`],
      ['id_token', jwt({ kid: alnum(10), alg: 'RS256' }, { iss: 'https://appleid.apple.com', aud: `example.${slug(HYDROGEN)}.web`, exp: t + 86400, iat: t, sub: `00${int(1000, 9999)}.${hex(32)}.${int(1000, 9999)}`, c_hash: alnum(22), email: `${alnum(10).toLowerCase()}@privaterelay.appleid.com`, email_verified: true, is_private_email: true, auth_time: t, nonce_supported: true })],
      ['user', JSON.stringify({ name: { firstName: name, lastName: '' }, email: `${alnum(10).toLowerCase()}@privaterelay.appleid.com` })],
    ]),
  })
  emit(unit, { kind: 'account-authorize-get', method: 'GET', uri: `/account/authorize?${formBody([['code', alnum(64)], ['state', alnum(32)]])}`, headers: arrive(unit, `https://shopify.com/authentication/${int(10000000, 99999999)}/login`, cookie) })
  const pi = `pi_3${alnum(23)}`
  emit(unit, { kind: 'payment-return-get', method: 'GET', uri: `/checkout/complete?payment_intent=${pi}&payment_intent_client_secret=${pi}_secret_${alnum(25)}&redirect_status=succeeded`, headers: arrive(unit, 'https://hooks.stripe.com/', jar()) })
  emit(unit, { kind: 'payment-return-get', method: 'GET', uri: `/checkout/paypal/return?token=${alnum(17).toUpperCase()}&PayerID=${alnum(13).toUpperCase()}`, headers: arrive(unit, 'https://www.paypal.com/', jar()) })
  emit(unit, { kind: 'payment-return-get', method: 'GET', uri: `/checkout/adyen/return?${formBody([['redirectResult', base64(int(300, 700))]])}`, headers: arrive(unit, 'https://checkoutshopper-live.adyen.com/', jar()) })
  emit(unit, {
    kind: 'threeds-form-post',
    method: 'POST',
    uri: '/checkout/3ds/return',
    headers: { ...arrive(unit, 'https://acs.example-bank.com/', jar()), 'content-type': 'application/x-www-form-urlencoded', origin: 'null' },
    body: formBody([
      ['cres', b64url(JSON.stringify({ threeDSServerTransID: uuid(), acsTransID: uuid(), messageType: 'CRes', messageVersion: '2.2.0', transStatus: 'Y' }))],
      ['threeDSSessionData', b64url(JSON.stringify({ paymentId: `pay_${alnum(20)}`, returnUrl: `https://${HYDROGEN}/checkout/complete` }))],
    ]),
  })
}

// ---- second batch (ids apps-6560 on; the first 6,559 requests are unchanged) ------------------------------------

for (const [name, value] of cookieLists('apps/ubol-consent-cookies-2.ndjson')) consentCookie(name, value)
for (const s of lines('apps/sentry-firefox-stacks.ndjson').map((l) => JSON.parse(l) as Stack)) errorReports(s)
for (const file of ['apps/kommons-Happy.kt.txt', 'apps/kommons-Love.kt.txt', 'apps/kommons-FlipTable.kt.txt']) {
  // Each line names a kaomoji; where the name could not hold it (a backtick, a full stop), `auto("…")` gives it.
  for (const m of read(file).matchAll(/^ {4}public val `(.+?)`: Kaomoji by auto\((?:"(.*)")?\)$/gm)) shortText('kaomoji', m[2] ?? m[1]!)
}
for (const [markdown, html] of examples('apps/commonmark-spec-emphasis.txt')) markdownPost(markdown, html)

// ---- third batch (ids from the end of the second on; the first two are unchanged): passwords typed at sign-in -------

for (const password of lines('apps/seclists-keyboard-walks.txt')) {
  const unit: Unit = { source: 'keyboard-walks', key: password }
  const email = `${alnum(8).toLowerCase()}@${pick(['gmail.com', 'outlook.com', 'yahoo.co.uk', 'web.de', 'icloud.com'])}`
  emit(unit, {
    kind: 'login-form',
    method: 'POST',
    uri: '/account/login',
    headers: { ...call(unit, HYDROGEN, '/account/login', 'application/x-www-form-urlencoded'), accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'sec-fetch-dest': 'document', 'sec-fetch-mode': 'navigate', cookie: jar() },
    body: formBody([['form_type', 'customer_login'], ['utf8', '✓'], ['customer[email]', email], ['customer[password]', password], ['return_url', '/account']]),
  })
  emit(unit, {
    kind: 'register-json',
    method: 'POST',
    uri: '/api/auth/register',
    headers: { ...call(unit, HYDROGEN, '/account/register', 'application/json'), cookie: jar() },
    body: JSON.stringify({ email, password, passwordConfirmation: password, acceptsMarketing: false }),
  })
}

writeFileSync(new URL('./benign-apps.ndjson', HERE), `${out.join('\n')}\n`)
console.log(`${out.length} requests`)
