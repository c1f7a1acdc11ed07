/**
 * What shoppers and shop staff type, placed as their browsers send it, built from transcripts in
 * bench/waf/corpora/text/ (which files, commits, licences: benign-text-sources.json and bench/waf/corpora/README.md):
 * search queries with operators (search-query-parser's and the lucene parser's test queries) in the storefront's search,
 * its suggestions and a recent-searches cookie, and in the back office's product and order search; chemistry and maths
 * (mhchem's and TipTap's test inputs) in searches and product questions; street addresses of many countries (OpenCage's
 * address-formatting test cases) in checkout forms, a headless checkout's JSON and an address lookup; rich-text editor
 * output (Quill's clipboard tests, a Word 2016 paste from CKEditor 5's fixtures, TipTap's link documents) saved from the
 * back office as form posts and JSON; product texts in French and Spanish with their markup and staff comments (Open Food
 * Facts' Carrefour import fixtures) and a Shopify admin product (shopify-api-js) saved from the back office; and support
 * messages with their agents' macro replies (Bitext's customer-support dataset) in a contact form, a chat widget and a
 * help desk; and (second batch) ingredient and category names in some sixty languages (Open Food Facts' ingredients taxonomy)
 * searched, filtered on and tagged, and quantities with units (js-quantities' test strings) searched, given as a cart
 * line's property and as a variant's option. The transcribed text is never changed; the envelopes (headers, cookies, ids, field names) are written here
 * after the platforms' public documentation.
 * Run: npx tsx bench/waf/corpora/generate-benign-text.ts  (writes benign-text.ndjson)
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { type Placed, placedLines } from './placed.ts'
import { shopEnvelopes, T0, type Unit, type Zone } from './shop-envelopes.ts'
import { form, formBody, seededText, shopperUserAgents } from './seeded-text.ts'

const HERE = new URL('./', import.meta.url)
const read = (file: string): string => readFileSync(new URL(`text/${file}`, HERE), 'utf8')
const lines = (file: string): string[] => read(file).split('\n').filter((l) => l.trim() !== '')
/** Records of a transcript whose records are separated by a line `%%` (records keep their own line breaks). */
const records = (file: string): string[] => read(file).split('\n%%\n').map((r) => r.replace(/\n$/, ''))
const { pick, int, hex, alnum, uuid } = seededText(0x7e47b0d1)
const agents = shopperUserAgents()
const enc = encodeURIComponent

const { lines: out, add } = placedLines('text')
const emit = (unit: Unit, zone: Zone, p: Placed): void =>
  add(unit.key, { source: unit.source, kind: p.kind, zone }, p, `${p.method} ${p.uri}\n${p.headers.cookie ?? ''}\n${p.body ?? ''}`)

// ---- envelopes -------------------------------------------------------------------------------------------------

const SHOP = 'boutique-verte.example'
const { jar, adminJar, nav, post, call } = shopEnvelopes(SHOP, agents, { int, hex, alnum })

const productId = (): number => int(6_000_000_000, 8_999_999_999)

// ---- searches with operators ---------------------------------------------------------------------------------------

/** A query typed in the storefront: the search page, its suggestions, the recent-searches cookie, a back-office search. */
function searches(source: string, query: string, admin: 'products' | 'orders'): void {
  const unit: Unit = { source, key: query }
  emit(unit, 'storefront', { kind: 'search-get', method: 'GET', uri: `/search?${form([['q', query], ['options[prefix]', 'last'], ['type', 'product']])}`, headers: nav(unit, '/', jar()) })
  emit(unit, 'storefront', {
    kind: 'suggest-xhr',
    method: 'GET',
    uri: `/search/suggest.json?q=${enc(query)}&resources[type]=product,collection&resources[limit]=6&section_id=predictive-search`,
    headers: call(unit, '/collections/all', null, jar(), { 'x-requested-with': 'XMLHttpRequest' }),
  })
  emit(unit, 'storefront', { kind: 'recent-searches-cookie', method: 'GET', uri: '/collections/all', headers: nav(unit, '/', jar([`recent_searches=${enc(JSON.stringify([query, 'bio']))}`])) })
  emit(unit, 'admin', {
    kind: `admin-${admin}-search`,
    method: 'GET',
    uri: `/admin/${admin}?${form([['query', query], ['sort', admin === 'orders' ? 'processed_at desc' : 'title asc'], ['page', '1']])}`,
    headers: nav(unit, `/admin/${admin}`, adminJar()),
  })
}

/** The storefront's search page for `q`, reached from `referer`. */
const searchPage = (unit: Unit, q: string, referer: string): Placed => ({ kind: 'search-get', method: 'GET', uri: `/search?${form([['q', q], ['type', 'product']])}`, headers: nav(unit, referer, jar()) })

// ---- chemistry and maths ---------------------------------------------------------------------------------------------

/** A formula a shopper of a lab-supply or school shop types: the search, and a question on a product page. */
function formula(source: string, text: string): void {
  const unit: Unit = { source, key: text }
  emit(unit, 'storefront', searchPage(unit, text, '/collections/reagents'))
  emit(unit, 'storefront', {
    kind: 'product-question-form',
    method: 'POST',
    uri: '/apps/product-qa/questions',
    headers: post(unit, '/products/reagent-kit', jar()),
    body: formBody([['product_id', String(productId())], ['name', pick(['Léa', 'Marco', 'Yuki', 'Aisha', 'Tom'])], ['email', `${alnum(7).toLowerCase()}@example.net`], ['question', text]]),
  })
  emit(unit, 'storefront', {
    kind: 'review-json',
    method: 'POST',
    uri: '/api/reviews',
    headers: call(unit, '/products/reagent-kit', 'application/json', jar()),
    body: JSON.stringify({ productId: productId(), rating: int(3, 5), title: 'Formula', body: text, verifiedBuyer: true }),
  })
}

// ---- addresses -------------------------------------------------------------------------------------------------------

const COUNTRY_CODES: Record<string, string> = { Germany: 'DE', Japan: 'JP', 'Российская Федерация': 'RU', China: 'CN', 'United Arab Emirates': 'AE', 'الإمارات العربية المتحدة': 'AE', Brazil: 'BR', 'United Kingdom': 'GB', 'United States of America': 'US', 'South Korea': 'KR', India: 'IN', France: 'FR', Israel: 'IL' }

/** An address as a shopper types it into checkout: one line per field, the whole address in the delivery note. */
function address(text: string): void {
  const unit: Unit = { source: 'opencage-addresses', key: text }
  const rows = text.split('\n')
  const country = COUNTRY_CODES[rows.find((r) => COUNTRY_CODES[r.trim()] !== undefined)?.trim() ?? ''] ?? 'US'
  const [address1, address2 = '', city = ''] = rows
  emit(unit, 'storefront', {
    kind: 'checkout-address-form',
    method: 'POST',
    uri: `/checkouts/${hex(32)}`,
    headers: post(unit, '/checkouts/information', jar()),
    body: formBody([
      ['_method', 'patch'],
      ['authenticity_token', alnum(86)],
      ['previous_step', 'contact_information'],
      ['step', 'shipping_method'],
      ['checkout[email]', `${alnum(8).toLowerCase()}@example.org`],
      ['checkout[shipping_address][first_name]', pick(['Ana', 'Kenji', 'Olga', 'Fatima', 'Jo'])],
      ['checkout[shipping_address][last_name]', pick(['Silva', 'Tanaka', 'Ivanova', 'Al Mansoori', 'Smith'])],
      ['checkout[shipping_address][address1]', address1!],
      ['checkout[shipping_address][address2]', address2],
      ['checkout[shipping_address][city]', city],
      ['checkout[shipping_address][country]', country],
      ['checkout[note]', text],
    ]),
  })
  emit(unit, 'storefront', {
    kind: 'checkout-address-json',
    method: 'POST',
    uri: '/api/checkout/shipping-address',
    headers: call(unit, '/checkout', 'application/json', jar(), { 'x-csrf-token': alnum(40) }),
    body: JSON.stringify({ address: { lines: rows, countryCode: country, formatted: text }, deliveryInstructions: '' }),
  })
  emit(unit, 'storefront', { kind: 'address-lookup-get', method: 'GET', uri: `/api/address/autocomplete?${form([['q', rows.slice(0, 2).join(', ')], ['country', country]])}`, headers: call(unit, '/checkout', null, jar()) })
  emit(unit, 'admin', {
    kind: 'admin-order-address-json',
    method: 'PUT',
    uri: `/admin/api/2024-04/orders/${int(4_000_000_000, 5_999_999_999)}.json`,
    headers: call(unit, '/admin/orders', 'application/json', adminJar(), { 'x-csrf-token': alnum(40) }),
    body: JSON.stringify({ order: { shipping_address: { address1, address2, city, country_code: country }, note: text } }),
  })
}

// ---- rich text saved in the back office -------------------------------------------------------------------------------

/** Editor HTML saved from the back office: a WordPress-style form post, a product JSON save, a storefront comment. */
function richText(source: string, html: string, storefront = true): void {
  const unit: Unit = { source, key: html }
  const id = productId()
  emit(unit, 'admin', {
    kind: 'admin-post-form',
    method: 'POST',
    uri: '/wp-admin/post.php',
    headers: post(unit, `/wp-admin/post.php?post=${id % 10_000}&action=edit`, adminJar()),
    body: formBody([['_wpnonce', hex(10)], ['action', 'editpost'], ['post_ID', String(id % 10_000)], ['post_title', 'Fiche produit'], ['content', html], ['excerpt', ''], ['post_status', 'publish']]),
  })
  emit(unit, 'admin', {
    kind: 'admin-product-json',
    method: 'PUT',
    uri: `/admin/api/2024-04/products/${id}.json`,
    headers: call(unit, `/admin/products/${id}`, 'application/json', adminJar(), { 'x-csrf-token': alnum(40) }),
    body: JSON.stringify({ product: { id, body_html: html } }),
  })
  if (storefront)
    emit(unit, 'storefront', {
      kind: 'comment-form',
      method: 'POST',
      uri: '/blogs/journal/comments',
      headers: post(unit, '/blogs/journal/recettes-de-saison', jar()),
      body: formBody([['form_type', 'new_comment'], ['utf8', '✓'], ['comment[author]', pick(['Camille', 'Diego', 'Mina'])], ['comment[email]', `${alnum(6).toLowerCase()}@example.com`], ['comment[body]', html]]),
    })
}

/** A TipTap (ProseMirror) document saved as JSON: a paragraph whose text links to `href`. */
function tiptapLink(href: string): void {
  const unit: Unit = { source: 'tiptap', key: href }
  const doc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'hello world!', marks: [{ type: 'link', attrs: { href } }] }] }] }
  emit(unit, 'admin', {
    kind: 'admin-editor-json',
    method: 'PATCH',
    uri: `/admin/api/pages/${int(100, 999)}`,
    headers: call(unit, '/admin/pages', 'application/json', adminJar(), { 'x-csrf-token': alnum(40) }),
    body: JSON.stringify({ page: { title: 'Liens utiles', content: doc, html: `<p><a href="${href}">hello world!</a></p>` } }),
  })
}

// ---- product texts and support messages ------------------------------------------------------------------------------

/** A product text from a supplier's sheet: saved in the back office, and quoted by a shopper in a question. */
function productText(source: string, text: string): void {
  const unit: Unit = { source, key: text }
  const id = productId()
  emit(unit, 'admin', {
    kind: 'admin-product-form',
    method: 'POST',
    uri: `/admin/catalog/product/save/id/${id % 100_000}/`,
    headers: post(unit, `/admin/catalog/product/edit/id/${id % 100_000}/`, adminJar()),
    body: formBody([['form_key', alnum(16)], ['product[name]', 'Produit'], ['product[description]', text], ['product[short_description]', text.replace(/<[^>]*>/g, ' ').slice(0, 120)], ['product[status]', '1']]),
  })
  emit(unit, 'admin', {
    kind: 'admin-product-json',
    method: 'PUT',
    uri: `/admin/api/2024-04/products/${id}.json`,
    headers: call(unit, `/admin/products/${id}`, 'application/json', adminJar(), { 'x-csrf-token': alnum(40) }),
    body: JSON.stringify({ product: { id, body_html: text, metafields: [{ namespace: 'custom', key: 'ingredients', type: 'multi_line_text_field', value: text }] } }),
  })
}

/** A shopper's message and the agent's macro reply. */
function support(instruction: string, response: string): void {
  const unit: Unit = { source: 'bitext-support', key: instruction }
  emit(unit, 'storefront', {
    kind: 'contact-form',
    method: 'POST',
    uri: '/contact',
    headers: post(unit, '/pages/contact', jar()),
    body: formBody([['form_type', 'contact'], ['utf8', '✓'], ['contact[name]', pick(['Sam', 'Noor', 'Pierre'])], ['contact[email]', `${alnum(7).toLowerCase()}@example.com`], ['contact[body]', instruction]]),
  })
  emit(unit, 'storefront', {
    kind: 'chat-widget-json',
    method: 'POST',
    uri: '/apps/chat/messages',
    headers: call(unit, '/account/orders', 'application/json', jar()),
    body: JSON.stringify({ conversationId: uuid(), author: 'visitor', text: instruction, sentAt: new Date((T0 + int(0, 9e6)) * 1000).toISOString() }),
  })
  emit(unit, 'admin', {
    kind: 'helpdesk-macro-json',
    method: 'POST',
    uri: '/admin/helpdesk/macros',
    headers: call(unit, '/admin/helpdesk/macros/new', 'application/json', adminJar(), { 'x-csrf-token': alnum(40) }),
    body: JSON.stringify({ macro: { title: 'Cancel order', actions: [{ field: 'comment_value', value: response }] } }),
  })
  emit(unit, 'admin', {
    kind: 'helpdesk-reply-form',
    method: 'POST',
    uri: `/admin/helpdesk/tickets/${int(10_000, 99_999)}/reply`,
    headers: post(unit, '/admin/helpdesk/tickets', adminJar()),
    body: formBody([['authenticity_token', alnum(86)], ['comment[body]', response], ['comment[public]', '1'], ['ticket[status]', 'pending']]),
  })
}

// ---- the corpus ----------------------------------------------------------------------------------------------------

for (const q of lines('search-query-parser-queries.txt')) searches('search-query-parser', q, 'orders')
for (const q of lines('lucene-queries.txt')) searches('lucene-queries', q, 'products')
for (const f of lines('mhchem-inputs.txt')) formula('mhchem', f)
for (const t of lines('tiptap.txt')) if (t.includes('$')) formula('tiptap', t)
for (const t of lines('tiptap.txt')) if (!t.includes('$')) tiptapLink(t)
for (const a of records('opencage-addresses.txt')) address(a)
for (const h of records('quill-html.txt')) richText('quill', h)
richText('ckeditor-word-paste', read('ckeditor-word2016-list-body.html'))
richText('ckeditor-word-paste', `${read('ckeditor-word2016-list-head.html')}</head>\n\n${read('ckeditor-word2016-list-body.html')}`, false)
for (const t of records('off-carrefour-texts.txt')) productText('off-carrefour', t)
for (const p of JSON.parse(read('shopify-admin-products.json')) as Array<{ title: string; body_html: string; tags: string }>) {
  productText('shopify-admin', p.body_html)
  richText('shopify-admin', `<h1>${p.title}</h1>${p.body_html}`, false)
}
for (const r of records('bitext-support.txt')) {
  const [instruction, ...reply] = r.split('\n')
  support(instruction!, reply.join('\n'))
}

// ---- second batch (ids from text-1052 on; the first 1,051 requests are unchanged): ingredient names and units ----------

/** An ingredient or category name in one of some sixty languages: searched, filtered on, and tagged in the back office. */
function ingredientName(name: string): void {
  const unit: Unit = { source: 'off-ingredient-names', key: name }
  emit(unit, 'storefront', searchPage(unit, name, '/collections/epicerie'))
  emit(unit, 'storefront', { kind: 'filter-get', method: 'GET', uri: `/collections/epicerie?${form([['filter.p.m.custom.ingredients', name], ['sort_by', 'best-selling']])}`, headers: nav(unit, '/collections/epicerie', jar()) })
  emit(unit, 'admin', {
    kind: 'admin-product-tags-json',
    method: 'PUT',
    uri: `/admin/api/2024-04/products/${productId()}.json`,
    headers: call(unit, '/admin/products', 'application/json', adminJar(), { 'x-csrf-token': alnum(40) }),
    body: JSON.stringify({ product: { tags: `bio, ${name}`, metafields: [{ namespace: 'custom', key: 'ingredients', type: 'single_line_text_field', value: name }] } }),
  })
}

/** A quantity with its unit as a shopper types it in a search or a custom size, and staff in a variant's option. */
function quantity(text: string): void {
  const unit: Unit = { source: 'js-quantities', key: text }
  emit(unit, 'storefront', searchPage(unit, text, '/collections/lab'))
  emit(unit, 'storefront', {
    kind: 'cart-add-form',
    method: 'POST',
    uri: '/cart/add',
    headers: post(unit, '/products/custom-spring', jar()),
    body: formBody([['form_type', 'product'], ['utf8', '✓'], ['id', String(int(40_000_000_000, 49_999_999_999))], ['quantity', '1'], ['properties[Rating]', text]]),
  })
  emit(unit, 'admin', {
    kind: 'admin-variant-json',
    method: 'PUT',
    uri: `/admin/api/2024-04/variants/${int(40_000_000_000, 49_999_999_999)}.json`,
    headers: call(unit, '/admin/products', 'application/json', adminJar(), { 'x-csrf-token': alnum(40) }),
    body: JSON.stringify({ variant: { option1: text, sku: `SPR-${alnum(6).toUpperCase()}` } }),
  })
}

for (const n of lines('off-ingredient-names.txt')) ingredientName(n)
for (const q of read('js-quantities-units.txt').split('\n').filter((l) => l !== '')) quantity(q)

writeFileSync(new URL('./benign-text.ndjson', HERE), `${out.join('\n')}\n`)
console.log(`${out.length} requests`)
