/**
 * A third benign corpus, independent of benign-shop.ndjson and benign-platforms.ndjson: what a
 * shop's own staff, staging tools, payment providers and customers send that the other two do
 * not model. Back-office HTML (product descriptions and CMS pages with tables, video embeds,
 * inline styles, JSON-LD), e-mail and theme template editors (Liquid, Twig, Handlebars, MJML),
 * admin report filters, staging developer tooling (source maps, HMR, GraphQL introspection),
 * customer messages in many scripts and pasted Word HTML, uploads with odd file names, base64
 * images in JSON, signed storage URLs, payment webhooks and code-looking shopper searches.
 * Each request says where it arrives (`zone`): `storefront` is what a shop puts behind the
 * WAF; `admin` is the back office, which a shop often excludes by path in config, so it is
 * scored apart to show its false-positive rate on its own (as the guard would see it if the
 * admin were not excluded). Written from the public formats before the engine was run on it;
 * nothing here was chosen or dropped by the verdict it gets. Attack-free.
 * Run: npx tsx bench/waf/corpora/generate-benign-browser.ts  (writes benign-browser.ndjson)
 * @module
 */
import { writeFileSync } from 'node:fs'
import { b64url, browserUserAgents, form, seededText } from './seeded-text.ts'
import type { WafRequest } from '../../../packages/core/src/waf/index.ts'

const SEED = 20261128
const COUNT = 2400
const { rand, pick, int, hex, alnum, uuid, drawWeighted } = seededText(SEED)
const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64')
const now = (): number => 1735000000 + int(0, 20000000)
const iso = (): string => new Date(now() * 1000).toISOString()

const UAS = browserUserAgents()

const HOST = 'shop.example'
const STAGING = 'staging.shop.example'
type Zone = 'storefront' | 'admin'

/** Browser headers; admin requests carry the back office's session cookies and CSRF token. */
function headers(kind: 'doc' | 'xhr', zone: Zone, host = HOST): Record<string, string> {
  const ua = pick(UAS)
  const h: Record<string, string> = { host, 'user-agent': ua, 'accept-language': pick(['en-GB,en;q=0.9', 'ar-SA,ar;q=0.9,en;q=0.8', 'zh-TW,zh;q=0.9,en;q=0.7', 'ko-KR,ko;q=0.9', 'th-TH,th;q=0.9,en;q=0.8', 'hi-IN,hi;q=0.9,en-IN;q=0.8', 'tr-TR,tr;q=0.9', 'el-GR,el;q=0.9', 'vi-VN,vi;q=0.9', 'pl-PL,pl;q=0.9,en;q=0.8']), 'accept-encoding': 'gzip, deflate, br, zstd' }
  h.accept = kind === 'doc' ? 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8' : pick(['application/json', '*/*', 'application/json, text/javascript, */*; q=0.01'])
  h['sec-fetch-site'] = kind === 'doc' ? pick(['none', 'same-origin']) : 'same-origin'
  h['sec-fetch-mode'] = kind === 'doc' ? 'navigate' : 'cors'
  h['sec-fetch-dest'] = kind === 'doc' ? 'document' : 'empty'
  if (rand() < 0.4) {
    const trace = hex(32)
    h['sentry-trace'] = `${trace}-${hex(16)}-1`
    h.baggage = `sentry-environment=production,sentry-release=shop%40${int(1, 9)}.${int(0, 40)}.${int(0, 9)},sentry-public_key=${hex(32)},sentry-trace_id=${trace},sentry-sample_rate=0.1,sentry-transaction=%2Fproducts%2F%3Ahandle,sentry-sampled=true`
  }
  if (rand() < 0.2) h.traceparent = `00-${hex(32)}-${hex(16)}-01`
  if (zone === 'admin') {
    h.cookie = pick([
      `wordpress_logged_in_${hex(32)}=admin%7C${now()}%7C${alnum(43)}%7C${hex(64)}; wp-settings-1=libraryContent%3Dbrowse%26editor%3Dhtml%26hidetb%3D1%26posts_list_mode%3Dlist%26mfold%3Do%26editor_plain_text_paste_warning%3D1; wp-settings-time-1=${now()}`,
      `admin=${alnum(26).toLowerCase()}; form_key=${alnum(16)}; mage-translation-storage=%7B%7D; mage-translation-file-version=%7B%7D`,
      `_secure_admin_session_id=${hex(32)}; _secure_admin_session_id_csrf=${hex(32)}; koa.sid=${alnum(32)}; koa.sid.sig=${alnum(27)}`,
      `sw-context-token=${alnum(32)}; bearerAuth=${encodeURIComponent(JSON.stringify({ access: `${b64url('{"typ":"JWT","alg":"RS256"}')}.${b64url(JSON.stringify({ aud: 'administration', iat: now(), sub: hex(32), scopes: ['write', 'admin'] }))}.${b64url(alnum(256))}`, refresh: `def502${hex(300)}`, expiry: now() }))}`,
    ])
    h['x-csrf-token'] = alnum(40)
    h.referer = `https://${host}/admin/${pick(['catalog/product/edit/id/', 'cms/page/edit/page_id/', 'themes/', 'reports/', 'email-templates/'])}${int(1, 999)}/`
  } else if (rand() < 0.8) {
    h.cookie = `_ga=GA1.1.${int(1e8, 2e9)}.${now()}; _shopify_y=${uuid()}; cart=${alnum(26)}%3Fkey%3D${hex(32)}; localization=${pick(['GB', 'SA', 'TW', 'KR', 'TH', 'IN', 'TR'])}`
    h.referer = `https://${host}/${pick(['', 'collections/all', 'search?q=pipe', 'account', 'pages/contact'])}`
  }
  return h
}

const jsonH = (h: Record<string, string>, type = 'application/json'): Record<string, string> => ({ ...h, 'content-type': type, origin: `https://${h.host}` })
const formH = (h: Record<string, string>): Record<string, string> => ({ ...h, 'content-type': 'application/x-www-form-urlencoded', origin: `https://${h.host}` })
const esc = (s: string): string => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')

// --- Shopper input -------------------------------------------------------------------------

const SEARCHES = [
  '1/2" pipe', '3/4" copper pipe', "O'Reilly", "O'Reilly Learning Python", '--force', 'rm shelf', 'cat toys', 'select*', '<3', '<3 necklace', 'cat 6 cable', 'cat5e patch lead',
  'rm -rf t-shirt', 'sudo make me a sandwich mug', 'kill bill dvd', 'echo show 8', 'wget garden', 'curl cream', 'ping pong balls', 'php elephant plush', 'c++ primer', 'c# in depth',
  'f# for fun', '.net book', 'node.js t-shirt', '50% off', '100% silk', '#1 dad mug', "rock 'n' roll", "'90s hoodie", "80's party", 'pipe | splitter', 'usb > hdmi', 'size < 10',
  '2x4 lumber', '4\' x 6\' rug', '6\'2" tall jeans', "Hershey's kisses", "O'Keeffe's working hands", 'who\'s who', 'drop table lamp', 'drop-leaf table', 'delete key cap', 'insert coin sign',
  'union jack', 'having a ball', 'from scratch cookbook', 'order of the phoenix', 'null & void vinyl', 'true/false quiz', 'if/else mug', '{} braces', '[ ] checkbox stickers', 'a || b',
  '$$$ piggy bank', '~/ home sign', 'script font stencil', 'alert whistle', 'eval kit', 'onload dolly', 'iframe stand', 'exec organizer', 'ls 400 filter', 'ssh key holder',
  'bash bag', 'sh 36 shower head', 'nc blade', 'more than words', 'tail light', 'head torch', 'sort bins', 'find my wallet', 'chmod 777 tee', 'grep t-shirt', "there's no place like 127.0.0.1 doormat",
  'emoji 😂 pillow', '🍕 socks', 'علبة هدايا', 'שעון יד', '保温杯 500ml', '키보드 청축', 'กระเป๋า', 'साड़ी', 'ποτήρια', 'çay bardağı', 'nón lá', 'kubek "Kraków"',
]
const MESSAGES = [
  'مرحباً، طلبت المقاس M لكن وصلني L. هل يمكنني الاستبدال؟ رقم الطلب #A-1042 🙏',
  '\u200Fשלום, החבילה שלי (הזמנה 5521) עדיין לא הגיעה; אפשר לבדוק?\u200F',
  '您好！我想問一下「保溫杯」有沒有 750ml 的？謝謝 😊',
  'こんにちは。注文番号 #8812 の配送先を変更したいです（東京都 → 大阪府）。',
  '안녕하세요, 키보드가 불량인 것 같아요. 교환 가능할까요? 사진 첨부합니다 ㅠㅠ',
  'สวัสดีค่ะ สั่งของไปเมื่อวาน อยากเปลี่ยนที่อยู่จัดส่งค่ะ',
  'नमस्ते, मेरा ऑर्डर #7731 अभी तक नहीं आया। कृपया स्थिति बताएं।',
  'Merhaba, "çay bardağı" seti 6\'lı mı 12\'li mi? Teşekkürler!',
  'Γεια σας, το προϊόν ήρθε σπασμένο :( τι κάνω;',
  'Xin chào, tôi muốn đổi size áo từ M sang L. Cảm ơn!',
  'Dzień dobry, czy kubek "Kraków" jest dostępny w 2 sztukach? Pozdrawiam',
  'Hi! The "1/2" pipe" fitting I got is 3/4" — can you swap it? Order #4471; I can drop it off at the shop.',
  "Hey, your site said 'Out of stock' but then I got a confirmation?? 🤔 Also the promo code 'SPRING-25' doesn't stack with free shipping; is that right?",
  'Family order 👨‍👩‍👧‍👦: 2x kids (age 4-5 & 6-7), 1x adult L. Could you wrap them separately? ❤️🎁',
  "I'm a developer: the cart API returns 422 when quantity is \"2\" (a string) rather than 2. Not a big deal, just FYI; select the integer type in your docs maybe?",
  'Can I pay with PayPal & split it? Otherwise I\'ll use the card ending 4242 -- thanks!!',
  'Order 1042 -> address: 12 Rue de l\'Église; bât. B; code porte 1234#',
]
const WORD_PASTE = [
  '<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40"><head><meta name=ProgId content=Word.Document><meta name=Generator content="Microsoft Word 15"><!--[if gte mso 9]><xml><o:OfficeDocumentSettings><o:AllowPNG/></o:OfficeDocumentSettings></xml><![endif]--><!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View><w:Zoom>0</w:Zoom><w:TrackMoves/><w:TrackFormatting/><w:PunctuationKerning/><w:ValidateAgainstSchemas/></w:WordDocument></xml><![endif]--><style><!-- /* Font Definitions */ @font-face {font-family:"Cambria Math"; panose-1:2 4 5 3 5 4 6 3 2 4;} p.MsoNormal, li.MsoNormal, div.MsoNormal {margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif;} --></style></head><body lang=EN-GB style=\'tab-interval:36.0pt\'><p class=MsoNormal>Dear team,<o:p></o:p></p><p class=MsoNormal>Please find my return reason below: the heel came off after two days.<o:p></o:p></p></body></html>',
  '<!--StartFragment--><p class="MsoNormal" style="margin-bottom:0cm;mso-margin-top-alt:auto"><span lang="EN-US" style="font-size:10.0pt;font-family:&quot;Segoe UI&quot;,sans-serif;mso-fareast-font-family:&quot;Times New Roman&quot;;color:#242424">Order #9921 – invoice needed for company “Müller &amp; Co. KG”, VAT DE123456789.<o:p></o:p></span></p><!--EndFragment-->',
  '<table class="MsoTableGrid" border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;mso-yfti-tbllook:1184"><tr style="mso-yfti-irow:0;mso-yfti-firstrow:yes"><td width="301" valign="top" style="width:225.4pt;border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt"><p class="MsoNormal">SKU<o:p></o:p></p></td><td width="301" valign="top" style="width:225.4pt;border:solid windowtext 1.0pt;border-left:none;padding:0cm 5.4pt 0cm 5.4pt"><p class="MsoNormal">Qty<o:p></o:p></p></td></tr></table>',
]
const FILE_NAMES = [
  "John's CV; final.pdf", 'Invoice "March"; copy.pdf', 'photo (1); edited.jpg', 'résumé – final.docx', 'Q1 report & notes.xlsx', "o'brien.png", '#1 fan.jpg', '100%.png', 'a;b.csv',
  'notes <v2>.txt', 'Screen Shot 2025-01-03 at 9.41.22 AM.png', 'IMG_4471.HEIC', '写真 2025-02-01.jpg', 'صورة الفاتورة.png', 'copy of copy of label (3).pdf', 'order=4471.pdf', 'rm -rf.txt',
  'select fit.jpg', 'scan_2025-03-05_14-22-01; page 1.pdf', 'Kopie von "Rechnung".pdf',
]

/** A PNG of random pixels as a data URL: real headers, incompressible body. */
function pngDataUrl(minBytes: number, maxBytes: number): string {
  const bytes = Buffer.from(Array.from({ length: int(minBytes, maxBytes) }, () => int(0, 255)))
  return `data:image/${pick(['png', 'jpeg', 'webp'])};base64,${b64(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), bytes]))}`
}

// --- Back office content -------------------------------------------------------------------

const VIDEO_EMBEDS = [
  () => `<iframe width="560" height="315" src="https://www.youtube.com/embed/${alnum(11)}?si=${alnum(16)}" title="YouTube video player" frameborder="0" allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share" referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe>`,
  () => `<div style="padding:56.25% 0 0 0;position:relative;"><iframe src="https://player.vimeo.com/video/${int(1e8, 9e8)}?h=${hex(10)}&amp;badge=0&amp;autopause=0&amp;player_id=0&amp;app_id=58479" frameborder="0" allow="autoplay; fullscreen; picture-in-picture; clipboard-write" style="position:absolute;top:0;left:0;width:100%;height:100%;" title="Lookbook SS25"></iframe></div><script src="https://player.vimeo.com/api/player.js"></script>`,
  () => `<iframe src="https://www.youtube-nocookie.com/embed/${alnum(11)}?rel=0&modestbranding=1" width="100%" height="400" loading="lazy" allowfullscreen></iframe>`,
  () => `<video controls playsinline muted poster="https://cdn.${HOST}/files/poster_${int(1, 99)}.jpg"><source src="https://cdn.${HOST}/videos/${alnum(8)}.mp4" type="video/mp4">Your browser does not support video.</video>`,
]
const PRODUCT_NAMES = ["Men's 501® Original Jeans – 32\" × 34\"", 'Ceramic Teapot "Kyūsu" 350 ml', "O'Neill Hyperfreak 4/3+ Wetsuit", 'Copper Pipe ½" (15 mm) – 3 m', 'Kids\' Rain Boots <Size 24–30>', 'Linen Shirt — Relaxed Fit']

function jsonLd(name: string): string {
  const sku = alnum(8).toUpperCase()
  return `<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org/', '@type': 'Product', name, image: [`https://cdn.${HOST}/files/${sku}.jpg`], description: 'Soft, durable & machine-washable.', sku, brand: { '@type': 'Brand', name: pick(["Levi's", 'Hario', "O'Neill"]) }, offers: { '@type': 'Offer', url: `https://${HOST}/products/${sku.toLowerCase()}`, priceCurrency: 'EUR', price: `${int(10, 300)}.99`, availability: 'https://schema.org/InStock' }, aggregateRating: { '@type': 'AggregateRating', ratingValue: '4.6', reviewCount: String(int(3, 900)) } })}</script>`
}

function productHtml(): string {
  const name = pick(PRODUCT_NAMES)
  const parts = [
    `<h2 style="font-family: 'Playfair Display', serif; color: #2b2b2b;">${esc(name)}</h2>`,
    `<p style="text-align: justify;"><span style="color: rgb(51, 51, 51); font-size: 14px;">Made from 100% organic cotton &amp; recycled polyester; fits true to size. <strong>Care:</strong> wash at 30&deg;C, don&#39;t tumble dry.</span></p>`,
    `<table style="width: 100%; border-collapse: collapse;" border="1" cellpadding="6"><thead><tr style="background-color: #f4f4f4;"><th>Size</th><th>Waist (in)</th><th>Inseam (in)</th></tr></thead><tbody><tr><td>S</td><td>28&Prime;–30&Prime;</td><td>32"</td></tr><tr><td>M</td><td>31"–33"</td><td>32"</td></tr><tr><td colspan="3"><em>Between sizes? Select the larger one.</em></td></tr></tbody></table>`,
    `<ul class="features"><li>½" BSP thread</li><li>Max. pressure &lt; 10 bar</li><li>Works with 3/4" adaptors (sold separately)</li></ul>`,
    pick(VIDEO_EMBEDS)(),
    `<p><img src="https://cdn.${HOST}/files/${alnum(10)}_800x.jpg" srcset="https://cdn.${HOST}/files/a_400x.jpg 400w, https://cdn.${HOST}/files/a_800x.jpg 800w" sizes="(max-width: 600px) 400px, 800px" alt="${esc(name)} – front view" loading="lazy" width="800" height="800" style="display:block;margin:0 auto;max-width:100%;height:auto;"></p>`,
    `<details><summary>Shipping &amp; returns</summary><p>Free returns within 30 days. See <a href="/pages/returns" target="_blank" rel="noopener noreferrer">our policy</a>.</p></details>`,
    jsonLd(name),
  ]
  return parts.filter(() => rand() < 0.7).join('\n')
}

const GUTENBERG = [
  () => `<!-- wp:paragraph {"align":"center","style":{"typography":{"fontSize":"18px"}}} -->\n<p class="has-text-align-center" style="font-size:18px">Spring collection — <strong>now in store</strong>.</p>\n<!-- /wp:paragraph -->`,
  () => `<!-- wp:embed {"url":"https://www.youtube.com/watch?v=${alnum(11)}","type":"video","providerNameSlug":"youtube","responsive":true,"className":"wp-embed-aspect-16-9 wp-has-aspect-ratio"} -->\n<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube"><div class="wp-block-embed__wrapper">\nhttps://www.youtube.com/watch?v=${alnum(11)}\n</div></figure>\n<!-- /wp:embed -->`,
  () => `<!-- wp:table {"hasFixedLayout":true} -->\n<figure class="wp-block-table"><table class="has-fixed-layout"><tbody><tr><td>Mon–Fri</td><td>9:00–18:00</td></tr><tr><td>Sat</td><td>10:00–16:00</td></tr></tbody></table></figure>\n<!-- /wp:table -->`,
  () => `<!-- wp:html -->\n<iframe src="https://www.google.com/maps/embed?pb=!1m18!1m12!1m3!1d${int(1000, 9999)}.${int(1e6, 9e6)}!2d-0.1276!3d51.5072!2m3!1f0!2f0!3f0!3m2!1i1024!2i768!4f13.1!3m3!1m2!1s0x0%3A0x${hex(16)}!2sShop!5e0!3m2!1sen!2suk!4v${now()}000" width="600" height="450" style="border:0;" allowfullscreen="" loading="lazy" referrerpolicy="no-referrer-when-downgrade"></iframe>\n<!-- /wp:html -->`,
  () => `<!-- wp:woocommerce/product-collection {"queryId":${int(1, 99)},"query":{"perPage":9,"pages":0,"offset":0,"postType":"product","order":"asc","orderBy":"title","search":"","exclude":[],"inherit":false,"taxQuery":{},"isProductCollectionBlock":true,"woocommerceOnSale":false,"woocommerceStockStatus":["instock","outofstock","onbackorder"]},"tagName":"div","displayLayout":{"type":"flex","columns":3}} /-->`,
]

const LIQUID = [
  `{% comment %} Product card {% endcomment %}\n<div class="card">\n  {%- if product.featured_image -%}\n    {{ product.featured_image | image_url: width: 600 | image_tag: loading: 'lazy', alt: product.title | escape }}\n  {%- endif -%}\n  <h3>{{ product.title | escape }}</h3>\n  {% render 'price', product: product, show_compare_at_price: true %}\n  {% if product.available == false %}<span class="badge">{{ 'products.product.sold_out' | t }}</span>{% endif %}\n</div>`,
  `{%- liquid\n  assign on_sale = false\n  if product.compare_at_price > product.price\n    assign on_sale = true\n  endif\n  for tag in product.tags\n    if tag contains 'preorder'\n      assign preorder = true\n      break\n    endif\n  endfor\n-%}\n{{ 'component-price.css' | asset_url | stylesheet_tag }}\n<script src="{{ 'product-form.js' | asset_url }}" defer="defer"></script>`,
  `{% schema %}\n{\n  "name": "Image banner",\n  "tag": "section",\n  "class": "section",\n  "settings": [\n    { "type": "image_picker", "id": "image", "label": "Image" },\n    { "type": "range", "id": "height", "min": 200, "max": 800, "step": 20, "unit": "px", "label": "Height", "default": 400 },\n    { "type": "select", "id": "text_align", "options": [{ "value": "left", "label": "Left" }, { "value": "center", "label": "Center" }], "default": "center", "label": "Alignment" }\n  ],\n  "presets": [{ "name": "Image banner" }]\n}\n{% endschema %}`,
  `{% for block in section.blocks %}\n  {%- case block.type -%}\n    {%- when 'heading' -%}<h2 {{ block.shopify_attributes }}>{{ block.settings.heading | escape }}</h2>\n    {%- when 'text' -%}<div class="rte">{{ block.settings.text }}</div>\n    {%- when 'button' -%}<a href="{{ block.settings.link | default: '#' }}" class="button">{{ block.settings.label | escape }}</a>\n  {%- endcase -%}\n{% endfor %}\n{% javascript %}\n  document.querySelectorAll('.banner').forEach((el) => el.classList.add('is-ready'));\n{% endjavascript %}`,
]
const TWIG = [
  `{% sw_extends '@Storefront/storefront/component/product/card/box-standard.html.twig' %}\n{% block component_product_box_name %}\n  <a href="{{ seoUrl('frontend.detail.page', {'productId': id}) }}" class="product-name" title="{{ name }}">{{ name|u.truncate(60, '…')|e }}</a>\n{% endblock %}`,
  `{% extends 'base.html.twig' %}\n{% block body %}\n  {% for item in order.lineItems|filter(i => i.quantity > 0) %}\n    <tr><td>{{ item.label }}</td><td>{{ item.quantity }} × {{ item.unitPrice|currency }}</td></tr>\n  {% else %}\n    <tr><td colspan="2">{{ 'account.noOrders'|trans }}</td></tr>\n  {% endfor %}\n{% endblock %}`,
  `{% set discount = (product.price - product.specialPrice) / product.price * 100 %}\n{% if discount >= 10 and product.isAvailable %}<span class="badge">-{{ discount|round }}%</span>{% endif %}`,
]
const HANDLEBARS = [
  `{{#if product.price.without_tax}}\n  <span class="price">{{product.price.without_tax.formatted}}</span>\n{{else}}\n  {{> components/products/price-range price_range=product.price_range}}\n{{/if}}\n{{#each product.images}}<img src="{{getImage this 'zoom_size'}}" alt="{{this.alt}}">{{/each}}`,
  `{{#each order.line_items}}\n<tr>\n  <td>{{this.title}}</td><td align="right">{{this.quantity}} &times; {{money this.price}}</td>\n</tr>\n{{/each}}\n{{{order.gift_message}}}\n{{#unless customer.accepts_marketing}}<p style="font-size:11px;color:#999">You received this because you ordered at {{shop.name}}.</p>{{/unless}}`,
]

const EMAIL_TEMPLATES = [
  () => `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd"><html xmlns="http://www.w3.org/1999/xhtml" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><meta name="viewport" content="width=device-width, initial-scale=1.0"><!--[if mso]><xml><o:OfficeDocumentSettings><o:PixelsPerInch>96</o:PixelsPerInch></o:OfficeDocumentSettings></xml><![endif]--><style type="text/css">body{margin:0;padding:0}table,td{border-collapse:collapse;mso-table-lspace:0pt;mso-table-rspace:0pt}@media only screen and (max-width:600px){.col{width:100%!important}}</style></head><body style="background-color:#f6f6f6"><table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center"><!--[if mso]><table width="600"><tr><td><![endif]--><div style="max-width:600px;margin:0 auto">Hi {{ customer.first_name | default: 'there' }},<br>thanks for your order {{ order.name }}!</div><!--[if mso]></td></tr></table><![endif]--></td></tr></table></body></html>`,
  () => `<mjml><mj-head><mj-attributes><mj-all font-family="Helvetica, Arial, sans-serif"></mj-all></mj-attributes><mj-style inline="inline">.cta a { color: #ffffff !important; }</mj-style></mj-head><mj-body background-color="#ffffff"><mj-section><mj-column><mj-image src="https://cdn.${HOST}/email/logo.png" width="120px"></mj-image><mj-text font-size="20px">Your cart misses you, *|FNAME|*</mj-text><mj-button css-class="cta" href="https://${HOST}/cart?utm_source=email&utm_medium=abandoned_cart&utm_campaign=%5BAC%5D%201h">Back to cart</mj-button><mj-text font-size="10px"><a href="*|UNSUB|*">Unsubscribe</a> · <a href="*|UPDATE_PROFILE|*">Preferences</a></mj-text></mj-column></mj-section></mj-body></mjml>`,
  () => `{% for item in event.extra.line_items %}{% if forloop.counter <= 3 %}<tr><td><img src="{{ item.product.images.0.src|default:'' }}" width="80" alt=""></td><td>{{ item.product.title }}<br>{{ item.quantity }} × {{ item.line_price|floatformat:2 }} €</td></tr>{% endif %}{% endfor %}{% if event.extra.line_items|length > 3 %}<tr><td colspan="2">+ {{ event.extra.line_items|length|add:-3 }} more</td></tr>{% endif %}`,
  () => `<table width="100%" style="font-family:Arial"><tr><td>Hello {{first_name}},</td></tr><tr><td>Your return label for order <b>#{{order_number}}</b> is attached. Drop it off at any post office before {{ "now" | date: "%d.%m.%Y" }}.</td></tr><tr><td style="padding-top:20px"><a href="{{return_url}}" style="background:#111;color:#fff;padding:10px 18px;text-decoration:none;border-radius:4px">Track return</a></td></tr></table>`,
]

const REPORT_FILTERS = [
  "created_at >= '2025-01-01' AND status IN ('paid','refunded')",
  "(orders_count > 3 OR total_spent >= 500) AND NOT tag:'wholesale'",
  "country = 'DE' AND order_total > 100 AND payment_method != 'invoice'",
  "sku LIKE 'TSH-%' AND qty_sold >= 10",
  "email ENDS_WITH '@example.com' OR last_order_at < '2024-06-30'",
  "financial_status:paid fulfillment_status:unshipped created_at:>2025-02-01",
  "product_type = 'Jeans' AND (vendor = \"Levi's\" OR vendor = 'Lee') ORDER BY revenue DESC",
  'accepts_marketing = true AND customer_tags CONTAINS "VIP" AND amount_spent > 1000',
  "status:open AND -tag:test",
  "name = 'O''Brien' OR name = 'D''Angelo'",
]

// --- The corpus ------------------------------------------------------------------------------

type Req = WafRequest & { id: string; kind: string; zone: Zone }
const out: Req[] = []
const add = (kind: string, zone: Zone, r: WafRequest): void => {
  out.push({ id: `browser-${String(out.length).padStart(4, '0')}`, kind, zone, ...r })
}

function multipart(fields: Array<[string, string]>, file: { field: string; name: string; type: string; content: Buffer }): { type: string; body: string } {
  const boundary = `----WebKitFormBoundary${alnum(16)}`
  // Chrome and Firefox escape `"`, CR and LF in a multipart file name as %22, %0D, %0A.
  const quoted = file.name.replaceAll('"', '%22')
  const head = fields.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('')
  const body = Buffer.concat([Buffer.from(`${head}--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${quoted}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.content, Buffer.from(`\r\n--${boundary}--\r\n`)])
  return { type: `multipart/form-data; boundary=${boundary}`, body: b64(body) }
}

function s3Url(): string {
  const date = `2025${String(int(1, 12)).padStart(2, '0')}${String(int(1, 28)).padStart(2, '0')}`
  const q = form([
    ['X-Amz-Algorithm', 'AWS4-HMAC-SHA256'],
    ['X-Amz-Content-Sha256', 'UNSIGNED-PAYLOAD'],
    ['X-Amz-Credential', `ASIA${alnum(16).toUpperCase()}/${date}/eu-west-1/s3/aws4_request`],
    ['X-Amz-Date', `${date}T${String(int(0, 23)).padStart(2, '0')}0000Z`],
    ['X-Amz-Expires', String(pick([300, 900, 3600, 604800]))],
    ['X-Amz-Security-Token', `IQoJb3JpZ2luX2VjE${b64(alnum(600))}`],
    ['X-Amz-Signature', hex(64)],
    ['X-Amz-SignedHeaders', 'host'],
    ['x-id', 'GetObject'],
    ['response-content-disposition', `attachment; filename="${pick(FILE_NAMES).replaceAll('"', '')}"`],
  ])
  return `https://shop-media-prod.s3.eu-west-1.amazonaws.com/uploads/${uuid()}/${encodeURIComponent(pick(FILE_NAMES))}?${q}`
}
function cloudFrontQuery(): string {
  const policy = JSON.stringify({ Statement: [{ Resource: `https://d${alnum(12).toLowerCase()}.cloudfront.net/videos/*`, Condition: { DateLessThan: { 'AWS:EpochTime': now() + 3600 }, IpAddress: { 'AWS:SourceIp': '0.0.0.0/0' } } }] })
  const cf = (s: string): string => s.replaceAll('+', '-').replaceAll('=', '_').replaceAll('/', '~')
  return rand() < 0.5
    ? `Policy=${cf(b64(policy))}&Signature=${cf(b64(alnum(256)))}&Key-Pair-Id=K${alnum(13).toUpperCase()}`
    : `Expires=${now()}&Signature=${cf(b64(alnum(256)))}&Key-Pair-Id=APKA${alnum(16).toUpperCase()}`
}

const STRIPE_EVENTS = ['payment_intent.succeeded', 'checkout.session.completed', 'charge.refunded', 'invoice.paid', 'customer.subscription.updated', 'charge.dispute.created']

const SHAPES: Array<[weight: number, make: () => void]> = [
  // Shopper searches that look like code, units with quotes, scripts and emoji.
  [10, () => add('search', 'storefront', { method: 'GET', uri: `/search?${form([['q', pick(SEARCHES)], ['options[prefix]', 'last'], ...(rand() < 0.4 ? [['filter.p.vendor', pick(["Levi's", "O'Neill", 'Hario'])] as [string, string]] : [])])}`, headers: headers('doc', 'storefront') })],
  [4, () => add('search-suggest', 'storefront', { method: 'GET', uri: `/search/suggest.json?${form([['q', pick(SEARCHES)], ['resources[type]', 'product,query'], ['resources[options][unavailable_products]', 'last'], ['section_id', 'predictive-search']])}`, headers: { ...headers('xhr', 'storefront'), 'x-requested-with': 'XMLHttpRequest' } })],
  // Customer messages in many scripts, some pasted from Word.
  [6, () => add('contact-message', 'storefront', { method: 'POST', uri: '/contact#contact_form', headers: formH(headers('doc', 'storefront')), body: form([['form_type', 'contact'], ['utf8', '✓'], ['contact[name]', pick(['فاطمة الزهراء', 'נועה כהן', '陳美玲', '김민준', 'สมชาย ใจดี', 'प्रिया शर्मा', 'Ayşe Yılmaz', 'Νίκος Παπαδόπουλος', "Siobhán O'Connor"])], ['contact[email]', pick(['fatima.z@example.sa', 'noa+orders@example.co.il', "siobhan.o'connor@example.ie"])], ['contact[body]', pick(MESSAGES)]]) })],
  [3, () => add('rich-message', 'storefront', { method: 'POST', uri: '/apps/helpdesk/api/messages', headers: jsonH(headers('xhr', 'storefront')), body: JSON.stringify({ conversation_id: uuid(), html: pick([...WORD_PASTE, `<p dir="rtl">${pick(MESSAGES)}</p>`, `<p>${esc(pick(MESSAGES))}</p><p><br></p>`]), text: pick(MESSAGES), attachments: [] }) })],
  // Profile with a base64 avatar, gift messages with emoji.
  [4, () => add('avatar-json', 'storefront', { method: 'PUT', uri: '/api/account/profile', headers: jsonH(headers('xhr', 'storefront')), body: JSON.stringify({ display_name: pick(["Siobhán O'Connor", '陳美玲', 'Dr. Ayşe "Ay" Yılmaz']), avatar: pngDataUrl(1500, 6000), locale: pick(['ar', 'he', 'zh-TW', 'ko', 'th', 'hi', 'tr']), marketing_opt_in: rand() < 0.5 }) })],
  [3, () => add('review-photo-json', 'storefront', { method: 'POST', uri: `/apps/reviews/api/reviews`, headers: jsonH(headers('xhr', 'storefront')), body: JSON.stringify({ product_id: int(1e9, 9e9), rating: int(1, 5), title: pick(['<3 it', 'Meh -- 3/5', '10/10 would buy again!!', "Doesn't fit 1/2\" pipe"]), body: pick(MESSAGES), photos: Array.from({ length: int(1, 3) }, () => ({ filename: pick(FILE_NAMES), data: pngDataUrl(800, 3000) })) }) })],
  [3, () => add('gift-message', 'storefront', { method: 'POST', uri: '/cart/update.js', headers: jsonH(headers('xhr', 'storefront')), body: JSON.stringify({ attributes: { 'Gift message': pick(['Happy b-day!! 🎂🎉 <3 from us', 'To: "Mum" — love, J & K xx', "You're #1 -- don't forget it ;)", 'عيد ميلاد سعيد ❤️', '生日快乐！🎁', 'Für Oma & Opa: 100% Liebe']), 'Delivery date': '2025-03-14' }, note: pick(['Leave at door; ring 2x', "Neighbour's name is O'Hara (no. 12)", 'No plastic please :)']) }) })],
  // Uploads with quotes and semicolons in file names.
  [5, () => {
    const name = pick(FILE_NAMES)
    const content = /\.(txt|csv)$/.test(name) ? Buffer.from(`order;sku;qty\n4471;"TSH-01; blue";2\n4471;PIPE-1/2";1\n`) : Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1]), Buffer.from(Array.from({ length: int(300, 1500) }, () => int(0, 255)))])
    const m = multipart([['order', `#${int(1000, 9999)}`], ['reason', pick(["Wrong size; too tight", 'Arrived damaged -- see photo', "Colour isn't as pictured"])]], { field: 'attachment', name, type: /\.(txt|csv)$/.test(name) ? 'text/plain' : 'image/jpeg', content })
    add('upload-odd-name', 'storefront', { method: 'POST', uri: '/apps/returns/upload', headers: { ...headers('doc', 'storefront'), 'content-type': m.type, origin: `https://${HOST}` }, body: m.body, body_encoding: 'base64' })
  }],
  // Signed storage URLs: fetched, and posted back after a direct upload.
  [4, () => add('signed-url-get', 'storefront', { method: 'GET', uri: rand() < 0.5 ? `/uploads/${uuid()}/${encodeURIComponent(pick(FILE_NAMES))}?${s3Url().split('?')[1]!}` : `/videos/lookbook-${int(1, 9)}/index.m3u8?${cloudFrontQuery()}`, headers: headers('xhr', 'storefront') })],
  [3, () => add('signed-url-json', 'storefront', { method: 'POST', uri: '/apps/returns/api/attachments', headers: jsonH(headers('xhr', 'storefront')), body: JSON.stringify({ url: s3Url(), key: `uploads/${uuid()}/${pick(FILE_NAMES)}`, size: int(1e4, 5e6), content_type: 'image/jpeg', etag: `"${hex(32)}"` }) })],
  // Payment provider webhooks (server to server, through the same WAF).
  [4, () => {
    const t = now()
    const type = pick(STRIPE_EVENTS)
    const body = JSON.stringify({ id: `evt_${alnum(24)}`, object: 'event', api_version: '2024-06-20', created: t, type, livemode: true, pending_webhooks: 1, request: { id: `req_${alnum(14)}`, idempotency_key: uuid() }, data: { object: { id: `pi_${alnum(24)}`, object: 'payment_intent', amount: int(500, 50000), currency: 'eur', customer: `cus_${alnum(14)}`, description: `Order #${int(1000, 9999)} – ${pick(PRODUCT_NAMES)}`, metadata: { order_id: String(int(1000, 9999)), cart_token: alnum(26), note: "Leave w/ neighbour; 'blue door'" }, payment_method_types: ['card', 'klarna'], shipping: { name: "Siobhán O'Connor", address: { line1: "12 Rue de l'Église; bât. B", city: 'Lyon', postal_code: '69001', country: 'FR' } }, statement_descriptor_suffix: 'SHOP*ORDER', last_payment_error: null } } })
    add('stripe-webhook', 'storefront', { method: 'POST', uri: '/webhooks/stripe', headers: { host: HOST, 'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)', accept: '*/*; q=0.5, application/xml', 'cache-control': 'no-cache', 'content-type': 'application/json; charset=utf-8', 'stripe-signature': `t=${t},v1=${hex(64)},v0=${hex(64)}` }, body })
  }],
  [3, () => add('adyen-webhook', 'storefront', { method: 'POST', uri: '/webhooks/adyen', headers: { host: HOST, 'user-agent': 'Adyen HttpClient 1.0', 'content-type': 'application/json', authorization: `Basic ${b64(`ws_${int(100000, 999999)}@Company.Shop:${alnum(20)}`)}` }, body: JSON.stringify({ live: 'true', notificationItems: [{ NotificationRequestItem: { additionalData: { hmacSignature: b64(alnum(32)), 'cardSummary': '4242', 'expiryDate': '03/2030', 'authCode': String(int(100000, 999999)), 'shopperReference': `customer-${int(1, 99999)}`, 'paymentLinkId': `PL${alnum(16).toUpperCase()}`, 'checkout.cardAddedBrand': 'visa', 'recurring.recurringDetailReference': alnum(16).toUpperCase(), 'riskdata.basket.item1.productTitle': pick(PRODUCT_NAMES) }, amount: { currency: 'EUR', value: int(500, 50000) }, eventCode: pick(['AUTHORISATION', 'CAPTURE', 'REFUND', 'CHARGEBACK']), eventDate: iso(), merchantAccountCode: 'ShopECOM', merchantReference: `order-${int(1000, 9999)}`, operations: ['CANCEL', 'CAPTURE', 'REFUND'], paymentMethod: pick(['visa', 'mc', 'klarna_paynow', 'ideal']), pspReference: alnum(16).toUpperCase(), reason: `${int(100000, 999999)}:4242:03/2030`, success: 'true' } }] }) })],
  [3, () => add('paypal-ipn', 'storefront', { method: 'POST', uri: '/paypal/ipn', headers: { host: HOST, 'user-agent': 'PayPal IPN ( https://www.paypal.com/ipn )', 'content-type': 'application/x-www-form-urlencoded', connection: 'close' }, body: form([['mc_gross', `${int(5, 500)}.00`], ['protection_eligibility', 'Eligible'], ['address_status', 'confirmed'], ['payer_id', alnum(13).toUpperCase()], ['address_street', pick(["12 Rue de l'Église; bât. B", 'Flat 3, 2nd floor; buzzer #12', '1/2 Main St. "rear"'])], ['payment_date', '03:22:15 Mar 14, 2025 PDT'], ['payment_status', pick(['Completed', 'Pending', 'Refunded'])], ['charset', 'UTF-8'], ['address_zip', '69001'], ['first_name', 'Siobhán'], ['mc_fee', '1.23'], ['address_country_code', 'FR'], ['address_name', "Siobhán O'Connor"], ['notify_version', '3.9'], ['custom', JSON.stringify({ order_id: int(1000, 9999), cart: alnum(10) })], ['payer_status', 'verified'], ['business', 'payments@shop.example'], ['address_country', 'France'], ['address_city', 'Lyon'], ['quantity', '1'], ['verify_sign', `A${alnum(55)}.${alnum(8)}`], ['payer_email', "siobhan.o'connor@example.ie"], ['txn_id', alnum(17).toUpperCase()], ['payment_type', 'instant'], ['last_name', "O'Connor"], ['receiver_email', 'payments@shop.example'], ['item_name', pick(PRODUCT_NAMES)], ['mc_currency', 'EUR'], ['item_number', `SKU-${alnum(6)}`], ['residence_country', 'FR'], ['transaction_subject', `Order #${int(1000, 9999)}`], ['payment_gross', ''], ['ipn_track_id', hex(13)]]) })],
  [2, () => add('mollie-webhook', 'storefront', { method: 'POST', uri: '/webhooks/mollie', headers: { host: HOST, 'user-agent': 'Mollie HTTP Client/1.0', 'content-type': 'application/x-www-form-urlencoded' }, body: form([['id', `tr_${alnum(10)}`]]) })],
  // Staging developer tooling (the guard runs on staging too).
  [4, () => add('dev-sourcemap', 'storefront', { method: 'GET', uri: pick([`/assets/index-${alnum(8)}.js.map`, `/_next/static/chunks/pages/products/%5Bhandle%5D-${hex(16)}.js.map`, `/cdn/shop/t/${int(1, 40)}/assets/theme.js.map?v=${int(1e9, 2e9)}`, `/static/js/main.${hex(8)}.chunk.js.map`]), headers: { ...headers('xhr', 'storefront', STAGING), 'sec-fetch-dest': 'empty', 'sec-fetch-mode': 'no-cors' } })],
  [4, () => add('dev-hmr', 'storefront', { method: 'GET', uri: pick([`/__webpack_hmr`, `/_next/webpack-hmr?page=${encodeURIComponent('/products/[handle]')}`, `/@vite/client`, `/@fs/home/dev/shop/node_modules/.vite/deps/react.js?v=${hex(8)}`, `/node_modules/.vite/deps/chunk-${alnum(8).toUpperCase()}.js?v=${hex(8)}`, `/src/components/Cart.tsx?t=${now()}123`, `/@id/__x00__react/jsx-runtime`, `/@react-refresh`, `/${hex(20)}.hot-update.json`, `/main.${hex(20)}.hot-update.js`, `/__nextjs_original-stack-frame?${form([['isServer', 'false'], ['isEdgeServer', 'false'], ['isAppDirectory', 'false'], ['file', 'webpack-internal:///./src/pages/_app.tsx'], ['methodName', 'MyApp'], ['arguments', ''], ['lineNumber', String(int(1, 200))], ['column', String(int(1, 60))]])}`, `/_next/static/development/_devPagesManifest.json`, `/__vite_ping`]), headers: headers('xhr', 'storefront', STAGING) })],
  [3, () => add('graphql-introspection', 'storefront', { method: 'POST', uri: '/graphql', headers: jsonH({ ...headers('xhr', 'storefront', STAGING), 'apollographql-client-name': 'shop-web', 'apollographql-client-version': '1.4.2' }), body: JSON.stringify({ operationName: 'IntrospectionQuery', variables: {}, query: 'query IntrospectionQuery {\n  __schema {\n    queryType { name }\n    mutationType { name }\n    subscriptionType { name }\n    types { ...FullType }\n    directives { name description locations args { ...InputValue } }\n  }\n}\n\nfragment FullType on __Type {\n  kind\n  name\n  description\n  fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }\n  inputFields { ...InputValue }\n  interfaces { ...TypeRef }\n  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }\n  possibleTypes { ...TypeRef }\n}\n\nfragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }\n\nfragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }' }) })],
  [3, () => add('graphql-persisted', 'storefront', { method: 'GET', uri: `/graphql?${form([['operationName', pick(['ProductByHandle', 'SearchProducts', 'CartLines'])], ['variables', JSON.stringify({ handle: pick(['copper-pipe-1-2', "o-neill-wetsuit"]), query: pick(SEARCHES), first: 24, filters: [{ price: { min: 10, max: 100 } }] })], ['extensions', JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hex(64) } })]])}`, headers: headers('xhr', 'storefront') })],
  // Back office: product descriptions and CMS pages as HTML (Magento form, WooCommerce post, Shopify admin GraphQL).
  [6, () => add('admin-product-html', 'admin', { method: 'POST', uri: `/admin/catalog/product/save/id/${int(1, 9999)}/back/edit/`, headers: formH(headers('doc', 'admin')), body: form([['form_key', alnum(16)], ['product[name]', pick(PRODUCT_NAMES)], ['product[sku]', `SKU-${alnum(6)}`], ['product[price]', `${int(5, 300)}.99`], ['product[description]', productHtml()], ['product[short_description]', `<p>${esc(pick(PRODUCT_NAMES))} &ndash; <em>new season</em></p>`], ['product[meta_title]', `${pick(PRODUCT_NAMES)} | Shop`], ['product[url_key]', alnum(10).toLowerCase()]]) })],
  [4, () => add('admin-wp-post', 'admin', { method: 'POST', uri: `/wp-admin/post.php`, headers: formH(headers('doc', 'admin')), body: form([['_wpnonce', hex(10)], ['_wp_http_referer', `/wp-admin/post.php?post=${int(1, 9999)}&action=edit`], ['user_ID', '1'], ['action', 'editpost'], ['post_type', pick(['product', 'page'])], ['post_ID', String(int(1, 9999))], ['post_title', pick(PRODUCT_NAMES)], ['content', Array.from({ length: int(2, 4) }, () => pick(GUTENBERG)()).join('\n\n')], ['excerpt', pick(["Our bestseller -- now in 3 colours & 2 fits.", 'Limited run; while stocks last!'])], ['_regular_price', `${int(5, 300)}.99`], ['tax_input[product_tag]', 'sale, new-in, "gift ideas"']]) })],
  [4, () => add('admin-graphql-product', 'admin', { method: 'POST', uri: '/admin/api/2025-01/graphql.json', headers: jsonH({ ...headers('xhr', 'admin'), 'x-shopify-access-token': `shpat_${hex(32)}` }), body: JSON.stringify({ query: 'mutation productUpdate($input: ProductInput!) { productUpdate(input: $input) { product { id title descriptionHtml } userErrors { field message } } }', variables: { input: { id: `gid://shopify/Product/${int(1e12, 9e12)}`, title: pick(PRODUCT_NAMES), descriptionHtml: productHtml(), seo: { title: pick(PRODUCT_NAMES), description: 'Free delivery & 30-day returns.' }, tags: ['new', "editor's pick"] } } }) })],
  [3, () => add('admin-cms-page', 'admin', { method: 'POST', uri: `/admin/cms/page/save/`, headers: jsonH(headers('xhr', 'admin')), body: JSON.stringify({ page_id: int(1, 99), title: pick(['About us', 'Lookbook SS25', 'Store locator', 'Size guide']), content_heading: '', content: `<div class="row" style="display:flex;gap:24px"><div class="col" style="flex:1">${productHtml()}</div><div class="col" style="flex:1">${pick(GUTENBERG)()}</div></div>`, is_active: 1, layout: 'cms-full-width', custom_theme: '', meta_keywords: 'select, union, drop, jeans' }) })],
  // E-mail and theme template editors.
  [4, () => add('admin-email-template', 'admin', { method: 'POST', uri: `/admin/email-templates/${pick(['order-confirmation', 'abandoned-cart', 'return-label', 'shipping-update'])}`, headers: jsonH(headers('xhr', 'admin')), body: JSON.stringify({ subject: pick(['Your order {{ order.name }} is confirmed 🎉', 'Still thinking it over, *|FNAME|*?', "Here's your return label"]), body_html: pick(EMAIL_TEMPLATES)(), preview_text: 'Free returns & exchanges -- always.' }) })],
  [5, () => {
    const engine = int(0, 2)
    const value = engine === 0 ? pick(LIQUID) : engine === 1 ? pick(TWIG) : pick(HANDLEBARS)
    const key = engine === 0 ? `sections/${pick(['main-product', 'image-banner', 'featured-collection'])}.liquid` : engine === 1 ? `Resources/views/storefront/component/product/card/${pick(['box', 'price'])}.html.twig` : `templates/components/products/${pick(['card', 'price'])}.html`
    add('admin-theme-editor', 'admin', { method: 'PUT', uri: `/admin/themes/${int(1e8, 9e8)}/assets.json`, headers: jsonH(headers('xhr', 'admin')), body: JSON.stringify({ asset: { key, value } }) })
  }],
  [3, () => add('admin-theme-css', 'admin', { method: 'PUT', uri: `/admin/themes/${int(1e8, 9e8)}/assets.json`, headers: jsonH(headers('xhr', 'admin')), body: JSON.stringify({ asset: { key: 'assets/custom.css', value: `.header{background:url("data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' width='8' height='8'><path d='M0 0h8v8z' fill='%23eee'/></svg>")}\n.product-card:hover > .price::after{content:" \\2014  sale";color:#c00}\n@media (max-width: 749px){.grid--2-col{grid-template-columns:1fr}}\n@import url('https://fonts.googleapis.com/css2?family=Inter:wght@400;700&display=swap');` } }) })],
  // Admin report filters and exports that read like SQL.
  [4, () => add('admin-report-filter', 'admin', { method: 'GET', uri: `/admin/reports/${pick(['sales', 'customers', 'inventory'])}?${form([['filter', pick(REPORT_FILTERS)], ['group_by', pick(['day', 'product_type', 'country'])], ['sort', pick(['revenue desc', 'created_at asc', '-orders_count'])], ['from', '2025-01-01'], ['to', '2025-03-31']])}`, headers: headers('xhr', 'admin') })],
  [3, () => add('admin-segment', 'admin', { method: 'POST', uri: '/admin/api/customer-segments', headers: jsonH(headers('xhr', 'admin')), body: JSON.stringify({ name: pick(['VIP (spent > 1k)', "Lapsed '24 buyers", 'Newsletter & no order']), query: pick(REPORT_FILTERS), export: { format: 'csv', columns: ['email', 'first_name', 'orders_count', 'total_spent'], delimiter: ';' } }) })],
  [2, () => add('admin-grid', 'admin', { method: 'POST', uri: '/admin/mui/index/render/', headers: formH({ ...headers('xhr', 'admin'), 'x-requested-with': 'XMLHttpRequest' }), body: form([['namespace', 'sales_order_grid'], ['search', pick(["O'Brien", '1/2" pipe', 'order #1042'])], ['filters[placeholder]', 'true'], ['filters[created_at][from]', '01/01/2025'], ['filters[grand_total][from]', '100'], ['filters[status]', 'processing'], ['paging[pageSize]', '20'], ['paging[current]', '1'], ['sorting[field]', 'created_at'], ['sorting[direction]', 'desc'], ['isAjax', 'true'], ['form_key', alnum(16)]]) })],
]

drawWeighted(SHAPES, () => out.length >= COUNT)

writeFileSync(new URL('./benign-browser.ndjson', import.meta.url), `${out.map((r) => JSON.stringify(r)).join('\n')}\n`)
console.log(`wrote ${out.length} requests (${out.filter((r) => r.zone === 'admin').length} admin)`)
