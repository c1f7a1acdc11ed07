/**
 * A benign corpus shaped like real browser traffic to an online shop, for measuring the
 * WAF's false positives on requests it was never tuned on. Seeded, so every run writes the
 * same file. Written before looking at what the engine flags: nothing here was chosen or
 * dropped by the verdict it gets.
 * Run: npx tsx bench/waf/corpora/generate-benign.ts  (writes bench/waf/corpora/benign-shop.ndjson)
 * @module
 */
import { writeFileSync } from 'node:fs'
import { b64url, browserUserAgents, form, seededText } from './seeded-text.ts'
import type { WafRequest } from '../../../packages/core/src/waf/index.ts'

const SEED = 20261126
const COUNT = 2400
const { rand, pick, int, hex, alnum, uuid } = seededText(SEED)

const UAS = browserUserAgents()

const HOST = 'shop.example'
const LANGS = ['en-GB,en;q=0.9', 'en-US,en;q=0.9', 'de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7', 'fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7', 'es-ES,es;q=0.9', 'ja,en-US;q=0.9,en;q=0.8', 'nl-NL,nl;q=0.9,en-US;q=0.8,en;q=0.7', 'pt-BR,pt;q=0.9,en-US;q=0.8,en;q=0.7', 'ar,en;q=0.9', 'he-IL,he;q=0.9,en-US;q=0.8,en;q=0.7', 'ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7', 'zh-CN,zh;q=0.9']
const ACCEPT_DOC = ['text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8']

const SEARCHES = [
  'select size', 'union jack cushion', 'drop earrings', 'order by price', 'rock & roll | vinyl', `5'10" women's jeans`, '<3 mug', 'C:\\ drive sticker',
  "O'Neill wetsuit", "L'Oréal shampoo", "Levi's 501 32x34", "kids' shoes size 10-12", '100% cotton t-shirt', 't-shirt "vintage"', 'iphone 15 case; clear',
  'and/or gift set', 'table lamp -desk', '"exact phrase" necklace', 'M&M\'s dispenser', 'AT&T phone', '3/4 sleeve top', '#1 bestseller', '@home decor', '$20 gifts',
  '(new) arrivals', 'size [M]', 'insert for boots', 'drop leaf table', 'having fun mug', 'from dusk till dawn dvd', "where's wally book", 'select comfort mattress',
  'union made boots', 'null pointer t-shirt', 'echo dot', 'ping pong table', 'id card holder', 'sleep mask silk', 'exec chair', 'update firmware cable', 'cat toy',
  'script writing kit', 'javascript for kids book', 'medical alert bracelet', 'café au lait bowl', 'Müller joghurt', 'ñandú peluche', '日本茶 急須', 'чайник электрический',
  'حقيبة يد', 'שמלת ערב', '🎁 gift for him', '🎄 christmas jumper', 'Tom & Jerry', 'a+b=c poster', 'x-large', '1/2" drill bit', 'usb c -> hdmi', 'dad joke book 😂',
  'sweater <50', 'shoes >size 9', 'grey || gray', 'pink/blue', '2-in-1 laptop', 'e=mc² mug', 'ben & jerry\'s', 'Dr. Martens 1460', 'black friday deals!!!', '"rock & roll" t-shirt',
  'wine glasses (set of 6)', 'baby grow 0-3m', 'bed 4\'6"', 'curtains 90" x 90"', 'price < 20', 'mens shoes; size 11', 'nike air max 90 "white"', 'crème brûlée torch',
  'protein bar - chocolate', 'The Lord of the Rings', 'the who - tommy', 'on/off switch', 'sql for dummies', 'select * from t-shirt', 'learn python the hard way', 'linux command line book',
]
const STREETS = ['Apt #12; 3rd floor', "Flat 2/1, 10 O'Connell St.", 'c/o Müller & Söhne GmbH', 'PO Box 123 -- rear entrance', 'Unit 5 (back door), 1-3 High St', '1600 Amphitheatre Pkwy', '221B Baker Street', 'Calle de Alcalá, 45, 2º izq.', '〒100-0001 東京都千代田区千代田1-1', 'Suite 400 - Attn: Receiving', 'Rua Augusta, 1500 - apto 42', "Building 7; door code #4421*"]
const NAMES = ["Seán O'Brien", 'Zoë Müller-Lüdenscheidt', 'Jean-Luc Picard', "D'Angelo Russell", 'María José García', '山田 太郎', 'Олег Петров', 'Anne-Marie "Annie" Smith', 'Björk Guðmundsdóttir', "Ngā'io Te Ao", 'John Smith Jr.', 'François Dupont']
const EMAILS = ['jane.doe+shop@gmail.com', "o'brien@example.ie", 'first.last+orders@sub.example.co.uk', 'zoe_mueller@web.de', 'j.smith@outlook.com', 'ceo@müller.de', 'user.name+tag+sorting@example.com', 'x@y.io']
const REVIEWS = [
  "Great quality!! Size runs small -- order 1 size up. 5/5 would buy again <3",
  "**Love it.** The colour is exactly as pictured.\n\n- fits true to size\n- fast delivery\n- nice packaging\n\nSee my photo: https://imgur.com/a/Xy12ab?utm_source=share",
  "It's OK... the strap broke after 2 weeks :( Customer service replied & sent a new one though. 3 stars.",
  "Works with Windows 10 & macOS; the driver installs to C:\\Program Files\\Vendor\\. On Linux run `sudo apt install foo` and it just works.",
  "Bought this for my 5'10\" husband and the 32\" inseam is perfect. Would be 5* if the zip wasn't so stiff.",
  "Not what I expected. Description says \"100% wool\" but label says 80% wool / 20% nylon. Returning.",
  "Parfait ! Livraison rapide, produit conforme à la description. Je recommande à 100 %.",
  "Sehr gut verarbeitet, aber die Größe fällt klein aus. Lieber eine Nummer größer bestellen!",
  "素晴らしい商品です。また購入したいと思います。",
  "Select the larger size if you're between sizes; drop shoulder cut, so it's roomy. Union of style & comfort :)",
  "I'd give it 4/5. Pros: price, colour. Cons: smell out of the box (airing it out fixed it).\n\nUpdate (2 weeks later): still going strong!",
  "My daughter loves it!!! 😍😍😍 #happy #gift",
  "Compared to the <other brand> one this is way better & half the price.",
  "Ordered 3, got 2 — support sorted it in a day. Order #100234; thanks Sarah!",
]
const TICKETS = [
  "Hi, checkout fails with:\n```\nTypeError: Cannot read properties of undefined (reading 'id')\n    at cart.js:42:17\n```\nBrowser: Chrome 124 on Windows 11. Order total was £54.99.",
  "Hello, I'm integrating your API. This is what I send:\n\ncurl -X POST https://shop.example/api/cart -H 'Content-Type: application/json' -d '{\"sku\":\"A1\",\"qty\":2}'\n\nand I get a 500. Any idea?",
  "Our WooCommerce store is slow. The plugin runs SELECT option_name, option_value FROM wp_options WHERE autoload = 'yes' on every page and it takes 2s. Can you help?",
  "Please cancel order #45521 & refund to my card ending 4242. I was charged twice (see attached screenshot).",
  "Where is my parcel?? Tracking https://www.royalmail.com/track-your-item#/tracking-results/AB123456789GB says delivered but nothing here. Flat 3, 2nd floor; the buzzer is broken.",
  "Your size chart says chest 38\"-40\" for M but the shirt I got measures 36\". Can I exchange for L?",
  "Hi! Can I change the delivery address to: c/o Reception, 1-3 High St., London (it's my office; open 9am-5pm Mon-Fri)",
  "The promo code SPRING10 says \"invalid\". Tried in Safari & Firefox; cleared cookies; still nothing :-(",
  "Bonjour, j'ai reçu le mauvais article (réf. 12-345/B). Pouvez-vous m'envoyer une étiquette de retour ?",
  "Feature request: could you add a 'notify me when back in stock' button? Also the filter 'price: low -> high' resets when I go to page 2.",
  "I get 'Error 403' when I upload my invoice as PDF. The file name is Rechnung_2024-03 (Kopie).pdf, 240 KB.",
  "Hi team,\n\nI used `npm install @shop/sdk` and then:\n\n    const client = new Client({ apiKey: process.env.KEY })\n    await client.orders.list({ status: 'open' })\n\nThat returns []. Is there a delay after creating orders?",
]
const CMS_PAGES = [
  '<h2>Spring Sale</h2><p>Up to <strong>50% off</strong> selected lines &ndash; while stocks last.</p><p><a href="https://shop.example/collections/sale?utm_source=homepage&amp;utm_medium=banner">Shop now</a></p>',
  '<p style="text-align: center;"><img src="/media/banners/summer-2024.jpg" alt="Summer collection" width="1200" height="400"></p><ul><li>Free delivery over £50</li><li>30-day returns</li></ul>',
  '<h3>Size guide</h3><table class="size-guide"><thead><tr><th>Size</th><th>Chest (in)</th></tr></thead><tbody><tr><td>S</td><td>34&quot;-36&quot;</td></tr><tr><td>M</td><td>38&quot;-40&quot;</td></tr></tbody></table>',
  '<p>Questions? <a href="mailto:help@shop.example?subject=Order%20question">Email us</a> or call <a href="tel:+442071234567">+44 20 7123 4567</a>.</p><p><em>Opening hours: Mon&ndash;Fri 9:00&ndash;17:30</em></p>',
  '<blockquote><p>&ldquo;Best shop ever!&rdquo; &mdash; Jane, London</p></blockquote><p><iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" width="560" height="315" frameborder="0" allowfullscreen></iframe></p>',
]
const FILES = ['IMG_20240312_101530.jpg', 'Screenshot 2024-03-12 at 10.15.30.png', 'invoice (1).pdf', "my photo's.jpg", 'résumé.pdf', 'Rechnung_2024-03 (Kopie).pdf', 'receipt.heic', 'damaged parcel #2.jpeg', 'order-45521.csv', 'PXL_20240101_120000000.MP.jpg']
const PRODUCTS = ['o-neill-wetsuit-4-3mm', 'levis-501-original', 'l-oreal-elvive-shampoo', 'dr-martens-1460-black', 'union-jack-cushion', 'drop-earrings-gold', 'cafe-au-lait-bowl', 'kids-trainers-10-12', 'rock-and-roll-vinyl-box', 'sleep-mask-silk']
const CATEGORIES = ['mens', 'womens', 'kids', 'home', 'sale', 'new-in', 'gifts', 'shoes', 'accessories', 'beauty']

/** Real-world cookie shapes: analytics, consent managers, shop platforms, sessions. */
function cookies(): string {
  const now = 1700000000 + int(0, 30000000)
  const parts = [`_ga=GA1.2.${int(100000000, 2147483647)}.${now}`, `_gid=GA1.2.${int(100000000, 2147483647)}.${now}`]
  if (rand() < 0.7) parts.push(`_fbp=fb.1.${now}${int(100, 999)}.${int(100000000, 2147483647)}`)
  if (rand() < 0.6) parts.push(`_gcl_au=1.1.${int(100000000, 2147483647)}.${now}`)
  if (rand() < 0.3) parts.push(`_ga_${alnum(10).toUpperCase()}=GS1.1.${now}.${int(1, 40)}.1.${now + 300}.0.0.0`)
  const consent = int(0, 2)
  if (consent === 0) {
    const date = encodeURIComponent('Thu Nov 23 2023 10:00:00 GMT+0100 (Central European Standard Time)').replaceAll('%20', '+')
    parts.push(`OptanonConsent=isGpcEnabled=0&datestamp=${date}&version=202310.1.0&browserGpcFlag=0&isIABGlobal=false&hosts=&consentId=${uuid()}&interactionCount=1&landingPath=NotLandingPage&groups=C0001%3A1%2CC0002%3A${int(0, 1)}%2CC0003%3A${int(0, 1)}%2CC0004%3A${int(0, 1)}&AwaitingReconsent=false`)
    parts.push('OptanonAlertBoxClosed=2023-11-23T09:00:00.000Z')
  } else if (consent === 1) {
    parts.push(`CookieConsent={stamp:%27${b64url(alnum(30))}%3D%3D%27%2Cnecessary:true%2Cpreferences:${rand() < 0.5}%2Cstatistics:${rand() < 0.5}%2Cmarketing:${rand() < 0.5}%2Cmethod:%27explicit%27%2Cver:1%2Cutc:${now}000%2Cregion:%27gb%27}`)
  } else {
    parts.push(`_tracking_consent=${encodeURIComponent(JSON.stringify({ con: { CMP: { a: '', m: '', p: '', s: '' } }, v: '2.1', region: 'GBENG', reg: '' }))}`)
  }
  const platform = int(0, 3)
  if (platform === 0) {
    parts.push(`_shopify_y=${uuid()}`, `_shopify_s=${uuid()}`, `cart=c1-${alnum(32)}`, `cart_sig=${hex(32)}`, `secure_customer_sig=${hex(32)}`, `localization=GB`, `cart_currency=GBP`)
  } else if (platform === 1) {
    parts.push(`PHPSESSID=${alnum(26).toLowerCase()}`, `form_key=${alnum(16)}`, 'mage-cache-storage=%7B%7D', 'mage-cache-storage-section-invalidation=%7B%7D', 'mage-cache-sessid=true', 'mage-messages=', `private_content_version=${hex(32)}`, `section_data_ids=%7B%22cart%22%3A${now}%2C%22customer%22%3A${now}%7D`, 'X-Magento-Vary=' + hex(40))
  } else if (platform === 2) {
    const h = hex(32)
    parts.push('woocommerce_items_in_cart=1', `woocommerce_cart_hash=${hex(32)}`, `wp_woocommerce_session_${h}=${int(1, 9999)}%7C%7C${now + 172800}%7C%7C${now + 86400}%7C%7C${hex(32)}`)
    parts.push(`sbjs_migrations=1418474375998%3D1`, `sbjs_current=typ%3Dorganic%7C%3C%3Esrc%3Dgoogle%7C%3C%3Emdm%3Dorganic%7C%3C%3Ecmp%3D%28none%29%7C%3C%3Ecnt%3D%28none%29%7C%3C%3Etrm%3D%28none%29`, `sbjs_udata=vst%3D1%7C%7C%7Cuip%3D%28none%29%7C%7C%7Cuag%3DMozilla%2F5.0%20%28Windows%20NT%2010.0%3B%20Win64%3B%20x64%29`)
    if (rand() < 0.3) parts.push(`wordpress_logged_in_${hex(32)}=jane%7C${now + 1209600}%7C${alnum(43)}%7C${hex(64)}`)
  } else {
    // A signed JWT session and a Rails/Flask-style base64 session.
    const jwt = `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(JSON.stringify({ sub: String(int(1, 99999)), name: pick(NAMES), iat: now }))}.${b64url(alnum(32))}`
    parts.push(`session=${jwt}`, `_shop_session=${encodeURIComponent(Buffer.from(JSON.stringify({ session_id: hex(32), _csrf_token: alnum(44) })).toString('base64'))}--${hex(40)}`)
  }
  if (rand() < 0.3) parts.push(`_hjSessionUser_${int(100000, 3999999)}=${b64url(JSON.stringify({ id: uuid().slice(0, 16), created: now * 1000, existing: true }))}`)
  if (rand() < 0.25) parts.push(`ajs_anonymous_id=%22${uuid()}%22`, `__stripe_mid=${uuid()}${hex(6)}`)
  if (rand() < 0.25) parts.push(`__kla_id=${Buffer.from(JSON.stringify({ cid: alnum(20), $referrer: 'https://www.google.com/', $last_referrer: `https://${HOST}/` })).toString('base64')}`)
  if (rand() < 0.2) parts.push(`__cf_bm=${alnum(43)}-${now}-0-${alnum(20)}/${alnum(30)}=`, `cf_clearance=${alnum(43)}-${now}-0-1-${hex(8)}.${hex(8)}.${hex(8)}-0.2.${now}`)
  if (rand() < 0.2) parts.push(`recently_viewed=${encodeURIComponent(JSON.stringify([pick(PRODUCTS), pick(PRODUCTS)]))}`, `lang=${pick(['en', 'de', 'fr'])}`)
  return parts.join('; ')
}

function referer(): string {
  const q = pick(SEARCHES)
  return pick([
    `https://${HOST}/`,
    `https://${HOST}/collections/${pick(CATEGORIES)}?page=${int(1, 5)}&sort_by=price-ascending`,
    `https://${HOST}/search?q=${encodeURIComponent(q).replaceAll('%20', '+')}&type=product`,
    `https://www.google.com/search?q=${encodeURIComponent(q).replaceAll('%20', '+')}&oq=${encodeURIComponent(q.slice(0, 5))}&sourceid=chrome&ie=UTF-8`,
    `https://l.facebook.com/l.php?u=https%3A%2F%2F${HOST}%2Fproducts%2F${pick(PRODUCTS)}%3Ffbclid%3D${alnum(60)}&h=AT${alnum(40)}`,
    `https://www.bing.com/search?q=${encodeURIComponent(q)}&form=QBLH&sp=-1&pq=${encodeURIComponent(q.slice(0, 4))}`,
    `https://${HOST}/products/${pick(PRODUCTS)}?variant=${int(10000000, 99999999)}`,
    `https://www.instagram.com/`,
  ])
}

function baseHeaders(kind: 'doc' | 'xhr'): Record<string, string> {
  const ua = pick(UAS)
  const chromium = /Chrome\/(\d+)/.exec(ua)
  const h: Record<string, string> = { host: HOST, 'user-agent': ua, 'accept-language': pick(LANGS), 'accept-encoding': 'gzip, deflate, br, zstd' }
  h.accept = kind === 'doc' ? pick(ACCEPT_DOC) : pick(['application/json', 'application/json, text/plain, */*', '*/*'])
  if (chromium !== null && !/Edg\/|OPR\//.test(ua)) {
    const v = chromium[1]!
    h['sec-ch-ua'] = pick([`"Chromium";v="${v}", "Google Chrome";v="${v}", "Not-A.Brand";v="99"`, `"Not_A Brand";v="8", "Chromium";v="${v}", "Google Chrome";v="${v}"`, `"Google Chrome";v="${v}", "Not;A=Brand";v="8", "Chromium";v="${v}"`])
    h['sec-ch-ua-mobile'] = /Mobile/.test(ua) ? '?1' : '?0'
    h['sec-ch-ua-platform'] = /Windows/.test(ua) ? '"Windows"' : /Android/.test(ua) ? '"Android"' : /Mac OS X/.test(ua) ? '"macOS"' : '"Linux"'
  }
  h['sec-fetch-site'] = kind === 'doc' ? pick(['none', 'same-origin', 'cross-site']) : 'same-origin'
  h['sec-fetch-mode'] = kind === 'doc' ? 'navigate' : 'cors'
  h['sec-fetch-dest'] = kind === 'doc' ? 'document' : 'empty'
  if (kind === 'doc') h['upgrade-insecure-requests'] = '1'
  if (rand() < 0.85) h.cookie = cookies()
  if (rand() < 0.7) h.referer = referer()
  if (rand() < 0.2) h.dnt = '1'
  if (rand() < 0.3) h.priority = kind === 'doc' ? 'u=0, i' : 'u=1, i'
  if (rand() < 0.2) h['if-none-match'] = `W/"${hex(8)}-${hex(16)}"`
  return h
}

function utm(): string {
  const p: Array<[string, string]> = []
  const src = pick(['google', 'facebook', 'newsletter', 'instagram', 'tiktok', 'bing'])
  if (rand() < 0.6) p.push(['utm_source', src], ['utm_medium', pick(['cpc', 'email', 'social', 'paid_social'])], ['utm_campaign', pick(['spring_sale_2024', 'BF-24 | 50% off', 'xmas & new year', 'retargeting:cart'])])
  if (rand() < 0.3) p.push(['utm_content', pick(['hero banner', 'carousel_2', 'ad#3'])], ['utm_term', pick(SEARCHES)])
  const click = int(0, 3)
  if (click === 0) p.push(['gclid', `${alnum(20)}_${alnum(30)}-${alnum(10)}`])
  if (click === 1) p.push(['fbclid', `IwAR${alnum(56)}`])
  if (click === 2) p.push(['msclkid', hex(32)])
  return p.length === 0 ? '' : form(p)
}

function password(): string {
  const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!@#$%^&*()-_=+[]{};:\'",.<>/?\\|`~'
  return pick(['P@ssw0rd!2024', 'correct horse battery staple', 'Tr0ub4dor&3', "it's-my-Dog's-name-1", Array.from({ length: int(12, 24) }, () => chars[int(0, chars.length - 1)]).join('')])
}

type Req = WafRequest & { id: string; kind: string }
const out: Req[] = []
const add = (kind: string, r: WafRequest): void => {
  out.push({ id: `benign-${String(out.length).padStart(4, '0')}`, kind, ...r })
}
const json = (h: Record<string, string>): Record<string, string> => ({ ...h, 'content-type': 'application/json', origin: `https://${HOST}` })
const formHeaders = (h: Record<string, string>): Record<string, string> => ({ ...h, 'content-type': 'application/x-www-form-urlencoded', origin: `https://${HOST}` })

while (out.length < COUNT) {
  const r = rand()
  if (r < 0.18) {
    const u = utm()
    const path = pick([`/`, `/products/${pick(PRODUCTS)}`, `/collections/${pick(CATEGORIES)}`, `/collections/${pick(CATEGORIES)}/products/${pick(PRODUCTS)}`, `/pages/about-us`, `/blogs/news/${pick(['spring-lookbook', 'how-to-care-for-wool', 'our-story'])}`])
    add('page', { method: 'GET', uri: u === '' ? path : `${path}?${u}`, headers: baseHeaders('doc') })
  } else if (r < 0.36) {
    const q = pick(SEARCHES)
    const extra = rand() < 0.4 ? `&${form([['filter.v.price.gte', String(int(0, 50))], ['filter.v.price.lte', String(int(60, 500))], ['sort_by', pick(['price-ascending', 'best-selling', 'created-descending'])]])}` : ''
    add('search', { method: 'GET', uri: `/search?${form([['q', q], ['type', 'product']])}${extra}`, headers: baseHeaders('doc') })
  } else if (r < 0.44) {
    const h = json(baseHeaders('xhr'))
    const body = { id: int(1000000, 99999999), quantity: int(1, 4), properties: rand() < 0.4 ? { Engraving: pick(["Mum & Dad <3", "J + K 4ever", "Love, Seán", '"Carpe diem"', 'Happy 40th!!! 🎉']) } : {}, sections: 'cart-drawer,cart-icon-bubble' }
    add('cart-json', { method: 'POST', uri: '/cart/add.js', headers: h, body: JSON.stringify(body) })
  } else if (r < 0.52) {
    const h = formHeaders(baseHeaders('doc'))
    const name = pick(NAMES)
    add('checkout-form', {
      method: 'POST',
      uri: `/checkouts/${alnum(32)}`,
      headers: h,
      body: form([['_method', 'patch'], ['authenticity_token', alnum(86) + '=='], ['checkout[email]', pick(EMAILS)], ['checkout[shipping_address][first_name]', name.split(' ')[0]!], ['checkout[shipping_address][last_name]', name.split(' ').slice(1).join(' ')], ['checkout[shipping_address][address1]', pick(STREETS)], ['checkout[shipping_address][address2]', pick(['', 'Apt #12; 3rd floor', 'Floor 2 - left door', 'c/o reception'])], ['checkout[shipping_address][city]', pick(['London', 'Köln', 'São Paulo', "L'Aquila", 'Tōkyō'])], ['checkout[shipping_address][zip]', pick(['SW1A 1AA', '50667', '01310-100', '100-0001'])], ['checkout[shipping_address][phone]', pick(['+44 20 7123 4567', '(555) 123-4567', '+49 (0)221 123456', '555.123.4567 ext. 89'])], ['checkout[note]', pick(['', 'Leave at door; ring bell', 'Gift wrap please! "Happy Birthday"', "If I'm not in, leave with no. 12 (Mrs O'Hara)", 'Deliver after 5pm & before 8pm'])]]),
    })
  } else if (r < 0.58) {
    const h = formHeaders(baseHeaders('doc'))
    add('login-form', { method: 'POST', uri: pick(['/account/login', '/customer/account/loginPost/', '/my-account/', '/wp-login.php']), headers: h, body: form([['form_type', 'customer_login'], ['utf8', '✓'], ['customer[email]', pick(EMAILS)], ['customer[password]', password()], ['return_url', `/account?ref=${pick(['header', 'checkout'])}`]]) })
  } else if (r < 0.65) {
    const asJson = rand() < 0.5
    const review = { rating: int(1, 5), title: pick(["Love it!", "Not bad", "Runs small -- size up", "5* would buy again", "Meh :/", '"Best purchase this year"']), body: pick(REVIEWS), author: pick(NAMES), email: pick(EMAILS) }
    const base = baseHeaders('xhr')
    add('review', asJson
      ? { method: 'POST', uri: `/api/products/${pick(PRODUCTS)}/reviews`, headers: json(base), body: JSON.stringify(review) }
      : { method: 'POST', uri: '/reviews', headers: formHeaders(base), body: form([['review[rating]', String(review.rating)], ['review[title]', review.title], ['review[body]', review.body], ['review[author]', review.author], ['review[email]', review.email]]) })
  } else if (r < 0.71) {
    const h = formHeaders(baseHeaders('doc'))
    add('contact-form', { method: 'POST', uri: '/contact', headers: h, body: form([['form_type', 'contact'], ['contact[name]', pick(NAMES)], ['contact[email]', pick(EMAILS)], ['contact[phone]', pick(['', '+44 7700 900123', '(555) 123-4567'])], ['contact[subject]', pick(['Order #45521', "Where's my order?", 'Returns & exchanges', 'API question', 'Re: Re: [Ticket 1234] refund'])], ['contact[body]', pick(TICKETS)]]) })
  } else if (r < 0.77) {
    const h = json({ ...baseHeaders('xhr'), 'x-shopify-storefront-access-token': hex(32) })
    const handle = pick(PRODUCTS)
    const q = pick([
      { query: 'query Product($handle: String!) { product(handle: $handle) { id title vendor priceRange { minVariantPrice { amount currencyCode } } variants(first: 10) { edges { node { id title availableForSale } } } } }', variables: { handle } },
      { query: 'mutation cartLinesAdd($cartId: ID!, $lines: [CartLineInput!]!) { cartLinesAdd(cartId: $cartId, lines: $lines) { cart { id totalQuantity } userErrors { field message } } }', variables: { cartId: `gid://shopify/Cart/${alnum(26)}`, lines: [{ merchandiseId: `gid://shopify/ProductVariant/${int(1000000, 9999999)}`, quantity: int(1, 3) }] } },
      { query: `{ search(query: ${JSON.stringify(pick(SEARCHES))}, first: 20, types: PRODUCT) { edges { node { ... on Product { handle title } } } } }` },
      { operationName: 'Collection', query: 'query Collection($handle: String!, $first: Int = 24, $after: String) { collection(handle: $handle) { products(first: $first, after: $after, sortKey: PRICE) { pageInfo { hasNextPage endCursor } nodes { handle } } } }', variables: { handle: pick(CATEGORIES), after: rand() < 0.5 ? null : b64url(`cursor:${int(1, 999)}`) } },
    ])
    add('graphql', { method: 'POST', uri: '/api/2024-01/graphql.json', headers: h, body: JSON.stringify(q) })
  } else if (r < 0.82) {
    const h = baseHeaders('xhr')
    const api = pick([
      `/products/${pick(PRODUCTS)}.js`,
      `/cart.js`,
      `/search/suggest.json?${form([['q', pick(SEARCHES)], ['resources[type]', 'product,collection'], ['resources[limit]', '6']])}`,
      `/api/products?${form([['category', pick(CATEGORIES)], ['price_min', '10'], ['price_max', '99.99'], ['sort', pick(['price:asc', 'price:desc', '-created_at'])], ['fields', 'id,title,price,images'], ['page[size]', '24']])}`,
      `/recommendations/products.json?product_id=${int(1000000, 9999999)}&limit=4&intent=related`,
      `/wp-admin/admin-ajax.php?action=woocommerce_get_refreshed_fragments&_=${Date.UTC(2024, 2, 12) + int(0, 9999999)}`,
      `/customer/section/load/?sections=cart%2Cmessages%2Ccustomer&force_new_section_timestamp=false&_=${1710000000000 + int(0, 9999999)}`,
    ])
    add('api-get', { method: 'GET', uri: api, headers: { ...h, 'x-requested-with': 'XMLHttpRequest' } })
  } else if (r < 0.86) {
    const h = baseHeaders('xhr')
    const ga = form([['v', '2'], ['tid', `G-${alnum(10).toUpperCase()}`], ['gtm', `45je${alnum(6)}`], ['_p', String(int(100000000, 999999999))], ['cid', `${int(100000000, 2147483647)}.${1700000000 + int(0, 30000000)}`], ['ul', 'en-gb'], ['sr', pick(['1920x1080', '390x844', '2560x1440'])], ['_s', String(int(1, 20))], ['sid', String(1700000000 + int(0, 30000000))], ['dl', `https://${HOST}/products/${pick(PRODUCTS)}?${utm()}`], ['dr', referer()], ['dt', pick(["O'Neill Wetsuit 4/3mm – Shop", 'Search: "rock & roll" – Shop', 'Cart (2) | Shop'])], ['en', pick(['page_view', 'view_item', 'add_to_cart', 'scroll'])], ['ep.search_term', pick(SEARCHES)]])
    add('analytics', { method: 'POST', uri: `/g/collect?${ga}`, headers: { ...h, 'content-type': 'text/plain;charset=UTF-8' }, body: '' })
  } else if (r < 0.9) {
    const h = baseHeaders('doc')
    const boundary = `----WebKitFormBoundary${alnum(16)}`
    const file = pick(FILES)
    const bytes = Buffer.from(Array.from({ length: int(200, 1200) }, () => int(0, 255)))
    const textual = /\.csv$/.test(file)
    const content = textual ? Buffer.from('order,sku,qty\n45521,A1-RED,2\n45521,"B2, blue",1\n') : Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), bytes])
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="order"\r\n\r\n#${int(10000, 99999)}\r\n--${boundary}\r\nContent-Disposition: form-data; name="reason"\r\n\r\n${pick(["Item arrived damaged – box crushed", "Wrong size (ordered M, got L)", "Doesn't fit; too tight around the 'waist'"])}\r\n--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="${file}"\r\nContent-Type: ${textual ? 'text/csv' : pick(['image/jpeg', 'image/png', 'application/pdf'])}\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ])
    add('multipart', { method: 'POST', uri: '/returns/upload', headers: { ...h, 'content-type': `multipart/form-data; boundary=${boundary}`, origin: `https://${HOST}` }, body: body.toString('base64'), body_encoding: 'base64' })
  } else if (r < 0.93) {
    const h = baseHeaders('xhr')
    const page = { title: pick(['Spring Sale', 'Size guide', 'Contact us', 'About us']), content: pick(CMS_PAGES), is_active: true, meta_description: "Shop O'Neill, Levi's & more – free UK delivery over £50" }
    add('cms-admin', { method: 'POST', uri: `/admin/cms/page/save/page_id/${int(1, 40)}/`, headers: json({ ...h, 'x-csrf-token': alnum(40) }), body: JSON.stringify(page) })
  } else {
    const h = baseHeaders('doc')
    const seg = pick([`/products/${encodeURIComponent("l'oréal-élvive")}`, `/collections/${encodeURIComponent('rock & roll')}`, `/search/${encodeURIComponent(pick(SEARCHES))}`, `/de/kategorie/${encodeURIComponent('größen-übersicht')}`, `/ja/${encodeURIComponent('日本茶')}`, `/blogs/news/${encodeURIComponent("what's-new-in-2024")}`, `/pages/faq#returns`, `/cdn/shop/files/banner_1200x.jpg?v=${int(1600000000, 1710000000)}&width=1200`])
    add('path', { method: 'GET', uri: seg, headers: h })
  }
}

writeFileSync(new URL('./benign-shop.ndjson', import.meta.url), `${out.map((r) => JSON.stringify(r)).join('\n')}\n`)
console.log(`wrote ${out.length} requests`)
