/**
 * A benign corpus of the API traffic of a headless shop, which the six benign sets before it
 * model only in passing: GraphQL storefront queries and mutations as Hydrogen, Apollo, urql
 * and Relay clients send them (long documents with fragments, variables, directives,
 * `@inContext`, `#` comments written with apostrophes, aliases, Apollo batches, persisted
 * queries over GET, introspection from the shop's own tooling on staging), admin GraphQL and
 * REST calls of integrations (product updates with rich HTML, bulk operations with a document
 * inside a block string, inventory syncs, search syntax with quotes), product and CMS JSON
 * (HTML descriptions with tables, iframes and inline styles, Markdown with code fences, Portable
 * Text), search with filter DSLs (Algolia, Elasticsearch `query_string`, Typesense,
 * Meilisearch, Shopify search syntax, Parse Server and Directus JSON `where`), addresses and
 * names with apostrophes (O'Brien, L'Oréal, 's-Hertogenbosch), checkout payloads with
 * delivery notes, payment-provider webhooks with URLs and signatures (Stripe, PayPal, Adyen,
 * Mollie, Klarna, Shopify), analytics and event beacons (Segment, Snowplow base64 contexts,
 * PostHog and Mixpanel `$`-prefixed properties, Meta CAPI), JWTs and base64 blobs, product
 * imports with SKUs that read like SQL, translation files (ICU plurals, `<0>…</0>`, `{{name}}`,
 * `%s`), notification templates in Liquid, webhook registrations, JSON:API and OData calls.
 * Written from the public API formats before the engine was run on it; nothing here was chosen
 * or dropped by the verdict it gets. Attack-free.
 * Each request has a `kind` and a `variant`; `holdout` is set for 30 % of kind|variant shapes
 * by FNV-1a.
 * Run: npx tsx bench/waf/corpora/generate-benign-api.ts  (writes benign-api.ndjson)
 * @module
 */
import { writeFileSync } from 'node:fs'
import type { WafRequest } from '../../../packages/core/src/waf/index.ts'
import { b64url, browserUserAgents, fnv1a, form, seededText } from './seeded-text.ts'

const SEED = 14052026
const COUNT = 2200
const { rand, pick, int, hex, alnum, uuid, drawWeighted } = seededText(SEED)
const UAS = browserUserAgents()
const HOST = 'shop.example'
const ORIGIN = `https://${HOST}`
const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64')
const enc = encodeURIComponent
const now = (): number => 1750000000 + int(0, 20000000)
const iso = (): string => new Date(now() * 1000).toISOString()
/** Milliseconds of a seeded time: beacons stamp their sends so, and the file must not change between runs. */
const nowMs = (): number => now() * 1000 + int(0, 999)
const gid = (type: string): string => `gid://shopify/${type}/${int(1e9, 9e12)}`
const jwt = (payload: Record<string, unknown>, alg = 'RS256'): string => `${b64url(JSON.stringify({ alg, typ: 'JWT', kid: alnum(10) }))}.${b64url(JSON.stringify(payload))}.${alnum(alg.startsWith('HS') ? 43 : 342)}`

export interface BenignApi extends WafRequest {
  id: string
  kind: string
  /** The template within the kind: with the kind, the unit the hold-out is drawn from. */
  variant: string
  holdout: boolean
}
const out: BenignApi[] = []
function add(kind: string, variant: string, req: WafRequest): void {
  out.push({ id: `api-benign-${String(out.length).padStart(4, '0')}`, kind, variant, holdout: fnv1a(`${kind}|${variant}`) % 10 < 3, ...req })
}
/** Picks one of named templates and reports its name as the variant. */
function variantOf<T>(options: Record<string, () => T>): [string, T] {
  const name = pick(Object.keys(options))
  return [name, options[name]!()]
}

// --- People and things ------------------------------------------------------------------------

const NAMES = [["Siobhán", "O'Brien"], ['Jean-Luc', "D'Arcy"], ['Zoë', "O'Neill-Ångström"], ['Ahmet', 'Yılmaz'], ['Mary', "McDonald's"], ['Ngozi', "Okafor-D'Souza"], ['Pieter', 'van der Berg'], ['Chloé', "L'Héritier"], ['José María', 'Núñez'], ['Łukasz', 'Wąsowski'], ['花子', '山田'], ['Robert', "O'Reilly; Jr."], ['Anne-Marie', "d'Alembert"], ['Tom', 'Select'], ['Dee', 'Union'], ['Will', 'Drop'], ['Ann', 'Null']]
const COMPANIES = ["L'Oréal Paris", 'AT&T Business', 'Marks & Spencer', "Macy's Inc.", 'Procter & Gamble', 'Müller GmbH & Co. KG', "Sainsbury's", 'Johnson & Johnson', "'t Hooft B.V.", 'Select Comfort', 'Union Pacific', 'Order-By-Mail Ltd']
const CITIES = [["'s-Hertogenbosch", 'NL', '5211 AA'], ["L'Aquila", 'IT', '67100'], ['Kraków', 'PL', '31-000'], ["Val-d'Or", 'CA', 'J9P 1A1'], ['Saint-Jean-de-Luz', 'FR', '64500'], ["Coeur d'Alene", 'US', '83814'], ['Dún Laoghaire', 'IE', 'A96 K2X3'], ['München', 'DE', '80331'], ['Llanfairpwllgwyngyll', 'GB', 'LL61 5UJ'], ['İstanbul', 'TR', '34000'], ["'s-Gravenhage", 'NL', '2511 AA']]
const STREETS = ["12 O'Connell St", "Rue de l'Église 4", 'Flat 3/2, 14 Sauchiehall St', 'Hauptstr. 5 (Hinterhaus)', "Via dell'Orso 2/A", 'Unit 4 -- rear entrance', 'PO Box #12; Dept. 7', '1/2 Main St. "Rear"', "St. John's Wood Rd 1", 'Apt. 5B; buzz #5 & wait', '100 N. Main St. (Suite 200)', 'Calle 7 nº 3, 2º-1ª', "Kingsman's Yard, Unit 1 & 2"]
const NOTES = [
  "Please don't ring the bell -- baby sleeping; leave with neighbour @ #12",
  'Leave at back door (code: 4#21*). Thanks!',
  "It's a gift -- no prices on the slip please :)",
  'Deliver after 5pm; gate code 1=1234 then #',
  'If not home, leave in the "safe place" (blue bin)',
  'Call me on +44 (0)20 7946 0958 or 07700 900123',
  "Select the 10\" box, not the 12\"; order #1001 & #1002 combined",
  'Wrap separately & add card: "Happy 40th, love M & D <3"',
  'drop off @ reception / 3rd floor -- ask for Sam',
  'Customer says: "where\'s my order??" -- resend tracking',
  'Any time or day is ok; or leave w/ the shop next door',
  "Gift for my mum's 60th -- please use the 'Birthday' wrap",
]
const GIFT = ['To Mum & Dad, love always xx', 'Happy Birthday! <3', "You're the best -- Sam", 'Merry Xmas & a Happy New Year!!', 'For O\'Brien: "Sláinte!"', '¡Feliz cumpleaños! 🎂', 'Love you 3000 ;)', '1 + 1 = 3 :) congrats on the baby', 'Order of the day: cake & wine']
const PRODUCTS = ["Men's 511™ Slim Jeans 32\" × 32\"", 'Union Jack Mug -- 350 ml', "L'Oréal Revitalift Serum 30ml", 'Select Fit Chinos (Navy)', 'Drop-Shoulder Tee "Hello World"', 'Table & Chair Set -- Oak', "Kids' Rain Boots (Size 10-13)", "O'Neill Hoodie | Blue", 'Exec Chair 2.0 <Ergo>', 'Sleep Mask 2-Pack', 'Where\'s Wally? Book', '1/2" Drive Socket Set', 'Script Font Poster 18"×24"', 'Null & Void Vinyl LP', 'Order-Up Kitchen Timer']
/** SKUs, handles and codes the way catalogues write them, some of them SQL and shell words. */
const SKUS = ['SEL-ECT-001', 'UNION-JACK-M', 'DROP-SHLDR-TEE-L', 'OR-1-BLK', 'AND1-SNEAKER-42', 'TABLE-OAK-120', 'DELETE-KEY-CAP', 'EXEC-CHAIR-01', 'SLEEP-MASK-2PK', 'WAITFOR-ME-CD', 'CAT-TOY-03', 'ECHO-DOT-5', 'KILL-BILL-DVD', 'SET-OF-2', 'UPDATE-KIT-V2', 'NULL-VOID-LP', 'CHAR-BROIL-3', 'SUM41-VINYL', 'WHERE-WALLY', 'INSERT-CARD-9', 'CONCAT-RING-S', 'IF-THEN-TEE', 'BENCH-MARK-1', 'ORDER-BY-MAIL', "O'NEILL-HD-BLU", 'LOREAL-SER-30', 'AT&T-SIM-5G', 'SKU#4451/B', '12"-VINYL-BLK', 'PIPE-1/2"-BSP']
const handle = (): string => pick(['select-fit-chinos', 'union-jack-mug', 'drop-shoulder-tee', 'or-1-black', 'exec-chair-2-0', 'sleep-mask-2-pack', 'null-void-vinyl', "o-neill-hoodie", 'loreal-revitalift', 'table-chair-set-oak'])
const email = (first = 'jane', last = 'doe'): string => `${first.toLowerCase().replace(/[^a-z]/g, '')}.${last.toLowerCase().replace(/[^a-z']/g, '')}${pick(['', '+shop', '+orders'])}@${pick(['example.com', 'example.ie', 'example.fr', 'mail.example'])}`
const person = (): { first: string; last: string; email: string } => {
  const [first, last] = pick(NAMES)
  return { first: first!, last: last!, email: email(first, last) }
}
const address = (): Record<string, string> => {
  const p = person()
  const [city, country, zip] = pick(CITIES)
  return { firstName: p.first, lastName: p.last, company: rand() < 0.3 ? pick(COMPANIES) : '', address1: pick(STREETS), address2: rand() < 0.3 ? pick(['c/o Reception', "Apt #4; ring O'Brien", '3rd floor, left', 'Bldg. B -- Dock 2']) : '', city: city!, zip: zip!, countryCode: country!, phone: pick(['+44 (0)20 7946 0958', '+1 (555) 010-4477 x12', '+33 1 23 45 67 89', '+49 30 1234567', '+31 6 12345678']) }
}

function headers(kind: 'gql' | 'json' | 'get' | 'server', extra: Record<string, string> = {}): Record<string, string> {
  const h: Record<string, string> = { host: HOST, 'accept-encoding': 'gzip, deflate, br' }
  if (kind === 'server') h['user-agent'] = pick(['Shopify-Captain-Hook', 'Stripe/1.0 (+https://stripe.com/docs/webhooks)', 'PayPal/AUHD-214.0-58843329', 'Adyen HttpClient 1.0', 'Mollie/1.0', 'node-fetch/1.0 (+https://github.com/bitinn/node-fetch)', 'axios/1.7.2', 'Go-http-client/2.0', 'python-requests/2.32.3', 'Apache-HttpClient/5.2.1 (Java/17.0.10)', 'Zapier', 'Make/production'])
  else {
    h['user-agent'] = pick(UAS)
    h.accept = kind === 'gql' ? pick(['application/json', 'application/graphql-response+json, application/json;q=0.9', '*/*']) : 'application/json, text/plain, */*'
    h['accept-language'] = pick(['en-GB,en;q=0.9', 'fr-FR,fr;q=0.9,en;q=0.8', 'nl-NL,nl;q=0.9', 'de-DE,de;q=0.9,en-US;q=0.7', 'tr-TR,tr;q=0.9'])
    h.origin = ORIGIN
    h.referer = `${ORIGIN}/${pick(['', 'products/' + handle(), 'collections/sale', 'cart', 'account', 'search?q=' + enc(pick(PRODUCTS))])}`
    h['sec-fetch-site'] = 'same-origin'
    h['sec-fetch-mode'] = 'cors'
    if (rand() < 0.5) h.cookie = `_shopify_y=${uuid()}; _ga=GA1.1.${int(1e8, 9e8)}.${now()}; cart=${hex(32)}%3Fkey%3D${hex(32)}`
  }
  if (kind !== 'get') h['content-type'] = 'application/json'
  return { ...h, ...extra }
}
const gqlPost = (uri: string, doc: Record<string, unknown>, extra: Record<string, string> = {}): WafRequest => ({ method: 'POST', uri, headers: headers('gql', extra), body: JSON.stringify(doc) })
const STOREFRONT = ['/api/2024-07/graphql.json', '/api/unstable/graphql.json', '/graphql', '/api/graphql']

// --- GraphQL storefront -----------------------------------------------------------------------

const PRODUCT_FRAGMENTS = `fragment Money on MoneyV2 {
  amount
  currencyCode
}
fragment ProductCard on Product {
  id
  title
  handle
  vendor
  # don't request descriptionHtml here: it's heavy and the card doesn't show it
  featuredImage { url(transform: { maxWidth: 600, preferredContentType: WEBP }) altText width height }
  priceRange { minVariantPrice { ...Money } maxVariantPrice { ...Money } }
  compareAtPriceRange { minVariantPrice { ...Money } }
  options(first: 3) { name optionValues { name swatch { color } } }
}`
const productQuery = (): [string, Record<string, unknown>] => [
  `#import "./fragments.graphql"
query ProductPage($handle: String!, $country: CountryCode, $language: LanguageCode, $selectedOptions: [SelectedOptionInput!]!, $withReviews: Boolean = false)
@inContext(country: $country, language: $language) {
  product(handle: $handle) {
    ...ProductCard
    descriptionHtml
    seo { title description }
    selectedVariant: variantBySelectedOptions(selectedOptions: $selectedOptions, ignoreUnknownOptions: true, caseInsensitiveMatch: true) {
      id availableForSale sku
      price { ...Money }
      # "unitPrice" is only set for EU shops (e.g. €/100 ml)
      unitPrice { ...Money }
    }
    reviews: metafield(namespace: "reviews", key: "rating") @include(if: $withReviews) { value type }
    care: metafield(namespace: "custom", key: "care_instructions") { value }
    variants(first: 250) { nodes { id title sku availableForSale selectedOptions { name value } } }
  }
  shop { name primaryDomain { url } }
}
${PRODUCT_FRAGMENTS}`,
  { handle: handle(), country: pick(['GB', 'NL', 'FR', 'US', 'DE']), language: pick(['EN', 'NL', 'FR', 'DE']), selectedOptions: [{ name: 'Size', value: pick(['32" x 32"', 'M', "10-13 (kids')", '42 EU']) }, { name: 'Color', value: pick(['Navy', 'Dark "Indigo"', 'Rock & Roll Red']) }], withReviews: rand() < 0.5 },
]
function storefrontGraphql(): void {
  const [variant, [query, variables, op]] = variantOf<[string, Record<string, unknown> | undefined, string]>({
    product: () => {
      const [q, v] = productQuery()
      return [q, v, 'ProductPage']
    },
    search: () => [
      `query Search($query: String!, $first: Int!, $after: String, $filters: [ProductFilter!], $sortKey: SearchSortKeys = RELEVANCE, $reverse: Boolean) {
  search(query: $query, first: $first, after: $after, productFilters: $filters, sortKey: $sortKey, reverse: $reverse, types: [PRODUCT], unavailableProducts: LAST) {
    totalCount
    productFilters { id label type values { id label count input } }
    edges { cursor node { ... on Product { ...ProductCard } } }
  }
}
${PRODUCT_FRAGMENTS}`,
      { query: pick(["O'Brien tweed cap", "L'Oréal serum", 'select fit chinos', 'union jack', "kids' boots -wellies", '"drop shoulder" tee', 'exec chair OR desk chair', 'sleep mask 2 pack', '1/2" socket', 'rock & roll']), first: 24, after: rand() < 0.3 ? b64(JSON.stringify({ last_id: int(1, 1e6), last_value: int(1, 1e6) })) : null, filters: [{ price: { min: int(0, 20), max: int(50, 200) } }, { productVendor: pick(["L'Oréal Paris", "O'Neill", 'Marks & Spencer']) }, { variantOption: { name: 'Size', value: pick(['32" x 32"', "Men's 10"]) } }], reverse: rand() < 0.5 },
      'Search',
    ],
    collection: () => [
      `query Collection($handle: String!, $first: Int = 48, $filters: [ProductFilter!] = [], $sortKey: ProductCollectionSortKeys = BEST_SELLING) {
  # sale collection: the theme's "sort by" maps to sortKey + reverse
  collection(handle: $handle) {
    id title description
    products(first: $first, filters: $filters, sortKey: $sortKey) {
      filters { id label values { id label count input } }
      nodes { ...ProductCard }
      pageInfo { hasNextPage endCursor }
    }
  }
}
${PRODUCT_FRAGMENTS}`,
      { handle: pick(['sale', 'mens-jeans', 'gifts-under-50', "mother's-day", 'new-in']), filters: [{ productMetafield: { namespace: 'custom', key: 'material', value: pick(['100% cotton', 'wool & cashmere', "lamb's wool"]) } }, { available: true }], sortKey: pick(['PRICE', 'CREATED', 'BEST_SELLING']) },
      'Collection',
    ],
    'inline-args': () => [
      `{
  products(first: 12, query: "vendor:'L\\'Oréal' AND product_type:Serum AND -tag:draft", sortKey: PRICE, reverse: true) {
    edges { node { id title handle tags priceRange { minVariantPrice { amount } } } }
  }
  menu(handle: "main-menu") { items { title url items { title url } } }
}`,
      undefined,
      'anonymous',
    ],
    'aliases': () => [
      `query Images($handle: String!) {
  product(handle: $handle) {
    small: featuredImage { url(transform: { maxWidth: 160 }) }
    medium: featuredImage { url(transform: { maxWidth: 600 }) }
    large: featuredImage { url(transform: { maxWidth: 1600, crop: CENTER }) }
    sizeChart: metafield(namespace: "custom", key: "size_chart") { reference { ... on MediaImage { image { url } } } }
    related: collections(first: 3) { nodes { handle title } }
  }
}`,
      { handle: handle() },
      'Images',
    ],
    predictive: () => [
      `query predictiveSearch($query: String!, $limit: Int = 10, $types: [PredictiveSearchType!] = [PRODUCT, COLLECTION, QUERY], $unavailable: PredictiveSearchUnavailableProducts = LAST) {
  predictiveSearch(query: $query, limit: $limit, types: $types, unavailableProducts: $unavailable, searchableFields: [TITLE, PRODUCT_TYPE, VARIANTS_SKU, VENDOR]) {
    queries { text styledText }
    products { id title handle }
    collections { id title }
  }
}`,
      { query: pick(["o'b", "l'or", 'sel', 'union j', "kids' r", '5\'10"', 'exec ch', 'drop sh', 'or-1', "'s-her"]) },
      'predictiveSearch',
    ],
  })
  const body: Record<string, unknown> = { query }
  if (variables !== undefined) body.variables = variables
  if (op !== 'anonymous') body.operationName = op
  add('storefront-graphql', variant, gqlPost(pick(STOREFRONT), body, { 'x-shopify-storefront-access-token': hex(32), ...(rand() < 0.5 ? { 'x-sdk-variant': 'hydrogen-react', 'x-sdk-version': '2024.7.1' } : {}) }))
}

function cartMutations(): void {
  const line = () => ({ merchandiseId: gid('ProductVariant'), quantity: int(1, 3), attributes: [{ key: '_engraving', value: pick(GIFT) }, { key: 'Gift wrap', value: pick(['yes', "Mum's birthday", 'no -- thanks']) }, ...(rand() < 0.4 ? [{ key: '_source', value: 'PDP "quick add"' }] : [])] })
  const [variant, [query, variables]] = variantOf<[string, Record<string, unknown>]>({
    'lines-add': () => [`mutation cartLinesAdd($cartId: ID!, $lines: [CartLineInput!]!) {
  cartLinesAdd(cartId: $cartId, lines: $lines) {
    cart { id totalQuantity cost { totalAmount { amount currencyCode } } lines(first: 100) { nodes { id quantity attributes { key value } } } }
    userErrors { field message code }
    warnings { code message target }
  }
}`, { cartId: `${gid('Cart')}?key=${hex(32)}`, lines: [line()] }],
    'note-update': () => [`mutation cartNoteUpdate($cartId: ID!, $note: String!) { cartNoteUpdate(cartId: $cartId, note: $note) { cart { id note } userErrors { field message } } }`, { cartId: `${gid('Cart')}?key=${hex(32)}`, note: pick(NOTES) }],
    'attributes-update': () => [`mutation cartAttributesUpdate($attributes: [AttributeInput!]!, $cartId: ID!) { cartAttributesUpdate(attributes: $attributes, cartId: $cartId) { cart { id attributes { key value } } userErrors { message } } }`, { cartId: `${gid('Cart')}?key=${hex(32)}`, attributes: [{ key: 'How did you hear about us?', value: pick(["A friend's post", 'Google -- searched "select fit chinos"', 'TikTok / Instagram', 'Other: my O\'Brien cousins']) }, { key: 'Delivery date', value: '2025-12-24' }] }],
    'buyer-identity': () => [`mutation cartBuyerIdentityUpdate($cartId: ID!, $buyerIdentity: CartBuyerIdentityInput!) {
  cartBuyerIdentityUpdate(cartId: $cartId, buyerIdentity: $buyerIdentity) {
    cart { id buyerIdentity { email countryCode deliveryAddressPreferences { ... on MailingAddress { address1 city } } } }
    userErrors { field message }
  }
}`, { cartId: `${gid('Cart')}?key=${hex(32)}`, buyerIdentity: { email: person().email, countryCode: 'NL', deliveryAddressPreferences: [{ deliveryAddress: address() }] } }],
    'discount-codes': () => [`mutation cartDiscountCodesUpdate($cartId: ID!, $discountCodes: [String!]) { cartDiscountCodesUpdate(cartId: $cartId, discountCodes: $discountCodes) { cart { discountCodes { code applicable } } } }`, { cartId: gid('Cart'), discountCodes: [pick(['SUMMER-24', 'WELCOME10', 'OR-20-OFF', 'FRIENDS&FAMILY', "MUM'S-DAY", 'SAVE--15', 'BFCM_2025', 'UNION10'])] }],
  })
  add('cart-graphql', variant, gqlPost(pick(STOREFRONT), { query, variables, operationName: query.match(/mutation (\w+)/)![1] }))
}

function customerGraphql(): void {
  const p = person()
  const [variant, [query, variables]] = variantOf<[string, Record<string, unknown>]>({
    'address-create': () => [`mutation customerAddressCreate($customerAccessToken: String!, $address: MailingAddressInput!) {
  customerAddressCreate(customerAccessToken: $customerAccessToken, address: $address) {
    customerAddress { id formatted(withName: true, withCompany: true) }
    customerUserErrors { code field message }
  }
}`, { customerAccessToken: hex(32), address: address() }],
    'customer-create': () => [`mutation customerCreate($input: CustomerCreateInput!) { customerCreate(input: $input) { customer { id email } customerUserErrors { code field message } } }`, { input: { firstName: p.first, lastName: p.last, email: p.email, password: pick(["C0rrect-Horse'Battery", 'p@ss--w0rd;2025', 'Tr0ub4dor&3 OR 1', '"quoted"pass#1', `${alnum(12)}!#%`, 'my dog\'s name=Rex1']), acceptsMarketing: rand() < 0.5 } }],
    'token-create': () => [`mutation customerAccessTokenCreate($input: CustomerAccessTokenCreateInput!) { customerAccessTokenCreate(input: $input) { customerAccessToken { accessToken expiresAt } customerUserErrors { code message } } }`, { input: { email: p.email, password: pick(["Siobhan'sPass1", 'hunter2 -- really', `${alnum(16)}`, 'x" or "y', 'S3lect*From!', 'a&b|c;d$e']) } }],
    'orders': () => [`query CustomerOrders($customerAccessToken: String!, $first: Int = 20, $query: String) {
  customer(customerAccessToken: $customerAccessToken) {
    firstName lastName email
    orders(first: $first, query: $query, sortKey: PROCESSED_AT, reverse: true) {
      nodes { id name processedAt financialStatus fulfillmentStatus totalPrice { amount currencyCode } lineItems(first: 5) { nodes { title quantity } } }
    }
  }
}`, { customerAccessToken: hex(32), query: pick([null, "financial_status:paid AND created_at:>'2025-01-01'", 'name:#1001 OR name:#1002', "fulfillment_status:unshipped -tag:'gift'"]) }],
  })
  add('customer-graphql', variant, gqlPost(pick(STOREFRONT), { query, variables }))
}

/** The shop's own tooling on staging: GraphiQL, Apollo Studio, codegen. */
function introspection(): void {
  const full = `query IntrospectionQuery {
  __schema {
    queryType { name }
    mutationType { name }
    subscriptionType { name }
    types { ...FullType }
    directives { name description locations args { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description
  fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }`
  const [variant, query] = variantOf({ full: () => full, typename: () => `query { __typename shop { name } }`, type: () => `{ __type(name: "Product") { name fields { name type { name kind ofType { name } } } } }` })
  const tool = pick<Record<string, string>>([{ 'apollographql-client-name': 'apollo-studio', 'apollographql-client-version': '2.0.0' }, { 'x-client': 'graphql-codegen' }, { 'x-graphiql': '1' }])
  add('graphql-introspection', variant, { ...gqlPost(pick(['/graphql', '/api/2024-07/graphql.json']), { query, operationName: variant === 'full' ? 'IntrospectionQuery' : undefined }, tool), headers: { ...headers('gql', tool), host: `staging.${HOST}`, origin: `https://staging.${HOST}` } })
}

/** Persisted queries over GET (Apollo APQ, Relay) and GraphQL GET for CDN caching. */
function graphqlGet(): void {
  const [variant, uri] = variantOf({
    apq: () => `/graphql?operationName=ProductPage&variables=${enc(JSON.stringify({ handle: handle(), country: 'GB', selectedOptions: [{ name: 'Size', value: '32" x 32"' }] }))}&extensions=${enc(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hex(64) } }))}`,
    relay: () => `/graphql?doc_id=${int(1e15, 9e15)}&variables=${enc(JSON.stringify({ first: 24, query: pick(["o'brien", 'select & save', 'kids\' boots']), after: null }))}`,
    'query-get': () => `/api/2024-07/graphql.json?query=${enc(`query Menu($handle: String!) { menu(handle: $handle) { items { title url items { title url } } } } # cached by the CDN`)}&variables=${enc(JSON.stringify({ handle: 'footer' }))}`,
  })
  add('graphql-get', variant, { method: 'GET', uri, headers: headers('get', { 'apollo-require-preflight': 'true' }) })
}

/** Apollo BatchHttpLink and urql batches: arrays of operations in one POST. */
function graphqlBatch(): void {
  const [q1, v1] = productQuery()
  const docs = [
    { operationName: 'ProductPage', query: q1, variables: v1 },
    { operationName: 'Recommendations', query: 'query Recommendations($productId: ID!, $intent: ProductRecommendationIntent = RELATED) { productRecommendations(productId: $productId, intent: $intent) { id title handle } }', variables: { productId: gid('Product') } },
    { operationName: 'Cart', query: 'query Cart($id: ID!) { cart(id: $id) { id checkoutUrl totalQuantity note attributes { key value } } }', variables: { id: `${gid('Cart')}?key=${hex(32)}` } },
  ].slice(0, int(2, 3))
  add('graphql-batch', 'apollo-batch', gqlPost('/graphql', docs as unknown as Record<string, unknown>))
}

// --- Admin API of integrations ----------------------------------------------------------------

const RICH_HTML = (): string => pick([
  `<h2>Why you'll love it</h2><ul><li>100% organic cotton &amp; 5% elastane</li><li>Fits "true to size" -- see chart</li><li>Machine wash 30°C; don't tumble dry</li></ul><table class="size-chart" style="width:100%;border-collapse:collapse"><thead><tr><th>Size</th><th>Waist (")</th><th>Inseam (")</th></tr></thead><tbody><tr><td>30</td><td>30"</td><td>32"</td></tr><tr><td>32</td><td>32"</td><td>32"</td></tr></tbody></table>`,
  `<p>Watch how it's made:</p><div class="video-wrapper" style="position:relative;padding-bottom:56.25%"><iframe src="https://www.youtube.com/embed/${alnum(11)}?rel=0&amp;modestbranding=1" title="YouTube video player" frameborder="0" allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture" allowfullscreen style="position:absolute;top:0;left:0;width:100%;height:100%"></iframe></div>`,
  `<p><img src="https://cdn.shopify.com/s/files/1/0${int(100, 999)}/${int(1000, 9999)}/files/${alnum(8)}.jpg?v=${now()}" alt="O'Brien wearing the cap" width="800" height="600" loading="lazy"></p><p>Select your size &gt; add to cart &gt; done. <a href="/pages/size-guide" target="_blank" rel="noopener">Size guide</a></p>`,
  `<p data-mce-fragment="1"><strong>L'Oréal</strong> Revitalift -- 30 ml.</p><p data-mce-fragment="1">Apply 1-2 drops; avoid eyes. <em>Not for children under 3.</em></p><!-- imported from PIM 2025-03-01 -->`,
  `<div class="tabs"><input type="radio" id="tab-1" name="tabs" checked><label for="tab-1">Details</label><div class="tab-content"><p>Dimensions: 120 × 80 cm (47" × 31")</p></div><input type="radio" id="tab-2" name="tabs"><label for="tab-2">Shipping &amp; returns</label><div class="tab-content"><p>Free over £50; returns within 30 days.</p></div></div>`,
  `<p>Tip: pair with the <a href="https://shop.example/products/union-jack-mug?variant=${int(1e13, 9e13)}&amp;utm_source=pdp">Union Jack mug</a> &amp; our <code>SLEEP-MASK-2PK</code>.</p><blockquote><p>"Best chair I've owned" -- J. O'Reilly</p></blockquote>`,
])
function adminProduct(): void {
  const p = pick(PRODUCTS)
  const [variant, req] = variantOf<WafRequest>({
    'graphql-product-update': () => gqlPost('/admin/api/2024-04/graphql.json', {
      query: `mutation productUpdate($input: ProductInput!) {
  productUpdate(input: $input) {
    product { id title handle descriptionHtml tags metafields(first: 5) { nodes { namespace key value } } }
    userErrors { field message }
  }
}`,
      variables: { input: { id: gid('Product'), title: p, descriptionHtml: RICH_HTML(), tags: ['sale', "men's", '50% off', 'select-fit'], seo: { title: `${p} | Shop`, description: `Buy ${p} -- free returns.` }, metafields: [{ namespace: 'custom', key: 'specs', type: 'json', value: JSON.stringify({ material: '100% cotton', fit: 'select', care: ["don't bleach", 'wash < 30°C'] }) }, { namespace: 'custom', key: 'care', type: 'multi_line_text_field', value: "Wash inside out.\nDon't tumble dry -- hang to dry." }] } },
    }, { 'x-shopify-access-token': `shpat_${hex(32)}`, 'user-agent': pick(['Shopify Admin API Client', 'PIM-Connector/3.2 (+https://pim.example)', 'Matrixify/5.1']) }),
    'rest-product-put': () => ({ method: 'PUT', uri: `/admin/api/2024-04/products/${int(1e12, 9e12)}.json`, headers: headers('server', { 'content-type': 'application/json', 'x-shopify-access-token': `shpat_${hex(32)}` }), body: JSON.stringify({ product: { id: int(1e12, 9e12), title: p, body_html: RICH_HTML(), vendor: pick(COMPANIES), product_type: 'Apparel', tags: "sale, men's, select-fit, 50% off", variants: Array.from({ length: int(1, 4) }, () => ({ sku: pick(SKUS), price: `${int(5, 200)}.00`, option1: pick(['32" x 32"', 'S', 'M', "10-13 (kids')"]), barcode: String(int(1e11, 9e11)), inventory_management: 'shopify' })) } }) }),
    'bulk-operation': () => gqlPost('/admin/api/2024-04/graphql.json', {
      query: `mutation {
  bulkOperationRunQuery(
    query: """
    {
      products(query: "updated_at:>'2025-01-01' AND status:active") {
        edges {
          node {
            id
            title
            # variants are fetched as children of the product
            variants { edges { node { id sku inventoryQuantity } } }
          }
        }
      }
    }
    """
  ) {
    bulkOperation { id status }
    userErrors { field message }
  }
}`,
    }, { 'x-shopify-access-token': `shpat_${hex(32)}`, 'user-agent': 'ERP-Sync/2.4' }),
    'inventory-set': () => ({ method: 'POST', uri: '/admin/api/2024-04/inventory_levels/set.json', headers: headers('server', { 'content-type': 'application/json', 'x-shopify-access-token': `shpat_${hex(32)}` }), body: JSON.stringify({ location_id: int(1e10, 9e10), inventory_item_id: int(1e10, 9e10), available: int(0, 500) }) }),
    'rest-search': () => ({ method: 'GET', uri: `/admin/api/2024-04/${pick(['orders', 'customers', 'products'])}.json?${form([['status', 'any'], ['fields', 'id,name,email,total_price,note,tags'], ['updated_at_min', '2025-01-01T00:00:00-05:00'], ['query', pick(["email:o'brien@example.ie", "company:'L\\'Oréal Paris'", "tag:'wholesale' AND -tag:draft", 'country:NL OR country:BE', "last_name:O'Neill-Ångström"])], ['limit', '250'], ['since_id', String(int(1e12, 9e12))]])}`, headers: headers('server', { 'x-shopify-access-token': `shpat_${hex(32)}` }) }),
    'metafield-json': () => gqlPost('/admin/api/2024-04/graphql.json', { query: 'mutation metafieldsSet($metafields: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $metafields) { metafields { key value } userErrors { field message } } }', variables: { metafields: [{ ownerId: gid('Product'), namespace: 'custom', key: 'faq', type: 'json', value: JSON.stringify([{ q: "What's the return policy?", a: 'Return within 30 days -- see <a href="/policies/refund-policy">policy</a>.' }, { q: 'Is it "true to size"?', a: "Yes; if between sizes, select the larger one." }]) }] } }, { 'x-shopify-access-token': `shpat_${hex(32)}` }),
  })
  add('admin-product', variant, req)
}

/** Notification and e-mail templates edited through the admin API (Liquid). */
function liquidTemplate(): void {
  const [variant, tpl] = variantOf({
    'order-confirmation': () => `{% capture email_title %}Thank you for your purchase!{% endcapture %}\n<p>Hi {{ customer.first_name | default: "there" }},</p>\n{% for line in subtotal_line_items %}\n  <tr><td>{{ line.title | escape }}{% if line.variant.title != 'Default Title' %} -- {{ line.variant.title }}{% endif %}</td><td>× {{ line.quantity }}</td><td>{{ line.final_line_price | money }}</td></tr>\n{% endfor %}\n{% if order.note != blank %}<p>Your note: "{{ order.note | escape }}"</p>{% endif %}`,
    'shipping-update': () => `{% assign tracking = fulfillment.tracking_numbers | first %}\n<p>Good news, {{ customer.first_name }}! Your order {{ order.name }} is on its way.</p>\n{% unless tracking == blank %}<a href="{{ fulfillment.tracking_urls | first }}">Track #{{ tracking }}</a>{% endunless %}\n{%- comment -%} don't show the ETA for pickup orders {%- endcomment -%}`,
    'product-section': () => `{%- liquid\n  assign sale = false\n  if product.compare_at_price > product.price\n    assign sale = true\n  endif\n-%}\n<div class="price{% if sale %} price--sale{% endif %}">{{ product.price | money_with_currency }}</div>\n{% render 'product-card', product: product, show_vendor: true %}`,
  })
  add('admin-template', variant, { method: 'PUT', uri: `/admin/api/2024-04/themes/${int(1e11, 9e11)}/assets.json`, headers: headers('server', { 'content-type': 'application/json', 'x-shopify-access-token': `shpat_${hex(32)}` }), body: JSON.stringify({ asset: { key: `templates/${variant}.liquid`, value: tpl } }) })
}

/** Integrations registering their webhooks, with real callback URLs. */
function webhookRegistration(): void {
  const url = pick([`https://hooks.zapier.com/hooks/catch/${int(1e6, 9e6)}/${alnum(6).toLowerCase()}/`, `https://erp.acme-corp.example:8443/shopify/orders?token=${hex(24)}`, `https://a.klaviyo.com/api/webhook/shopify/${alnum(6)}`, `https://hook.eu1.make.com/${alnum(32).toLowerCase()}`, `https://${alnum(8).toLowerCase()}.execute-api.eu-west-1.amazonaws.com/prod/webhooks/orders`, `https://app.example-3pl.com/api/v2/webhooks/shopify?shop=${HOST}&sig=${hex(16)}`])
  const [variant, req] = variantOf<WafRequest>({
    graphql: () => gqlPost('/admin/api/2024-04/graphql.json', { query: `mutation webhookSubscriptionCreate($topic: WebhookSubscriptionTopic!, $webhookSubscription: WebhookSubscriptionInput!) {\n  webhookSubscriptionCreate(topic: $topic, webhookSubscription: $webhookSubscription) {\n    webhookSubscription { id topic endpoint { __typename ... on WebhookHttpEndpoint { callbackUrl } } }\n    userErrors { field message }\n  }\n}`, variables: { topic: pick(['ORDERS_CREATE', 'PRODUCTS_UPDATE', 'APP_UNINSTALLED']), webhookSubscription: { callbackUrl: url, format: 'JSON', includeFields: ['id', 'note', 'line_items'] } } }, { 'x-shopify-access-token': `shpat_${hex(32)}` }),
    rest: () => ({ method: 'POST', uri: '/admin/api/2024-04/webhooks.json', headers: headers('server', { 'content-type': 'application/json', 'x-shopify-access-token': `shpat_${hex(32)}` }), body: JSON.stringify({ webhook: { topic: 'orders/create', address: url, format: 'json', fields: ['id', 'note', 'email'] } }) }),
    'media-import': () => gqlPost('/admin/api/2024-04/graphql.json', { query: 'mutation productCreateMedia($media: [CreateMediaInput!]!, $productId: ID!) { productCreateMedia(media: $media, productId: $productId) { media { alt status } mediaUserErrors { field message } } }', variables: { productId: gid('Product'), media: [{ originalSource: pick([`https://images.pim.example/assets/${uuid()}.jpg?w=2000`, `https://cdn.shopify.com/s/files/1/0${int(100, 999)}/files/${alnum(10)}.png`, `https://storage.googleapis.com/acme-product-images/${alnum(8)}/front.jpg`, `https://acme-dam.s3.eu-west-1.amazonaws.com/products/${int(1e5, 9e5)}.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${alnum(20)}%2F20250301%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Signature=${hex(64)}`]), alt: `${pick(PRODUCTS)} -- front`, mediaContentType: 'IMAGE' }] } }, { 'x-shopify-access-token': `shpat_${hex(32)}` }),
  })
  add('webhook-registration', variant, req)
}

// --- Payment and platform webhooks --------------------------------------------------------------

function paymentWebhook(): void {
  const id = alnum(24)
  const amount = int(500, 50000)
  const p = person()
  const [variant, req] = variantOf<WafRequest>({
    stripe: () => {
      const body = JSON.stringify({ id: `evt_${id}`, object: 'event', api_version: '2024-06-20', created: now(), data: { object: { id: `pi_${alnum(24)}`, object: 'payment_intent', amount, currency: 'eur', status: 'succeeded', description: `Order #${int(1000, 9999)} -- ${pick(PRODUCTS)}`, metadata: { order_id: String(int(1000, 9999)), customer_name: `${p.first} ${p.last}`, note: pick(NOTES) }, shipping: { name: `${p.first} ${p.last}`, address: { line1: pick(STREETS), city: pick(CITIES)[0], country: 'NL' } }, next_action: null, return_url: `${ORIGIN}/checkout/complete?order=${uuid()}&payment_intent_client_secret=pi_${alnum(24)}_secret_${alnum(24)}` } }, livemode: true, pending_webhooks: 1, request: { id: `req_${alnum(14)}`, idempotency_key: uuid() }, type: 'payment_intent.succeeded' })
      return { method: 'POST', uri: '/webhooks/stripe', headers: headers('server', { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': `t=${now()},v1=${hex(64)},v0=${hex(64)}` }), body }
    },
    paypal: () => ({ method: 'POST', uri: '/webhooks/paypal', headers: headers('server', { 'content-type': 'application/json', 'paypal-transmission-id': uuid(), 'paypal-transmission-sig': b64(alnum(128)), 'paypal-cert-url': 'https://api.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77', 'paypal-auth-algo': 'SHA256withRSA' }), body: JSON.stringify({ id: `WH-${alnum(17)}`, event_type: 'PAYMENT.CAPTURE.COMPLETED', resource: { id: alnum(17), amount: { currency_code: 'EUR', value: `${amount / 100}` }, payee: { email_address: `sb-${alnum(8)}@business.example.com` }, custom_id: `order-${int(1000, 9999)}`, invoice_id: `INV-${int(1e5, 9e5)}`, links: [{ href: `https://api.paypal.com/v2/payments/captures/${alnum(17)}`, rel: 'self', method: 'GET' }, { href: `https://api.paypal.com/v2/payments/captures/${alnum(17)}/refund`, rel: 'refund', method: 'POST' }] }, summary: `Payment completed for EUR ${amount / 100} EUR`, links: [{ href: `https://api.paypal.com/v1/notifications/webhooks-events/WH-${alnum(17)}`, rel: 'self', method: 'GET' }] }) }),
    adyen: () => ({ method: 'POST', uri: '/webhooks/adyen', headers: headers('server', { 'content-type': 'application/json' }), body: JSON.stringify({ live: 'true', notificationItems: [{ NotificationRequestItem: { additionalData: { hmacSignature: b64(hex(32)), 'checkout.cardAddedBrand': 'mc', shopperReference: `${p.first}.${p.last}`, 'cardHolderName': `${p.first} ${p.last}`, expiryDate: '03/2030', 'shopperEmail': p.email }, amount: { currency: 'EUR', value: amount }, eventCode: 'AUTHORISATION', eventDate: iso(), merchantAccountCode: 'ShopECOM', merchantReference: `#${int(1000, 9999)}`, paymentMethod: 'mc', pspReference: alnum(16).toUpperCase(), reason: `${int(100000, 999999)}:1111:03/2030`, success: 'true' } }] }) }),
    mollie: () => ({ method: 'POST', uri: '/webhooks/mollie', headers: headers('server', { 'content-type': 'application/x-www-form-urlencoded' }), body: form([['id', `tr_${alnum(10)}`]]) }),
    klarna: () => ({ method: 'POST', uri: `/webhooks/klarna/push?klarna_order_id=${uuid()}&sid=${hex(16)}`, headers: headers('server', { 'content-type': 'application/json' }), body: JSON.stringify({ order_id: uuid(), event_type: 'order.captured', merchant_reference1: String(int(1000, 9999)), billing_address: { given_name: p.first, family_name: p.last, street_address: pick(STREETS), postal_code: pick(CITIES)[2], city: pick(CITIES)[0], country: 'NL', email: p.email } }) }),
    'shopify-orders-create': () => ({ method: 'POST', uri: '/app/webhooks/orders-create', headers: headers('server', { 'content-type': 'application/json', 'x-shopify-topic': 'orders/create', 'x-shopify-hmac-sha256': b64(hex(32)), 'x-shopify-shop-domain': 'acme.myshopify.com', 'x-shopify-webhook-id': uuid(), 'x-shopify-api-version': '2024-04' }), body: JSON.stringify({ id: int(1e12, 9e12), name: `#${int(1000, 9999)}`, email: p.email, note: pick(NOTES), note_attributes: [{ name: 'gift_message', value: pick(GIFT) }], tags: "gift, vip, O'Brien", landing_site: `/products/${handle()}?utm_source=google&utm_campaign=${enc("mother's day -- 20% off")}`, referring_site: 'https://www.google.com/', billing_address: address(), shipping_address: address(), line_items: [{ title: pick(PRODUCTS), sku: pick(SKUS), quantity: 1, properties: [{ name: 'Engraving', value: pick(GIFT) }] }] }) }),
  })
  add('payment-webhook', variant, req)
}

// --- Checkout, accounts and support --------------------------------------------------------------

function checkout(): void {
  const p = person()
  const [variant, req] = variantOf<WafRequest>({
    'rest-checkout': () => ({ method: 'POST', uri: '/api/checkout/sessions', headers: headers('json', { 'idempotency-key': uuid() }), body: JSON.stringify({ email: p.email, shippingAddress: address(), billingAddress: rand() < 0.5 ? 'same' : address(), deliveryInstructions: pick(NOTES), giftMessage: rand() < 0.4 ? pick(GIFT) : null, lines: Array.from({ length: int(1, 4) }, () => ({ sku: pick(SKUS), quantity: int(1, 3), price: `${int(5, 200)}.99`, customAttributes: { engraving: pick(GIFT) } })), marketingConsent: { email: true, sms: false }, payment: { method: pick(['card', 'paypal', 'ideal', 'klarna']), token: `tok_${alnum(24)}` } }) }),
    'payment-method': () => ({ method: 'POST', uri: '/api/checkout/payment', headers: headers('json'), body: JSON.stringify({ paymentMethod: { type: 'scheme', encryptedCardNumber: `adyenjs_0_1_25$${b64(alnum(180))}`, encryptedExpiryMonth: `adyenjs_0_1_25$${b64(alnum(120))}`, holderName: `${p.first} ${p.last}` }, browserInfo: { userAgent: pick(UAS), acceptHeader: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', language: 'nl-NL', colorDepth: 24, screenHeight: 1080, screenWidth: 1920, timeZoneOffset: -60, javaEnabled: false }, returnUrl: `${ORIGIN}/checkout/return?orderRef=${uuid()}`, origin: ORIGIN }) }),
    'address-validate': () => ({ method: 'POST', uri: '/api/address/validate', headers: headers('json'), body: JSON.stringify({ address: { lines: [pick(STREETS), pick(['', "c/o O'Brien", 'Flat 2/1'])], locality: pick(CITIES)[0], postalCode: pick(CITIES)[2], regionCode: pick(CITIES)[1] }, enableUspsCass: false }) }),
    'account-update': () => ({ method: 'PATCH', uri: '/api/account/profile', headers: headers('json', { authorization: `Bearer ${jwt({ sub: uuid(), email: p.email, exp: now() })}` }), body: JSON.stringify({ firstName: p.first, lastName: p.last, company: pick(COMPANIES), birthday: '1985-02-14', bio: pick(["Sneakerhead since '98. Size 10 UK / 44 EU.", 'Buyer for O\'Brien & Sons -- invoices to accounts@example.ie', 'I <3 vinyl; ask me about Null & Void', '']), preferences: { sizes: ['32" x 32"', "Men's 10"], newsletter: true } }) }),
  })
  add('checkout', variant, req)
}

function support(): void {
  const p = person()
  const msg = pick([
    "Hi, I ordered the 'Select Fit' chinos (#1042) but got the slim ones -- can I swap? Thanks, " + p.first,
    'My order says "delivered" but it isn\'t here; neighbour at #12 has nothing either :(',
    "Is the Exec Chair 2.0 OK for someone 6'4\" / 110 kg? The listing says max 100kg -- or is that a typo?",
    'Code SAVE--15 says "not applicable" -- it\'s in your e-mail from Monday; order total £64.99 > £50',
    'Can you ship to \'s-Hertogenbosch? The form rejects the apostrophe at the start of the city name.',
    "Bonjour, je n'ai pas reçu ma commande n° 2031. L'adresse est bien « Rue de l'Église 4 ». Merci !",
    'Hi -- the union jack mug arrived broken (photo attached). Select a replacement or refund, whichever is easier.',
    'Can I order 1 or 2 of these for delivery before the 24th?',
  ])
  const [variant, req] = variantOf<WafRequest>({
    widget: () => ({ method: 'POST', uri: '/api/support/conversations', headers: headers('json'), body: JSON.stringify({ customer: { name: `${p.first} ${p.last}`, email: p.email }, message: { body: msg, attachments: rand() < 0.3 ? [{ name: "IMG_2031 (1).jpg", url: `https://uploads.support.example/${uuid()}/IMG_2031%20(1).jpg`, size: int(1e5, 5e6) }] : [] }, context: { page: `${ORIGIN}/pages/contact`, order: `#${int(1000, 9999)}` } }) }),
    'review-markdown': () => ({ method: 'POST', uri: `/api/products/${int(1e6, 9e6)}/reviews`, headers: headers('json'), body: JSON.stringify({ rating: int(3, 5), title: pick(['Great fit!', 'Runs small -- size up', '5/5 would buy again', "Worth it (if you're tall)"]), body: pick([`**Love it.** Fits like the 511s.\n\n- waist: 32"\n- inseam: 32"\n\n> "best jeans I've owned" -- my wife\n\nWould buy again; 10/10.`, `Ordered the 2-pack. One mask's strap was loose, but support sent a new one within 2 days. [Their returns page](${ORIGIN}/policies/refund-policy) is clear.`, "Solid chair. Assembly took ~20 min; the 'quick start' sheet is wrong about step 3 (bolt A goes in B, not C).", `Colour is more "navy" than "midnight" <3`]), author: { name: `${p.first} ${p.last[0]}.`, location: pick(CITIES)[0] } }) }),
    'question': () => ({ method: 'POST', uri: `/api/products/${int(1e6, 9e6)}/questions`, headers: headers('json'), body: JSON.stringify({ question: pick(["Does the 1/2\" set include a 3/8\" adapter?", "What's the difference between 'select' and 'slim' fit?", 'Will it fit a 12" x 18" frame?', 'Is this the same as SKU DROP-SHLDR-TEE-L or a new version?']), email: p.email }) }),
  })
  add('support', variant, req)
}

// --- Product data, CMS and translations ---------------------------------------------------------

function productImport(): void {
  const rows = Array.from({ length: int(3, 25) }, () => ({ sku: pick(SKUS), title: pick(PRODUCTS), description: pick([`Drop-shoulder tee -- 100% cotton; select your size.`, `12" × 18" poster; frame not included. "Limited" run of 500.`, "Kids' boots: sizes 10-13 -- runs small, order 1/2 size up.", 'Union Jack mug; 350 ml; dishwasher & microwave safe.', "L'Oréal serum 30 ml -- see insert for use", 'Table & chairs set (oak): 120 × 80 cm; chairs sold as set of 2 OR 4']), price: `${int(2, 300)}.${pick(['00', '49', '95', '99'])}`, attributes: { color: pick(['Navy', 'Dark "Indigo"', 'Off-white']), size: pick(['S', 'M', '32" x 32"', "10-13 (kids')"]) }, barcode: String(int(1e12, 9e12)), tags: pick(['sale;new', "men's|summer", 'select-fit, bestseller', '']) }))
  const [variant, req] = variantOf<WafRequest>({
    json: () => ({ method: 'POST', uri: '/api/v1/catalog/import', headers: headers('server', { 'content-type': 'application/json', authorization: `Bearer ${jwt({ iss: 'pim', scope: 'catalog:write' })}` }), body: JSON.stringify({ source: 'akeneo', mode: 'upsert', items: rows }) }),
    ndjson: () => ({ method: 'POST', uri: '/api/v1/catalog/import?format=ndjson', headers: headers('server', { 'content-type': 'application/x-ndjson' }), body: `${rows.map((r) => JSON.stringify(r)).join('\n')}\n` }),
    csv: () => ({ method: 'POST', uri: '/api/v1/catalog/import?format=csv', headers: headers('server', { 'content-type': 'text/csv; charset=utf-8' }), body: `sku,title,description,price\n${rows.map((r) => [r.sku, r.title, r.description, r.price].map((v) => `"${v.replaceAll('"', '""')}"`).join(',')).join('\n')}\n` }),
    'jsonapi': () => ({ method: 'PATCH', uri: `/api/products/${uuid()}`, headers: headers('server', { 'content-type': 'application/vnd.api+json', accept: 'application/vnd.api+json' }), body: JSON.stringify({ data: { type: 'products', id: uuid(), attributes: rows[0], relationships: { variants: { data: [{ type: 'variants', id: uuid() }] } } } }) }),
  })
  add('product-import', variant, req)
}

function cms(): void {
  const [variant, doc] = variantOf<unknown>({
    'portable-text': () => ({ _type: 'page', title: "Our story: from O'Brien's garage to 40 shops", body: [{ _type: 'block', style: 'h2', children: [{ _type: 'span', text: "It started in '98" }] }, { _type: 'block', style: 'normal', markDefs: [{ _key: alnum(12), _type: 'link', href: 'https://shop.example/pages/about?ref=story#history' }], children: [{ _type: 'span', text: 'We select every fabric by hand -- and "hand" means ', marks: [] }, { _type: 'span', text: 'by hand', marks: ['em'] }] }, { _type: 'code', language: 'liquid', code: "{% if product.tags contains 'sale' %}<span class=\"badge\">Sale</span>{% endif %}" }] }),
    'markdown-post': () => ({ title: 'How to choose a size', slug: 'how-to-choose-a-size', content: `## Measure twice, order once\n\n1. Measure your waist (in inches: 32" = 81 cm).\n2. Select the size **one up** if you're between sizes.\n3. Compare with the chart below:\n\n| Size | Waist | Inseam |\n|------|-------|--------|\n| 30 | 30" | 32" |\n| 32 | 32" | 32" |\n\n> Tip: our "select fit" is roomier than "slim".\n\n\`\`\`html\n<a href="/pages/size-guide" class="btn">Size guide</a>\n\`\`\`\n\n![Measuring tape](https://images.ctfassets.net/${alnum(12)}/${alnum(22)}/${hex(32)}/tape.jpg?w=800&fm=webp)`, tags: ['guides', 'fit & sizing'], author: "Siobhán O'Brien", publishedAt: iso() }),
    'contentful-entry': () => ({ fields: { title: { 'en-US': 'Summer Sale -- up to 50% off', 'nl-NL': "Zomeruitverkoop -- tot 50% korting", 'fr-FR': "Soldes d'été -- jusqu'à -50 %" }, cta: { 'en-US': { label: 'Shop now >', url: '/collections/sale?sort_by=price-ascending&filter.v.price.gte=10' } }, richText: { 'en-US': { nodeType: 'document', data: {}, content: [{ nodeType: 'paragraph', data: {}, content: [{ nodeType: 'text', value: "Don't miss out: sale ends Sunday at 23:59 (CET).", marks: [{ type: 'bold' }], data: {} }] }] } } } }),
    'page-builder': () => ({ sections: [{ type: 'hero', settings: { heading: 'Drop-shoulder tees <br>are back', subheading: "Select yours -- while they're in stock", button_link: 'shopify://collections/tees', image: 'shopify://shop_images/hero.jpg' } }, { type: 'custom-liquid', settings: { custom_liquid: `<style>.hero h1 { letter-spacing: -0.02em; } @media (max-width: 749px) { .hero { min-height: 60vh; } }</style>\n{% render 'icon-star' %} {{ 'sections.hero.rating' | t: count: 4.8 }}` } }, { type: 'rich-text', settings: { text: '<p><strong>Free delivery</strong> on orders over £50 &amp; free returns*</p><p><small>*UK only; excl. sale</small></p>' } }] }),
  })
  add('cms', variant, { method: pick(['PUT', 'POST']), uri: pick([`/api/cms/entries/${uuid()}`, '/api/content/pages', `/admin/api/2024-04/themes/${int(1e11, 9e11)}/assets.json`, `/v1/data/mutate/production`]), headers: headers('server', { 'content-type': 'application/json', authorization: `Bearer ${alnum(40)}` }), body: JSON.stringify(doc) })
}

function translations(): void {
  const [variant, doc] = variantOf<unknown>({
    icu: () => ({ locale: pick(['fr', 'nl', 'de', 'tr']), messages: { 'cart.items': '{count, plural, =0 {Aucun article} one {# article} other {# articles}}', 'cart.greeting': 'Bonjour {name}, il vous reste {amount, number, ::currency/EUR} avant la livraison gratuite', 'product.select': "Sélectionnez une taille -- c'est obligatoire", 'checkout.terms': "J'accepte les <0>conditions générales</0> et la <1>politique de confidentialité</1>", 'search.results': 'Résultats pour « {query} » ({count, plural, one {# résultat} other {# résultats}})' } }),
    i18next: () => ({ lng: 'nl', ns: 'common', resources: { header: { welcome: 'Welkom terug, {{firstName}}!', cart_one: '{{count}} artikel', cart_other: '{{count}} artikelen', sale: "Uitverkoop -- tot 50% korting op 's-Hertogenbosch-collectie", html: 'Lees onze <strong>retourvoorwaarden</strong> of <a href="/pages/contact">neem contact op</a>' } } }),
    'rails-yaml': () => ({ file: 'config/locales/en.yml', content: `en:\n  orders:\n    note_label: "Order note (e.g. \\"leave at the door\\")"\n    select_size: Select a size\n    confirm_html: "Are you sure? <b>This can't be undone</b>"\n    count:\n      one: "%{count} order"\n      other: "%{count} orders"\n` }),
    gettext: () => ({ file: 'locale/de/LC_MESSAGES/shop.po', content: `msgid "Select a size"\nmsgstr "Größe wählen"\n\nmsgid "%s item(s) in your cart -- checkout?"\nmsgstr "%s Artikel im Warenkorb -- zur Kasse?"\n\n#, python-format\nmsgid "Hello %(name)s, don't forget your order!"\nmsgstr "Hallo %(name)s, vergiss deine Bestellung nicht!"\n` }),
  })
  add('translations', variant, { method: 'POST', uri: pick(['/api/i18n/upload', '/api/v2/projects/shop/translations', '/admin/api/2024-04/translations.json']), headers: headers('server', { 'content-type': 'application/json', 'x-api-token': hex(40) }), body: JSON.stringify(doc) })
}

// --- Search with filter DSLs ----------------------------------------------------------------------

function searchDsl(): void {
  const q = pick(["O'Brien tweed", "L'Oréal", 'select fit', 'union jack mug', "kids' boots", '"drop shoulder"', 'exec chair', 'rock & roll', '1/2" socket set', 'table OR desk'])
  const [variant, req] = variantOf<WafRequest>({
    algolia: () => ({ method: 'POST', uri: `/1/indexes/*/queries?x-algolia-agent=${enc('Algolia for JavaScript (4.23.3); Browser (lite); instantsearch.js (4.66.0)')}&x-algolia-api-key=${hex(32)}&x-algolia-application-id=${alnum(10).toUpperCase()}`, headers: headers('json', { 'content-type': 'application/x-www-form-urlencoded' }), body: JSON.stringify({ requests: [{ indexName: 'shop_products', params: `${form([['query', q], ['hitsPerPage', '24'], ['filters', pick(["brand:'L\\'Oréal' AND price < 50", '(category:shoes OR category:boots) AND NOT color:red', 'price:10 TO 50 AND inStock:true', "vendor:\"O'Neill\""])], ['facetFilters', JSON.stringify([['size:32" x 32"', 'size:M'], ['color:Navy']])], ['highlightPreTag', '__ais-highlight__'], ['highlightPostTag', '__/ais-highlight__']])}` }] }) }),
    elasticsearch: () => ({ method: 'POST', uri: '/api/search/_search', headers: headers('json'), body: JSON.stringify({ query: { bool: { must: [{ query_string: { query: pick([`title:(${q.replace(/"/g, '\\"')}) AND -color:red`, 'brand:"L\'Oréal" OR brand:"Maybelline"', 'sku:SEL-ECT-001 OR sku:UNION-JACK-M', 'description:"select fit" AND NOT title:slim', '(price:[10 TO 50]) AND tags:sale*']), default_operator: 'AND', fields: ['title^3', 'description', 'sku'] } }], filter: [{ range: { price: { gte: 10, lte: 50 } } }, { terms: { 'size.keyword': ['32" x 32"', 'M'] } }] } }, sort: [{ _score: 'desc' }, { 'price': { order: 'asc', missing: '_last' } }], aggs: { brands: { terms: { field: 'brand.keyword', size: 20 } } }, highlight: { pre_tags: ['<mark>'], post_tags: ['</mark>'], fields: { title: {} } }, from: 0, size: 24 }) }),
    typesense: () => ({ method: 'GET', uri: `/collections/products/documents/search?${form([['q', q], ['query_by', 'title,description,sku'], ['filter_by', pick(['price:<50 && brand:=[`L\'Oréal`,`O\'Neill`]', 'in_stock:true && (size:=`32" x 32"` || size:=M)', 'rating:>=4 && tags:!=[draft]'])], ['sort_by', '_text_match:desc,price:asc'], ['highlight_start_tag', '<mark>'], ['per_page', '24']])}`, headers: headers('get', { 'x-typesense-api-key': alnum(32) }) }),
    meilisearch: () => ({ method: 'POST', uri: '/indexes/products/search', headers: headers('json', { authorization: `Bearer ${hex(64)}` }), body: JSON.stringify({ q, filter: pick(["price < 50 AND (brand = \"L'Oréal\" OR brand = 'O\\'Neill')", [['size = "32\\" x 32\\""', 'size = M'], 'in_stock = true'], 'rating >= 4 AND NOT tags = draft']), sort: ['price:asc'], attributesToHighlight: ['title'], highlightPreTag: '<em>', highlightPostTag: '</em>', limit: 24 }) }),
    'shopify-search': () => ({ method: 'GET', uri: `/search/suggest.json?${form([['q', q], ['resources[type]', 'product,collection,query'], ['resources[limit]', '10'], ['resources[options][unavailable_products]', 'last'], ['resources[options][fields]', 'title,product_type,variants.title,variants.sku,vendor']])}`, headers: headers('get') }),
    'parse-server': () => ({ method: 'GET', uri: `/parse/classes/Product?${form([['where', JSON.stringify(pick([{ price: { $lt: 50 }, brand: "L'Oréal" }, { title: { $regex: '^sel', $options: 'i' } }, { tags: { $in: ['sale', 'new'] }, inStock: true }, { $or: [{ brand: "O'Neill" }, { brand: 'Marks & Spencer' }] }]))], ['limit', '24'], ['order', '-createdAt'], ['keys', 'title,price,image']])}`, headers: headers('get', { 'x-parse-application-id': alnum(40), 'x-parse-javascript-key': alnum(40) }) }),
    directus: () => ({ method: 'GET', uri: `/items/products?${form([['filter', JSON.stringify(pick([{ _and: [{ price: { _lt: 50 } }, { brand: { _eq: "L'Oréal" } }] }, { title: { _icontains: q } }, { _or: [{ status: { _eq: 'published' } }, { featured: { _eq: true } }] }]))], ['sort', '-date_created'], ['fields', '*,images.directus_files_id.*'], ['limit', '24']])}`, headers: headers('get') }),
    odata: () => ({ method: 'GET', uri: `/odata/Products?${form([['$filter', pick(["Price lt 50 and contains(Brand,'L''Oréal')", "startswith(Name,'O''Brien') or Category eq 'Caps'", "Tags/any(t: t eq 'sale') and InStock eq true"])], ['$orderby', 'Price asc'], ['$select', 'Id,Name,Price'], ['$top', '24'], ['$count', 'true']])}`, headers: headers('get') }),
  })
  add('search-dsl', variant, req)
}

// --- Analytics, events and tokens -------------------------------------------------------------

function analytics(): void {
  const page = `${ORIGIN}/products/${handle()}?variant=${int(1e13, 9e13)}&utm_source=${pick(['google', 'newsletter', 'tiktok'])}&utm_campaign=${enc(pick(["mother's day", 'bfcm -- 30% off', 'select & save']))}`
  const props = { product_id: String(int(1e12, 9e12)), sku: pick(SKUS), name: pick(PRODUCTS), price: int(5, 200) + 0.99, currency: 'EUR', quantity: 1, category: "Men's / Jeans & Trousers" }
  const [variant, req] = variantOf<WafRequest>({
    segment: () => ({ method: 'POST', uri: '/v1/batch', headers: headers('json', { authorization: `Basic ${b64(`${alnum(32)}:`)}` }), body: JSON.stringify({ batch: [{ type: 'track', event: 'Product Added', properties: props, context: { page: { url: page, title: `${pick(PRODUCTS)} | Shop`, referrer: 'https://www.google.com/' }, userAgent: pick(UAS), locale: 'en-GB', campaign: { name: "mother's day", source: 'google' } }, anonymousId: uuid(), messageId: `ajs-next-${hex(32)}`, timestamp: iso() }], sentAt: iso(), writeKey: alnum(32) }) }),
    posthog: () => ({ method: 'POST', uri: `/e/?ip=1&_=${nowMs()}&ver=1.130.0`, headers: headers('json'), body: JSON.stringify({ event: '$pageview', properties: { $current_url: page, $host: HOST, $pathname: `/products/${handle()}`, $browser: 'Chrome', $browser_version: 124, $os: 'Mac OS X', $referrer: 'https://www.google.com/', $device_id: uuid(), distinct_id: uuid(), $session_id: uuid(), $window_id: uuid(), $lib: 'web', $lib_version: '1.130.0', $insert_id: alnum(16), $time: now(), $set: { $browser: 'Chrome', email: person().email }, $set_once: { $initial_referrer: '$direct', $initial_current_url: page }, token: `phc_${alnum(43)}` }, timestamp: iso() }) }),
    mixpanel: () => ({ method: 'POST', uri: '/track/?verbose=1&ip=1', headers: headers('json', { 'content-type': 'application/x-www-form-urlencoded' }), body: form([['data', JSON.stringify([{ event: 'Add to Cart', properties: { ...props, distinct_id: uuid(), $insert_id: alnum(16), $os: 'Windows', $browser: 'Chrome', $current_url: page, $referrer: 'https://www.google.com/', token: hex(32), time: now() } }])]]) }),
    snowplow: () => ({ method: 'POST', uri: '/com.snowplowanalytics.snowplow/tp2', headers: headers('json', { 'content-type': 'application/json; charset=UTF-8' }), body: JSON.stringify({ schema: 'iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4', data: [{ e: 'ue', url: page, page: `${pick(PRODUCTS)} | Shop`, refr: 'https://www.google.com/', tv: 'js-3.23.0', p: 'web', aid: 'shop', eid: uuid(), dtm: String(nowMs()), ue_px: b64url(JSON.stringify({ schema: 'iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0', data: { schema: 'iglu:com.snowplowanalytics.snowplow.ecommerce/snowplow_ecommerce_action/jsonschema/1-0-2', data: { type: 'add_to_cart', name: pick(PRODUCTS) } } })), cx: b64url(JSON.stringify({ schema: 'iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-0', data: [{ schema: 'iglu:com.snowplowanalytics.snowplow.ecommerce/product/jsonschema/1-0-0', data: { id: props.sku, name: props.name, category: props.category, price: props.price, currency: 'EUR' } }] })) }] }) }),
    'meta-capi': () => ({ method: 'POST', uri: '/api/capi/events', headers: headers('json'), body: JSON.stringify({ data: [{ event_name: 'Purchase', event_time: now(), action_source: 'website', event_source_url: page, event_id: uuid(), user_data: { em: [hex(64)], ph: [hex(64)], fn: [hex(64)], ln: [hex(64)], client_ip_address: '2a02:a44a:1b2c::1', client_user_agent: pick(UAS), fbc: `fb.1.${nowMs()}.${alnum(60)}`, fbp: `fb.1.${nowMs()}.${int(1e9, 9e9)}` }, custom_data: { currency: 'EUR', value: props.price, content_ids: [props.sku], contents: [{ id: props.sku, quantity: 1 }], content_type: 'product' } }] }) }),
    'ga4-mp': () => ({ method: 'POST', uri: `/g/collect?v=2&tid=G-${alnum(10).toUpperCase()}&gtm=45je${alnum(6)}&_p=${nowMs()}&cid=${int(1e8, 9e8)}.${now()}&ul=en-gb&sr=1920x1080&_s=3&sid=${now()}&sct=4&seg=1&dl=${enc(page)}&dr=${enc('https://www.google.com/')}&dt=${enc(`${pick(PRODUCTS)} | Shop`)}&en=add_to_cart&pr1=${enc(`id${props.sku}~nm${props.name}~pr${props.price}~qt1~ca${props.category}`)}&ep.page_type=product`, headers: headers('get') }),
  })
  add('analytics', variant, req)
}

function tokens(): void {
  const p = person()
  const [variant, req] = variantOf<WafRequest>({
    refresh: () => ({ method: 'POST', uri: '/api/auth/refresh', headers: headers('json'), body: JSON.stringify({ refreshToken: jwt({ sub: uuid(), type: 'refresh', exp: now() + 86400 * 30 }), deviceId: uuid() }) }),
    'oidc-token': () => ({ method: 'POST', uri: '/api/auth/token', headers: headers('json', { 'content-type': 'application/x-www-form-urlencoded' }), body: form([['grant_type', 'authorization_code'], ['code', alnum(43)], ['redirect_uri', `${ORIGIN}/account/callback`], ['code_verifier', alnum(64)], ['client_id', uuid()]]) }),
    'id-token': () => ({ method: 'POST', uri: '/api/auth/google', headers: headers('json'), body: JSON.stringify({ credential: jwt({ iss: 'https://accounts.google.com', aud: `${int(1e11, 9e11)}-${alnum(32).toLowerCase()}.apps.googleusercontent.com`, sub: String(int(1e20, 9e20)), email: p.email, name: `${p.first} ${p.last}`, picture: `https://lh3.googleusercontent.com/a/${alnum(60)}=s96-c` }), select_by: 'btn_confirm' }) }),
    'state-blob': () => ({ method: 'GET', uri: `/account/callback?code=${alnum(43)}&state=${enc(b64(JSON.stringify({ returnTo: `/products/${handle()}?variant=${int(1e13, 9e13)}`, nonce: alnum(16), ts: now() })))}`, headers: headers('get') }),
    'bearer-call': () => ({ method: 'GET', uri: `/api/account/orders?page=${int(1, 5)}&per_page=20&sort=-created_at`, headers: headers('get', { authorization: `Bearer ${jwt({ sub: uuid(), email: p.email, name: `${p.first} ${p.last}`, roles: ['customer'], exp: now() })}` }) }),
    'apple-pay': () => ({ method: 'POST', uri: '/api/payments/apple-pay/session', headers: headers('json'), body: JSON.stringify({ validationURL: 'https://apple-pay-gateway-cert.apple.com/paymentservices/startSession', token: { paymentData: { version: 'EC_v1', data: b64(alnum(600)), signature: b64(alnum(2000)), header: { ephemeralPublicKey: b64(alnum(91)), publicKeyHash: b64(alnum(32)), transactionId: hex(64) } }, paymentMethod: { displayName: 'MasterCard 1471', network: 'MasterCard', type: 'debit' }, transactionIdentifier: hex(64).toUpperCase() } }) }),
  })
  add('tokens', variant, req)
}

/** REST calls of a headless storefront: JSON:API includes and sparse fields, REST filters, OData. */
function restStorefront(): void {
  const [variant, uri] = variantOf({
    jsonapi: () => `/api/products?${form([['include', 'variants,images,brand'], ['fields[products]', 'title,price,slug'], ['filter[price][lt]', '50'], ['filter[brand]', "L'Oréal"], ['sort', '-created_at,title'], ['page[size]', '24'], ['page[number]', String(int(1, 5))]])}`,
    'rest-filters': () => `/api/v1/products?${form([['q', pick(["o'brien", "kids' boots", 'select fit', '5\'10" jeans'])], ['category', "men's-jeans"], ['price_min', '10'], ['price_max', '49.99'], ['sort', pick(['price_asc', '-rating', 'created_at:desc'])], ['size[]', '32" x 32"'], ['size[]', 'M'], ['in_stock', 'true']])}`,
    'path-id': () => pick([`/api/products/${pick(SKUS).toLowerCase()}`, `/api/orders/${int(1000, 9999)}/items`, `/api/v2/carts/${uuid()}/lines/${int(1, 9)}`, `/api/collections/${enc("mother's-day")}/products`, `/api/stores/${enc("'s-hertogenbosch")}/stock`]),
    'woo-store-api': () => `/wp-json/wc/store/v1/products?${form([['per_page', '24'], ['search', pick(["L'Oréal", 'union jack', 'select'])], ['orderby', 'price'], ['order', 'asc'], ['attributes[0][attribute]', 'pa_size'], ['attributes[0][slug][]', '32-x-32'], ['min_price', '1000'], ['_locale', 'user']])}`,
  })
  add('rest-storefront', variant, { method: 'GET', uri, headers: headers('get') })
}

const SHAPES: ReadonlyArray<readonly [number, () => void]> = [
  [14, storefrontGraphql],
  [8, cartMutations],
  [6, customerGraphql],
  [2, introspection],
  [4, graphqlGet],
  [2, graphqlBatch],
  [7, adminProduct],
  [2, liquidTemplate],
  [3, webhookRegistration],
  [7, paymentWebhook],
  [8, checkout],
  [6, support],
  [4, productImport],
  [4, cms],
  [2, translations],
  [9, searchDsl],
  [8, analytics],
  [5, tokens],
  [6, restStorefront],
]

drawWeighted(SHAPES, () => out.length >= COUNT)

writeFileSync(new URL('./benign-api.ndjson', import.meta.url), `${out.map((r) => JSON.stringify(r)).join('\n')}\n`)
console.log(`wrote ${out.length} requests`)
