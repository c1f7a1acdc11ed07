/**
 * Real shop text, placed where a shop receives it: the transcripts in bench/waf/corpora/catalog/ (which files,
 * commits, licences: benign-catalog-sources.json and bench/waf/corpora/README.md) are product reviews, shoppers'
 * search queries, product and CMS HTML as an admin saves it, and postal addresses in five scripts. Each text
 * becomes the requests a shop gets when a customer or a member of staff types it: a storefront search, a
 * review form post, a headless review or search call, an admin product or page save as a form and as JSON,
 * a checkout address. The text is never changed; only the envelope (headers, cookies, ids) is written here.
 * Run: npx tsx bench/waf/corpora/generate-benign-catalog.ts  (writes benign-catalog.ndjson)
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { csv, records } from './csv.ts'
import { type Placed, placedLines } from './placed.ts'
import { fnv1a, formBody, seededText, shopperUserAgents } from './seeded-text.ts'

const HERE = new URL('./', import.meta.url)
const read = (file: string): string => readFileSync(new URL(file, HERE), 'utf8')
const { pick, int, hex, alnum, uuid } = seededText(0x5ca7a106)
const agents = shopperUserAgents()

const xmlText = (s: string): string =>
  s.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&apos;', "'").replaceAll('&amp;', '&')

interface Unit {
  source: string
  /** The text the hold-out split is keyed on: every placement of one text falls in the same half. */
  key: string
  lang: string
}

const { lines, add } = placedLines('catalog')
function emit(unit: Unit, p: Placed): void {
  // A same-origin GET fetch sends neither a body type nor an Origin.
  if (p.method === 'GET') {
    delete p.headers['content-type']
    delete p.headers.origin
  }
  add(unit.key, { source: unit.source, kind: p.kind, lang: unit.lang }, p, `${p.method} ${p.uri}\n${p.body ?? ''}`)
}

const LANGUAGES: Record<string, string> = {
  en: 'en-US,en;q=0.9',
  fr: 'fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7',
  de: 'de-DE,de;q=0.9,en;q=0.8',
  ja: 'ja-JP,ja;q=0.9,en-US;q=0.8,en;q=0.7',
  zh: 'zh-CN,zh;q=0.9,en;q=0.8',
  ar: 'ar-AE,ar;q=0.9,en-US;q=0.8,en;q=0.7',
}

/** The headers a browser sends with a page navigation or a form post on `host`. */
function page(unit: Unit, host: string, referer: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    host,
    'user-agent': agents[fnv1a(unit.key) % agents.length]!,
    accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8',
    'accept-language': LANGUAGES[unit.lang]!,
    'accept-encoding': 'gzip, deflate, br',
    referer: `https://${host}${referer}`,
    ...extra,
  }
}

/** The headers of a fetch() from the shop's own pages: no cookie (headless APIs take tokens or nothing). */
function api(unit: Unit, host: string, referer: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    host,
    'user-agent': agents[fnv1a(unit.key) % agents.length]!,
    accept: 'application/json',
    'accept-language': LANGUAGES[unit.lang]!,
    'accept-encoding': 'gzip, deflate, br',
    'content-type': 'application/json',
    origin: `https://${host}`,
    referer: `https://${host}${referer}`,
    ...extra,
  }
}

const storefrontCookie = (): string => `PHPSESSID=${hex(26)}; form_key=${alnum(16)}; mage-cache-sessid=true; private_content_version=${hex(32)}`
const adminCookie = (): string => `admin=${hex(26)}; form_key=${alnum(16)}`
const slug = (s: string): string =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')

// Reviews: the Luma store's review form, its GraphQL mutation, and a review app's JSON API.
const LUMA = 'luma.example'
for (const r of records(csv(read('catalog/magento-products_reviews.csv')))) {
  const unit: Unit = { source: 'magento-reviews', key: `${r.title}\n${r.review}`, lang: 'en' }
  const productId = int(1, 2040)
  const productPage = `/${slug(r.sku!)}.html`
  const formKey = alnum(16)
  emit(unit, {
    kind: 'review-form',
    method: 'POST',
    uri: `/review/product/post/id/${productId}/`,
    headers: page(unit, LUMA, productPage, {
      'content-type': 'application/x-www-form-urlencoded',
      origin: `https://${LUMA}`,
      cookie: storefrontCookie(),
    }),
    body: formBody([
      ['form_key', formKey],
      ['ratings[4]', String(15 + Number(r.rating_value))],
      ['validate_rating', ''],
      ['nickname', r.reviewer!],
      ['title', r.title!],
      ['detail', r.review!],
    ]),
  })
  emit(unit, {
    kind: 'review-graphql',
    method: 'POST',
    uri: '/graphql',
    headers: api(unit, LUMA, productPage, { store: 'default' }),
    body: JSON.stringify({
      operationName: 'createProductReview',
      query:
        'mutation createProductReview($input: CreateProductReviewInput!) { createProductReview(input: $input) { review { nickname summary text average_rating } } }',
      variables: {
        input: {
          sku: r.sku,
          nickname: r.reviewer,
          summary: r.title,
          text: r.review,
          ratings: [{ id: 'NA==', value_id: Buffer.from(String(15 + Number(r.rating_value))).toString('base64') }],
        },
      },
    }),
  })
  emit(unit, {
    kind: 'review-app-json',
    method: 'POST',
    uri: '/apps/reviews/api/v1/reviews',
    headers: api(unit, LUMA, productPage),
    body: JSON.stringify({
      shop_domain: LUMA,
      product_id: productId,
      name: r.reviewer,
      ...(r.email === '' ? {} : { email: r.email }),
      rating: Number(r.rating_value),
      title: r.title,
      body: r.review,
    }),
  })
}

// Shoppers' searches: the results page (a GET form), the typeahead (fetch with encodeURIComponent), a search
// proxy's JSON body; the query's product class as a collection filter.
const FURNITURE = 'home.example'
const classes = new Set<string>()
for (const [, query, cls] of csv(read('catalog/wands-query.tsv'), '\t').slice(1)) {
    const unit: Unit = { source: 'wands-queries', key: query!, lang: 'en' }
    emit(unit, {
      kind: 'search-get',
      method: 'GET',
      uri: `/catalogsearch/result/?${formBody([['q', query!]])}`,
      headers: page(unit, FURNITURE, '/', { cookie: storefrontCookie() }),
    })
    emit(unit, {
      kind: 'suggest-get',
      method: 'GET',
      uri: `/search/suggest.json?q=${encodeURIComponent(query!)}&resources[type]=product&resources[limit]=6&section_id=predictive-search`,
      headers: api(unit, FURNITURE, '/'),
    })
    emit(unit, {
      kind: 'search-json',
      method: 'POST',
      uri: '/api/search',
      headers: api(unit, FURNITURE, `/catalogsearch/result/?${formBody([['q', query!]])}`),
      body: JSON.stringify({ query, page: 0, hitsPerPage: 24, clickAnalytics: true, userToken: uuid() }),
    })
    if (cls !== undefined && cls !== '') classes.add(cls)
}
for (const cls of classes) {
  const unit: Unit = { source: 'wands-queries', key: `class:${cls}`, lang: 'en' }
  emit(unit, {
    kind: 'filter-get',
    method: 'GET',
    uri: `/furniture?${formBody([['product_type', cls], ['sort', pick(['relevance', 'price-asc', 'newest'])]])}`,
    headers: page(unit, FURNITURE, '/furniture', { cookie: storefrontCookie() }),
  })
}

// Product and page HTML as staff save it: the admin's form post and the REST call an integration makes.
const adminToken = (): string => `Bearer ${alnum(32).toLowerCase()}`
for (const p of records(csv(read('catalog/magento-products_gear_watches.csv')))) {
  const unit: Unit = { source: 'magento-catalog', key: `${p.name}\n${p.description}`, lang: 'en' }
  const id = int(1, 2040)
  emit(unit, {
    kind: 'admin-product-form',
    method: 'POST',
    uri: `/admin/catalog/product/save/id/${id}/type/simple/store/0/set/11/back/edit`,
    headers: page(unit, LUMA, `/admin/catalog/product/edit/id/${id}/`, {
      'content-type': 'application/x-www-form-urlencoded; charset=UTF-8',
      origin: `https://${LUMA}`,
      'x-requested-with': 'XMLHttpRequest',
      cookie: adminCookie(),
    }),
    body: formBody([
      ['form_key', alnum(16)],
      ['product[status]', '1'],
      ['product[name]', p.name!],
      ['product[sku]', p.sku!],
      ['product[price]', p.price!],
      ['product[quantity_and_stock_status][qty]', p.qty!],
      ['product[description]', p.description!],
      ['product[url_key]', slug(p.name!)],
    ]),
  })
  emit(unit, {
    kind: 'admin-product-json',
    method: 'PUT',
    uri: `/rest/all/V1/products/${encodeURIComponent(p.sku!)}`,
    headers: api(unit, LUMA, '/admin/', { authorization: adminToken() }),
    body: JSON.stringify({
      product: { sku: p.sku, name: p.name, price: Number(p.price), custom_attributes: [{ attribute_code: 'description', value: p.description }] },
    }),
  })
  emit(unit, {
    kind: 'search-get',
    method: 'GET',
    uri: `/catalogsearch/result/?${formBody([['q', p.name!]])}`,
    headers: page(unit, LUMA, '/', { cookie: storefrontCookie() }),
  })
}

const PRESTA = 'boutique.example'
const presta = read('catalog/prestashop-fashion-fr-product.xml')
for (const [, block] of presta.matchAll(/<product id="[^"]*" id_shop="1">([\s\S]*?)<\/product>/g)) {
  const field = (name: string): string => xmlText(new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(block!)?.[1] ?? '')
  const [name, short, description, rewrite] = [field('name'), field('description_short'), field('description'), field('link_rewrite')]
  const unit: Unit = { source: 'prestashop-catalog', key: `${name}\n${short}`, lang: 'fr' }
  const id = int(1, 400)
  const token = alnum(43)
  emit(unit, {
    kind: 'admin-product-form',
    method: 'POST',
    uri: `/admin-dev/index.php/sell/catalog/products/${id}/edit?_token=${token}`,
    headers: page(unit, PRESTA, `/admin-dev/index.php/sell/catalog/products/${id}/edit?_token=${token}`, {
      'content-type': 'application/x-www-form-urlencoded',
      origin: `https://${PRESTA}`,
      cookie: `PrestaShop-${hex(32)}=def50200${hex(96)}`,
    }),
    body: formBody([
      ['product[header][name][1]', name],
      ['product[description][description_short][1]', short],
      ['product[description][description][1]', description],
      ['product[seo][link_rewrite][1]', rewrite],
      ['product[_token]', alnum(43)],
    ]),
  })
  emit(unit, {
    kind: 'admin-product-json',
    method: 'PATCH',
    uri: `/admin-api/products/${id}`,
    headers: api(unit, PRESTA, '/admin-dev/', { authorization: adminToken() }),
    body: JSON.stringify({ names: { 'fr-FR': name }, shortDescriptions: { 'fr-FR': short }, descriptions: { 'fr-FR': description }, linkRewrites: { 'fr-FR': rewrite } }),
  })
  emit(unit, {
    kind: 'search-get',
    method: 'GET',
    uri: `/recherche?controller=search&${formBody([['s', name]])}`,
    headers: page(unit, PRESTA, '/', { cookie: `PrestaShop-${hex(32)}=def50200${hex(96)}` }),
  })
}

for (const c of records(csv(read('catalog/magento-cms-pages.csv')))) {
  if (c.content === '') continue
  const unit: Unit = { source: 'magento-cms', key: c.content!, lang: 'en' }
  const id = int(1, 40)
  emit(unit, {
    kind: 'admin-cms-form',
    method: 'POST',
    uri: '/admin/cms/page/save/',
    headers: page(unit, LUMA, `/admin/cms/page/edit/page_id/${id}/`, {
      'content-type': 'application/x-www-form-urlencoded; charset=UTF-8',
      origin: `https://${LUMA}`,
      'x-requested-with': 'XMLHttpRequest',
      cookie: adminCookie(),
    }),
    body: formBody([
      ['form_key', alnum(16)],
      ['page_id', String(id)],
      ['is_active', c.is_active!],
      ['title', c.title!],
      ['identifier', c.identifier!],
      ['page_layout', c.page_layout!],
      ['content_heading', c.content_heading!],
      ['content', c.content!],
    ]),
  })
  emit(unit, {
    kind: 'admin-cms-json',
    method: 'PUT',
    uri: `/rest/V1/cmsPage/${id}`,
    headers: api(unit, LUMA, '/admin/', { authorization: adminToken() }),
    body: JSON.stringify({ page: { id, identifier: c.identifier, title: c.title, content_heading: c.content_heading, content: c.content, active: true } }),
  })
}

// Addresses: a checkout's shipping step (street lines as typed, one a line), a one-field address form, and the
// address autocomplete called with the first line.
const COUNTRY: Record<string, string> = { 'en-JP': 'JP', 'ja-JP': 'JP', 'de-DE': 'DE', 'en-CN': 'CN', 'zh-CN': 'CN', 'ar-AE': 'AE', 'fr-FR': 'FR' }
const COUNTRY_OF_FILE = (file: string): string => /_([A-Z]{2})\.js$/.exec(file)![1]!
for (const a of read('catalog/ilib-addresses.ndjson').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { file: string; locale: string; text: string })) {
  const country = COUNTRY[a.locale] ?? COUNTRY_OF_FILE(a.file)
  const unit: Unit = { source: 'ilib-addresses', key: a.text, lang: a.locale.startsWith('en') ? 'en' : a.locale.slice(0, 2) }
  const street = a.text.split('\n').filter((l) => l.trim() !== '')
  const cart = alnum(32)
  emit(unit, {
    kind: 'checkout-json',
    method: 'POST',
    uri: `/rest/default/V1/guest-carts/${cart}/shipping-information`,
    headers: api(unit, LUMA, '/checkout/#shipping'),
    body: JSON.stringify({
      addressInformation: {
        shipping_address: { countryId: country, street, city: '', postcode: '', firstname: '', lastname: '', telephone: '' },
        shipping_carrier_code: 'flatrate',
        shipping_method_code: 'flatrate',
      },
    }),
  })
  emit(unit, {
    kind: 'address-form',
    method: 'POST',
    uri: '/customer/address/formPost/',
    headers: page(unit, LUMA, '/customer/address/new/', { 'content-type': 'application/x-www-form-urlencoded', origin: `https://${LUMA}`, cookie: storefrontCookie() }),
    body: formBody([
      ['form_key', alnum(16)],
      ['address', a.text],
      ['country_id', country],
      ['default_shipping', '1'],
    ]),
  })
  emit(unit, {
    kind: 'address-lookup',
    method: 'GET',
    uri: `/api/address/autocomplete?q=${encodeURIComponent(street[0]!.trim())}&country=${country}`,
    headers: api(unit, LUMA, '/checkout/#shipping'),
  })
}

for (const c of records(csv(read('catalog/magento-customer_profile.csv')))) {
  const unit: Unit = { source: 'magento-customers', key: `${c.firstname} ${c.lastname}`, lang: 'en' }
  const street = JSON.parse(c.street!) as string[]
  emit(unit, {
    kind: 'checkout-json',
    method: 'POST',
    uri: `/rest/default/V1/guest-carts/${alnum(32)}/shipping-information`,
    headers: api(unit, LUMA, '/checkout/#shipping'),
    body: JSON.stringify({
      addressInformation: {
        shipping_address: {
          countryId: c.country_id,
          region: c.region,
          street,
          city: c.city,
          postcode: c.postcode,
          firstname: c.firstname,
          lastname: c.lastname,
          telephone: c.telephone,
          email: c.email,
        },
        shipping_carrier_code: 'flatrate',
        shipping_method_code: 'flatrate',
      },
    }),
  })
  emit(unit, {
    kind: 'account-form',
    method: 'POST',
    uri: '/customer/account/createpost/',
    headers: page(unit, LUMA, '/customer/account/create/', { 'content-type': 'application/x-www-form-urlencoded', origin: `https://${LUMA}`, cookie: storefrontCookie() }),
    body: formBody([
      ['form_key', alnum(16)],
      ['firstname', c.firstname!],
      ['lastname', c.lastname!],
      ['email', c.email!],
      ['dob', c.dob!],
      ['gender', c.gender === 'Female' ? '2' : '1'],
      ['street[0]', street[0]!],
      ['street[1]', street[1]!],
      ['city', c.city!],
      ['region', c.region!],
      ['postcode', c.postcode!],
      ['telephone', c.telephone!],
      ['password', c.password!],
      ['password_confirmation', c.password!],
    ]),
  })
}

// Second batch: product attribute values of Shopify's open taxonomy, as a storefront filter link, a search and
// the metafield an admin integration sets.
const SHOP = 'store.example'
for (const line of read('catalog/shopify-attribute_values.txt').split('\n')) {
  const m = /^gid:\/\/shopify\/TaxonomyValue\/\d+ +: (.*) \[(.*)\]$/.exec(line)
  if (m === null) continue
  const [, value, attribute] = m as unknown as [string, string, string]
  const unit: Unit = { source: 'shopify-taxonomy', key: `${attribute}\n${value}`, lang: 'en' }
  const handle = slug(attribute).replaceAll('-', '_')
  emit(unit, {
    kind: 'filter-get',
    method: 'GET',
    uri: `/collections/all?${formBody([[`filter.p.m.custom.${handle}`, value], ['sort_by', 'best-selling']])}`,
    headers: page(unit, SHOP, '/collections/all', { cookie: `_shopify_y=${uuid()}; _shopify_s=${uuid()}; cart_currency=USD` }),
  })
  emit(unit, {
    kind: 'search-get',
    method: 'GET',
    uri: `/search?${formBody([['q', value], ['options[prefix]', 'last']])}`,
    headers: page(unit, SHOP, '/', { cookie: `_shopify_y=${uuid()}; _shopify_s=${uuid()}` }),
  })
  emit(unit, {
    kind: 'admin-metafield-json',
    method: 'POST',
    uri: '/admin/api/2024-10/graphql.json',
    headers: api(unit, SHOP, '/admin/products', { 'x-shopify-access-token': `shpat_${hex(32)}` }),
    body: JSON.stringify({
      query: 'mutation metafieldsSet($metafields: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $metafields) { userErrors { field message } } }',
      variables: { metafields: [{ ownerId: `gid://shopify/Product/${int(1000000, 9999999)}`, namespace: 'custom', key: handle, type: 'single_line_text_field', value }] },
    }),
  })
}

writeFileSync(new URL('./benign-catalog.ndjson', HERE), `${lines.join('\n')}\n`)
console.log(`${lines.length} requests`)
