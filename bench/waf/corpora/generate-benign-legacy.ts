/**
 * A fourth benign corpus: the traffic of older and regional shops that benign-shop,
 * benign-platforms and benign-browser do not model. Forms posted by pages served in
 * ISO-8859-1 or Windows-1252 (browsers percent-encode in the page's charset: `%F1`, `%E9`,
 * `%92`, and `&#8364;` for what the charset cannot hold), legacy JavaScript `escape()`
 * (`%u20AC`), Java shops (`;jsessionid=`, JSESSIONID, Struts/JSF/ATG/WebSphere form fields,
 * `j_security_check`), PHP and ASP shops (osCommerce, Zen Cart, OpenCart, PrestaShop 1.6,
 * OXID, Magento 1, `.asp?id=`), `B1=Entrar` / `submit=Send` buttons, old Urchin `__utmz`
 * cookies, Internet Explorer and Android WebView user agents; checkout, login and
 * registration forms with Spanish, French, German, Portuguese, Italian and Irish names and
 * addresses (`nº`, `c/`, `3º 2ª`, `d'Alembert`), real passwords (quotes, `--`, `#`, `;`,
 * `%`), phone numbers and postal codes of many countries, card holders, gift messages and
 * delivery notes; searches in several languages holding SQL and shell words and inch/foot
 * marks; uploads named with Windows paths; tracking parameters; OAuth/OIDC callbacks and
 * SAML redirects and posts; SOAP and XML order feeds from marketplaces and ERPs
 * (namespaces, `xsi:schemaLocation`, CDATA descriptions, no DTD) and CSV imports.
 * Written from the public formats before the engine was run on it; nothing here was chosen
 * or dropped by the verdict it gets. Attack-free.
 * Run: npx tsx bench/waf/corpora/generate-benign-legacy.ts  (writes benign-legacy.ndjson)
 * @module
 */
import { writeFileSync } from 'node:fs'
import { deflateRawSync } from 'node:zlib'
import { b64url, browserUserAgents, fixtureUserAgents, form, seededText } from './seeded-text.ts'
import type { WafRequest } from '../../../packages/core/src/waf/index.ts'

const SEED = 20261129
const COUNT = 2400
const { rand, pick, int, hex, alnum, uuid, drawWeighted } = seededText(SEED)
const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64')
const now = (): number => 1700000000 + int(0, 40000000)

/** Internet Explorer 6–11, Android WebView (`; wv)`, `Version/4.0 Chrome/`), Opera Mini, Samsung and MIUI browsers. */
const LEGACY_UAS = fixtureUserAgents().filter((ua) => /MSIE|Trident\/|; wv\)|Version\/4\.0 Chrome\/|Opera Mini|SamsungBrowser|MiuiBrowser/.test(ua))
const MODERN_UAS = browserUserAgents()
const HOST = 'www.tienda-ejemplo.es'

// --- Legacy encodings ----------------------------------------------------------------------

type Charset = 'iso-8859-1' | 'windows-1252' | 'utf-8'
/** Windows-1252's printable characters in 0x80–0x9F, where ISO-8859-1 has C1 controls. */
const CP1252: Record<string, number> = { '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89, 'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f }

/** Bytes of `s` in a page charset; a character the charset lacks becomes `&#N;`, as browsers submit it. */
function encodeText(s: string, cs: Charset): Buffer {
  if (cs === 'utf-8') return Buffer.from(s, 'utf8')
  const bytes: number[] = []
  for (const ch of s) {
    const cp = ch.codePointAt(0)!
    const b = cs === 'windows-1252' && CP1252[ch] !== undefined ? CP1252[ch]! : cp < 0x100 && !(cs === 'windows-1252' && cp >= 0x80 && cp < 0xa0) ? cp : -1
    if (b >= 0) bytes.push(b)
    else for (const c of Buffer.from(`&#${cp};`, 'latin1')) bytes.push(c)
  }
  return Buffer.from(bytes)
}
const UNRESERVED_FORM = /[A-Za-z0-9*\-._]/
/** application/x-www-form-urlencoded in a page charset (HTML's algorithm: `*-._` and alphanumerics raw, space as `+`). */
function legacyForm(pairs: Array<[string, string]>, cs: Charset): string {
  const enc = (s: string): string => {
    let out = ''
    for (const byte of encodeText(s, cs)) {
      const c = String.fromCharCode(byte)
      out += byte === 0x20 ? '+' : byte < 0x80 && UNRESERVED_FORM.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
    }
    return out
  }
  return pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&')
}
/** JavaScript's legacy escape(), still in old shops' AJAX: `%E9` for é, `%u20AC` for €, `@*_+-./` raw. */
function jsEscape(s: string): string {
  let out = ''
  for (const ch of s) {
    const cp = ch.charCodeAt(0)
    out += /[A-Za-z0-9@*_+\-./]/.test(ch) ? ch : cp < 0x100 ? `%${cp.toString(16).toUpperCase().padStart(2, '0')}` : `%u${cp.toString(16).toUpperCase().padStart(4, '0')}`
  }
  return out
}
const pageCharset = (): Charset => pick(['iso-8859-1', 'iso-8859-1', 'windows-1252', 'windows-1252', 'utf-8'])

// --- People, places and words --------------------------------------------------------------

const PEOPLE: Array<{ first: string; last: string; country: string; lang: string }> = [
  { first: 'María José', last: 'Núñez Peña', country: 'ES', lang: 'es-ES' },
  { first: 'Íñigo', last: 'Etxeberria Muñoz', country: 'ES', lang: 'es-ES' },
  { first: 'Jordi', last: "Puig i Ferrer", country: 'ES', lang: 'ca-ES' },
  { first: 'Begoña', last: 'Álvarez de Toledo', country: 'ES', lang: 'es-ES' },
  { first: 'François-Xavier', last: "d'Alembert", country: 'FR', lang: 'fr-FR' },
  { first: 'Hélène', last: "L'Héritier", country: 'FR', lang: 'fr-FR' },
  { first: 'Jérôme', last: 'Lefèvre-Dupré', country: 'FR', lang: 'fr-FR' },
  { first: 'Jürgen', last: 'Müller-Lüdenscheidt', country: 'DE', lang: 'de-DE' },
  { first: 'Björn', last: 'Weiß', country: 'DE', lang: 'de-DE' },
  { first: 'Gülşen', last: 'Özdemir', country: 'DE', lang: 'de-DE' },
  { first: 'João', last: "Gonçalves d'Ávila", country: 'PT', lang: 'pt-PT' },
  { first: 'Conceição', last: 'Araújo', country: 'BR', lang: 'pt-BR' },
  { first: 'Siobhán', last: "O'Neill", country: 'IE', lang: 'en-IE' },
  { first: 'Seán', last: 'Ó Súilleabháin', country: 'IE', lang: 'en-IE' },
  { first: 'Giuseppe', last: "D'Angelo", country: 'IT', lang: 'it-IT' },
  { first: 'Niccolò', last: "Dell'Acqua", country: 'IT', lang: 'it-IT' },
  { first: 'Zoë', last: 'van der Meer', country: 'NL', lang: 'nl-NL' },
  { first: 'Åsa', last: 'Lindström', country: 'SE', lang: 'sv-SE' },
  { first: 'Søren', last: 'Kierkegård', country: 'DK', lang: 'da-DK' },
  { first: 'Œdipe', last: 'Bœuf', country: 'FR', lang: 'fr-FR' },
]
const STREETS: Record<string, string[]> = {
  ES: ['C/ Mayor, 12, 3º 2ª', 'Avda. de la Constitución nº 5, bajo B', 'c/ Sant Antoni Maria Claret 167, 4t 1a', 'Pza. de España 3 - 1º dcha.', 'Camino de la Fuente s/n, Urb. Los Pinos nº 7', "Pg. de Gràcia 43, esc. B, 2n 3a", 'C/ Alcalá 45, ático izq. (portal 2)'],
  FR: ["12, rue d'Alembert", 'Bât. C – Esc. 2 – Appt 34, 5 allée des Tilleuls', 'Lieu-dit « Les Pâquis »', "3 bis, place de l'Église", '27 av. Jean-Jaurès, 2ème étage porte gauche', 'Résidence Le Parc, bât. A n°12'],
  DE: ['Königsallee 27a', 'c/o Müller & Söhne GmbH, Hauptstraße 5', 'Am Großen Wannsee 56–58, Hinterhaus 2. OG', 'Zur Mühle 3 (Eingang Rückseite)', 'Kurfürstendamm 195, App. 4/12'],
  PT: ["Rua Dr. António José d'Almeida, nº 12, 2º Esq.", 'Av. da Liberdade 110, 3º andar', 'Travessa do Carmo, 1 - r/c'],
  BR: ['Av. Paulista, 1578 - 5º andar - Bela Vista', 'R. Oscar Freire, 379 - apto 42, bloco B', 'Rua das Flores, 12 - casa 2 (fundos)'],
  IE: ["Apt 4, O'Connell Court, 12 Lr O'Connell St.", 'The Old Rectory, Ballinasloe Rd', "Unit 7, St. Patrick's Business Park"],
  IT: ["Via dell'Indipendenza 3/A", "P.zza Sant'Agata 12, int. 4", 'Corso Vittorio Emanuele II, 154 - scala B'],
  NL: ["Prinsengracht 263-1 hoog", "Van 't Hoffstraat 8 bis"],
  SE: ['Storgatan 12 B, lgh 1102'],
  DK: ['Nørrebrogade 45, 3. th.'],
}
const POSTCODES: Record<string, string[]> = { ES: ['28013', '08001', '48005', '41004'], FR: ['75008', '69001', '13002', '97400'], DE: ['40212', '10719', '80331'], PT: ['1250-096', '4000-322'], BR: ['01310-200', '22071-900'], IE: ['D02 X285', 'H53 YA97', 'T12 K8AF'], IT: ['40126', '00186', '95124'], NL: ['1016 GV', '3011 AD'], SE: ['111 29', '411 38'], DK: ['2200', '8000'] }
const CITIES: Record<string, string[]> = { ES: ['Madrid', 'Barcelona', 'Bilbao', 'Sevilla', "L'Hospitalet de Llobregat", 'A Coruña'], FR: ['Paris', 'Lyon', "Villeneuve-d'Ascq", 'Saint-Denis (La Réunion)'], DE: ['Düsseldorf', 'Berlin', 'München', 'Frankfurt a. M.'], PT: ['Lisboa', 'Porto'], BR: ['São Paulo', 'Rio de Janeiro'], IE: ['Dublin', 'Ballinasloe', 'Cork'], IT: ['Bologna', 'Roma', 'Catania'], NL: ['Amsterdam', 'Rotterdam'], SE: ['Stockholm', 'Göteborg'], DK: ['København N', 'Aarhus C'] }
const PHONES: Record<string, string[]> = {
  ES: ['+34 912 34 56 78', '912345678', '(+34) 600-123-456', '0034 93 123 45 67'],
  FR: ['01 23 45 67 89', '+33 (0)6 12 34 56 78', '06.12.34.56.78'],
  DE: ['+49 (0)30 1234567', '030/1234567-12', '0171 / 123 45 67'],
  PT: ['+351 912 345 678', '21 123 4567'],
  BR: ['(11) 98765-4321', '+55 21 2345-6789'],
  IE: ['+353 (0)1 234 5678', '087 123 4567', '+353 1 234 5678 ext. 12'],
  IT: ['+39 06 1234 5678', '333 123 4567'],
  NL: ['+31 (0)20-1234567', '06-12345678'],
  SE: ['+46 8-123 456 78', '070-123 45 67'],
  DK: ['+45 12 34 56 78'],
}
const EMAILS = ["maria.nunez@telefonica.net", "fx.dalembert@orange.fr", "j.mueller-luedenscheidt@t-online.de", "siobhan.o'neill@eircom.net", "giuseppe.d'angelo@libero.it", 'joao+loja@sapo.pt', 'conceicao_araujo@uol.com.br', 'b.weiss@gmx.de', 'ines.etxeberria@euskaltel.net']
const STATES: Record<string, string[]> = { ES: ['Madrid', 'Barcelona', 'Bizkaia', 'Sevilla'], BR: ['SP', 'RJ'], IT: ['BO', 'RM', 'CT'] }

/** What people type as passwords on old shops; and password-manager output over every printable symbol. */
function password(): string {
  if (rand() < 0.35) {
    const symbols = `!"#$%&'()*+,-./:;<=>?@[\\]^_\`{|}~`
    const chars = `ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789${symbols}`
    return Array.from({ length: int(10, 20) }, () => chars[int(0, chars.length - 1)]).join('')
  }
  return pick([
    "Ma'ria1975", 'pa$$word--2024', 'Contraseña#1', 'qwerty;123', '100%Sicher!', "d'Artagnan#3", '"quoted"pass', 'hunter2--', "abc'123", 'P@ss;word%', 'Ünter#Weg;9', "L'été-2019!", 'mi-perro-se-llama-"Toby"', 'Sommer2023;-)', 'Benfica#1904', '#1Mamá', "O'Neill--99", 'Passwort%25', 'C:\\Temp\\pass', '<3milu#', "it's_me;ok", "rock'n'roll--", 'Año2000;', 'x--y--z#', 'São#Paulo%11', 'azerty&123', 'Gr@ßvater\'s', 'Porto;1893', '1234;abcd', 'M!ch@el--J',
  ])
}
const CARD_HOLDERS = ['MARIA DEL CARMEN NUÑEZ', "J. O'NEILL", "FRANÇOIS-XAVIER D'ALEMBERT", 'JÜRGEN MÜLLER', 'CONCEIÇÃO ARAÚJO', "G. D'ANGELO", 'DR. BJÖRN WEISS', 'MR & MRS P. HIGGINS']
const GIFT_MESSAGES = ['Feliz cumpleaños, mamá!! ;-) Te quiero <3', "Pour Hélène – joyeux anniversaire ! Bisous, J. & M.", 'Alles Gute zum 60.! -- Eure Kinder', "Parabéns, vovó! 'Com amor' da Inês", "For my #1 dad -- love, the O'Neill clan", "Happy 5th anniversary; here's to 50 more :)", 'Buon Natale & felice anno nuovo!!! 🎄', 'Zum Geburtstag viel Glück — 100% von Herzen', 'Para ti, "la mejor abuela del mundo" 💐', "Joyeux Noël de la part d'Amélie & Raphaël"]
const DELIVERY_NOTES = ['leave at door -- side gate; ring twice', 'Dejar en portería (Sr. García) si no estoy; 3º 2ª', 'Code porte : 4521B # interphone 12', 'Bitte beim Nachbarn (Hs.-Nr. 5a) abgeben; nicht klingeln -- Baby schläft!', 'Entregar após as 18h; tocar 2x na campainha', 'If out, put it in the shed (code 1234*)', "Don't leave with no. 7 -- they're away", 'Lieferung nur Mo.–Fr. 8–12 Uhr; Tor: #0815', "Timbre 'B', 2º piso; si no contesto, llamar al 600-123-456", 'Livrer au gardien, bât. C; digicode 1987A', "Back door; dog is friendly (mostly) :)", 'Deixar na receção -- ed. "Atlântico", 5º esq.']
/** Shopper searches in several languages that hold SQL and shell words, inch and foot marks. */
const SEARCHES = [
  'union jack', 'select size', 'drop earrings', 'exec chair', 'cat & dog bed', '1/2" & 3/4" fittings', 'funda "union" sofá', 'pendientes drop', 'silla exec ergonómica', 'cama para perro & gato',
  'sélection été 2024', 'table de nuit -chêne', "boucles d'oreilles drop", 'Kabel 5m | HDMI', 'Tisch; Eiche massiv', 'Schuhe Größe 42 & 43', 'Drop-Ohrringe Silber', 'update firmware router',
  'delete key cover', 'mesa order nº 5', 'where to buy nappies', 'script caligrafía', 'alert pulsera médica', 'sort organizador', 'mesa ping pong', 'echo dot 5ª gen', 'kill switch moto',
  'or y plata', 'and/or relé', 'pantalón 32" x 34"', "tornillo 1/4\" x 2'", 'TV 55" 4K', "jeans 5'11 tall", '1" wide belt', "3' x 5' flag", "12\" vinyl 'best of'", 'cuchillo 8" chef',
  'nº 5 Chanel', "L'Oréal Elvive", "d'Alembert encyclopédie", "O'Neill neopreno 4/3", '100% algodón', 'ofertas -50%', 'Größe: 38/40', 'Rasenmäher < 300€', 'niño 3-4 años', 'açúcar mascavo',
  'crème brûlée', 'camiseta "select"', 'bolso & cartera', 'chaise "from" scratch', 'grant\'s whisky 70cl', 'insert coin', 'truncated cone vase', 'table lamp -- brass', '; separator pins',
  'ping 50 ml', 'set of 3 (union)', 'sleep mask', 'dump truck toy', 'rm 2000 spare', 'shell necklace', 'bash & crash game', 'nc 90 cutter', 'curl bar 120cm', 'wget? no, widget', 'sh 40 hose',
  'printf mug', 'exec 4 drawer', 'tapón 1/2" macho', "Verlängerung 3/8\" -> 1/4\"", 'copos de avena 1kg', 'mèche béton 8mm', 'dörrautomat', 'pão de forma', 'bicicleta 26" niña', 'drop shipping',
]
const PRODUCT_NAMES = ['Funda nórdica "Nube" 150×220', "Chaise d'extérieur – teck", 'Tornillo hexagonal M8×1,25 (bolsa 50 u.)', 'Tuerca 1/2" UNC', "Vinilo 12\" – 'Grandes éxitos'", 'Jeans 501® 32"/34"', 'Monitor 27" IPS', 'Wasserkocher 1,7 l – Edelstahl', 'Panela 24 cm (antiaderente)', "Pull col V – 100 % laine d'agneau", 'Manguera ½" 25 m', 'Estantería 180×80 cm "Ivar"']
const SKUS = () => pick([`ART-${int(10000, 99999)}`, `${int(100, 999)}.${int(100, 999)}.${int(10, 99)}`, `TRN-1/2"-UNC`, `M8X1.25-50`, `${alnum(3).toUpperCase()}/${int(10, 99)}-${pick(['XL', 'M', '38'])}`, `EAN ${int(1e12, 9e12)}`])

// --- Headers -------------------------------------------------------------------------------

const IE_ACCEPT = 'image/gif, image/jpeg, image/pjpeg, application/x-ms-application, application/xaml+xml, application/x-ms-xbap, */*'
type Platform = 'java' | 'oscommerce' | 'zencart' | 'opencart' | 'prestashop' | 'oxid' | 'magento1' | 'asp' | 'gambio'
function sessionCookie(p: Platform): string {
  switch (p) {
    case 'java': return `JSESSIONID=${hex(32).toUpperCase()}${pick(['', `.node${int(1, 4)}`, `:${pick(['18a2b3c4d', '-1'])}`])}`
    case 'oscommerce': return `osCsid=${hex(32)}`
    case 'zencart': return `zenid=${alnum(26).toLowerCase()}`
    case 'opencart': return `OCSESSID=${hex(26)}; language=es-es; currency=EUR`
    case 'prestashop': return `PrestaShop-${hex(32)}=${alnum(160)}%3D%3D; PHPSESSID=${alnum(26).toLowerCase()}`
    case 'oxid': return `sid=${alnum(26).toLowerCase()}; sid_key=oxid; language=1`
    case 'magento1': return `frontend=${alnum(26).toLowerCase()}; frontend_cid=${alnum(16)}; store=es`
    case 'asp': return `ASPSESSIONID${alnum(8).toUpperCase()}=${alnum(24).toUpperCase()}; idioma=es`
    case 'gambio': return `GXsid_${hex(8)}=${alnum(26).toLowerCase()}; MODsid=${alnum(26).toLowerCase()}`
  }
}
/** Urchin-era Google Analytics cookies (campaign data joined with `|`, `(not provided)`), still set by old tags. */
function urchinCookies(): string {
  const id = int(1e8, 2e9)
  const t = now()
  return `__utma=${id}.${int(1e8, 2e9)}.${t}.${t}.${t}.${int(1, 9)}; __utmc=${id}; __utmz=${id}.${t}.${int(1, 5)}.${int(1, 3)}.${pick(['utmcsr=google|utmccn=(organic)|utmcmd=organic|utmctr=(not%20provided)', 'utmcsr=(direct)|utmccn=(direct)|utmcmd=(none)', 'utmgclid=' + alnum(30) + '|utmccn=(not%20set)|utmcmd=(not%20set)|utmctr=silla%20exec', 'utmcsr=newsletter|utmccn=rebajas_enero|utmcmd=email|utmcct=boton%20"ver%20ofertas"'])}`
}
function headers(p: Platform, lang: string, kind: 'doc' | 'xhr' = 'doc'): Record<string, string> {
  const legacy = rand() < 0.7
  const ua = legacy ? pick(LEGACY_UAS) : pick(MODERN_UAS)
  const ie = /MSIE|Trident\//.test(ua)
  const h: Record<string, string> = { host: HOST, 'user-agent': ua, 'accept-language': ie ? lang.toLowerCase() : `${lang},${lang.slice(0, 2)};q=0.9,en;q=0.6`, 'accept-encoding': ie ? 'gzip, deflate' : 'gzip, deflate, br' }
  h.accept = kind === 'xhr' ? pick(['*/*', 'text/javascript, text/html, application/xml, text/xml, */*', 'application/json, text/javascript, */*; q=0.01']) : ie ? IE_ACCEPT : 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'
  if (kind === 'xhr') h['x-requested-with'] = pick(['XMLHttpRequest', 'XMLHttpRequest', `com.${pick(['tiendaejemplo', 'boutique'])}.app`])
  if (ie) h.connection = 'Keep-Alive'
  if (/; wv\)/.test(ua) && kind === 'doc') h['x-requested-with'] = `es.tiendaejemplo.android`
  const cookies = [sessionCookie(p)]
  if (rand() < 0.5) cookies.push(urchinCookies())
  if (rand() < 0.3) cookies.push(`_ga=GA1.2.${int(1e8, 2e9)}.${now()}`, `cookieconsent_status=${pick(['dismiss', 'allow'])}`)
  if (rand() < 0.2) cookies.push(`recently_viewed=${jsEscape(`${pick(PRODUCT_NAMES)}|${pick(PRODUCT_NAMES)}`)}`)
  if (rand() < 0.85) h.cookie = cookies.join('; ')
  if (rand() < 0.7) h.referer = `http${rand() < 0.3 ? '' : 's'}://${HOST}/${pick(['index.php', 'tienda/index.asp', 'shop/catalog.jsp', `producto.php?id=${int(1, 999)}`, 'carrito.php'])}`
  return h
}
const formType = (cs: Charset): string => (rand() < 0.6 ? 'application/x-www-form-urlencoded' : `application/x-www-form-urlencoded; charset=${cs === 'utf-8' ? 'UTF-8' : cs.toUpperCase()}`)
const postH = (h: Record<string, string>, cs: Charset): Record<string, string> => ({ ...h, 'content-type': formType(cs), 'cache-control': 'no-cache' })
const jsid = (): string => `;jsessionid=${hex(32).toUpperCase()}${pick(['', `.worker${int(1, 3)}`])}`

// --- Requests ------------------------------------------------------------------------------

type Req = WafRequest & { id: string; kind: string }
const out: Req[] = []
const add = (kind: string, r: WafRequest): void => {
  out.push({ id: `legacy-${String(out.length).padStart(4, '0')}`, kind, ...r })
}
const person = () => pick(PEOPLE)
const addressFields = (prefix: (k: string) => string, who = person()): Array<[string, string]> => [
  [prefix('firstname'), who.first],
  [prefix('lastname'), who.last],
  [prefix('street_address'), pick(STREETS[who.country]!)],
  [prefix('suburb'), pick(['', 'Urb. El Bosque', 'Hameau des Vignes', ''])],
  [prefix('postcode'), pick(POSTCODES[who.country]!)],
  [prefix('city'), pick(CITIES[who.country]!)],
  [prefix('state'), pick(STATES[who.country] ?? [''])],
  [prefix('country'), who.country],
  [prefix('telephone'), pick(PHONES[who.country]!)],
]
const button = (): [string, string] => pick([['B1', 'Entrar'], ['submit', 'Send'], ['submit', 'Enviar'], ['x', String(int(5, 80))], ['btnComprar', 'Comprar ahora »'], ['envoyer', 'Valider ma commande'], ['absenden', 'Bestellung absenden »'], ['Submit', 'Submit Query']]) as [string, string]

function multipart(fields: Array<[string, string]>, file: { field: string; name: string; type: string; content: Buffer }, cs: Charset): { type: string; body: string } {
  const boundary = rand() < 0.5 ? `---------------------------7d${hex(12)}` : `----WebKitFormBoundary${alnum(16)}`
  const head = fields.map(([k, v]) => Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n`), encodeText(v, cs), Buffer.from('\r\n')]))
  const body = Buffer.concat([...head, Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="`), encodeText(file.name, cs), Buffer.from(`"\r\nContent-Type: ${file.type}\r\n\r\n`), file.content, Buffer.from(`\r\n--${boundary}--\r\n`)])
  return { type: `multipart/form-data; boundary=${boundary}`, body: b64(body) }
}
const jpeg = (): Buffer => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]), Buffer.from(Array.from({ length: int(400, 2000) }, () => int(0, 255)))])
/** Old Internet Explorer sends the file's full Windows path as its name. */
const WINDOWS_FILES = ['C:\\Users\\Jürgen\\Pictures\\Bild 1.jpg', 'C:\\Documents and Settings\\María\\Mis documentos\\Mis imágenes\\foto carnet.jpg', 'C:\\Users\\fx.dalembert\\Desktop\\facture n°1234.pdf', 'D:\\Fotos\\2013\\Verão\\IMG_0042.JPG', 'C:\\Users\\Public\\Documents\\pedido (2).xls', "C:\\Users\\siobhan.o'neill\\Downloads\\receipt #4471.pdf", 'C:\\Dokumente und Einstellungen\\Björn\\Eigene Dateien\\Rücksendung; Kopie.doc', '\\\\NAS\\compartido\\etiquetas\\etiqueta 1-2.png', 'C:\\fakepath\\DSC01234.JPG', 'E:\\Mes documents\\Photos\\Noël 2012\\sapin & cadeaux.jpg']

/** ERP and marketplace order feeds: SOAP with WS-Security, UBL, openTRANS, IDoc XML and a product feed with CDATA. */
function orderXml(who: (typeof PEOPLE)[number], cs: Charset): string {
  const decl = `<?xml version="1.0" encoding="${cs === 'utf-8' ? 'UTF-8' : cs.toUpperCase()}"?>`
  const lines = Array.from({ length: int(1, 4) }, (_, i) => ({ n: i + 1, sku: SKUS().replaceAll('"', '&quot;'), name: pick(PRODUCT_NAMES).replaceAll('&', '&amp;').replaceAll('"', '&quot;'), qty: int(1, 50), price: `${int(1, 300)}.${int(10, 99)}` }))
  const addr = pick(STREETS[who.country]!).replaceAll('&', '&amp;')
  switch (int(0, 5)) {
    case 0:
      return `${decl}<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ord="http://www.erp-ejemplo.es/ws/pedidos/v2" xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"><soapenv:Header><wsse:Security soapenv:mustUnderstand="1"><wsse:UsernameToken><wsse:Username>tienda_ws</wsse:Username><wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">${password().replaceAll('&', '&amp;').replaceAll('<', '&lt;')}</wsse:Password></wsse:UsernameToken></wsse:Security></soapenv:Header><soapenv:Body><ord:altaPedido><ord:pedido numero="${int(100000, 999999)}" fecha="2025-0${int(1, 9)}-1${int(0, 9)}"><ord:cliente nif="${int(10000000, 99999999)}${pick(['A', 'B', 'X', 'Z'])}"><ord:nombre>${who.first} ${who.last}</ord:nombre><ord:direccion>${addr}</ord:direccion><ord:cp>${pick(POSTCODES[who.country]!)}</ord:cp></ord:cliente>${lines.map((l) => `<ord:linea n="${l.n}"><ord:articulo>${l.sku}</ord:articulo><ord:descripcion>${l.name}</ord:descripcion><ord:cantidad>${l.qty}</ord:cantidad><ord:precio moneda="EUR">${l.price}</ord:precio></ord:linea>`).join('')}<ord:observaciones>${pick(DELIVERY_NOTES).replaceAll('&', '&amp;')}</ord:observaciones></ord:pedido></ord:altaPedido></soapenv:Body></soapenv:Envelope>`
    case 1:
      return `${decl}<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:oasis:names:specification:ubl:schema:xsd:Order-2 http://docs.oasis-open.org/ubl/os-UBL-2.1/xsd/maindoc/UBL-Order-2.1.xsd"><cbc:UBLVersionID>2.1</cbc:UBLVersionID><cbc:ID>PO-${int(1000, 9999)}/${int(20, 25)}</cbc:ID><cbc:IssueDate>2025-03-1${int(0, 9)}</cbc:IssueDate><cbc:Note>${pick(DELIVERY_NOTES).replaceAll('&', '&amp;')}</cbc:Note><cac:BuyerCustomerParty><cac:Party><cac:PartyName><cbc:Name>${who.last} S.L.</cbc:Name></cac:PartyName><cac:PostalAddress><cbc:StreetName>${addr}</cbc:StreetName><cbc:CityName>${pick(CITIES[who.country]!)}</cbc:CityName><cbc:PostalZone>${pick(POSTCODES[who.country]!)}</cbc:PostalZone><cac:Country><cbc:IdentificationCode>${who.country}</cbc:IdentificationCode></cac:Country></cac:PostalAddress></cac:Party></cac:BuyerCustomerParty>${lines.map((l) => `<cac:OrderLine><cac:LineItem><cbc:ID>${l.n}</cbc:ID><cbc:Quantity unitCode="C62">${l.qty}</cbc:Quantity><cac:Price><cbc:PriceAmount currencyID="EUR">${l.price}</cbc:PriceAmount></cac:Price><cac:Item><cbc:Name>${l.name}</cbc:Name><cac:SellersItemIdentification><cbc:ID>${l.sku}</cbc:ID></cac:SellersItemIdentification></cac:Item></cac:LineItem></cac:OrderLine>`).join('')}</Order>`
    case 2:
      return `${decl}<ORDER xmlns="http://www.opentrans.org/XMLSchema/2.1" xmlns:bmecat="http://www.bmecat.org/bmecat/2005" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.opentrans.org/XMLSchema/2.1 opentrans_2_1.xsd http://www.bmecat.org/bmecat/2005 bmecat_2005.xsd" version="2.1" type="standard"><ORDER_HEADER><ORDER_INFO><ORDER_ID>${int(100000, 999999)}</ORDER_ID><ORDER_DATE>2025-02-2${int(0, 8)}</ORDER_DATE><PARTIES><PARTY><bmecat:PARTY_ID type="buyer_specific">${int(1000, 9999)}</bmecat:PARTY_ID><ADDRESS><bmecat:NAME>${who.last}</bmecat:NAME><bmecat:NAME2>z. Hd. ${who.first}</bmecat:NAME2><bmecat:STREET>${addr}</bmecat:STREET><bmecat:ZIP>${pick(POSTCODES[who.country]!)}</bmecat:ZIP><bmecat:CITY>${pick(CITIES[who.country]!)}</bmecat:CITY><bmecat:COUNTRY_CODED>${who.country}</bmecat:COUNTRY_CODED></ADDRESS></PARTY></PARTIES><REMARKS type="deliverynote">${pick(DELIVERY_NOTES).replaceAll('&', '&amp;')}</REMARKS></ORDER_INFO></ORDER_HEADER><ORDER_ITEM_LIST>${lines.map((l) => `<ORDER_ITEM><LINE_ITEM_ID>${l.n}</LINE_ITEM_ID><PRODUCT_ID><bmecat:SUPPLIER_PID>${l.sku}</bmecat:SUPPLIER_PID><bmecat:DESCRIPTION_SHORT>${l.name}</bmecat:DESCRIPTION_SHORT></PRODUCT_ID><QUANTITY>${l.qty}</QUANTITY><bmecat:ORDER_UNIT>C62</bmecat:ORDER_UNIT></ORDER_ITEM>`).join('')}</ORDER_ITEM_LIST><ORDER_SUMMARY><TOTAL_ITEM_NUM>${lines.length}</TOTAL_ITEM_NUM></ORDER_SUMMARY></ORDER>`
    case 3:
      return `${decl}<ORDERS05><IDOC BEGIN="1"><EDI_DC40 SEGMENT="1"><TABNAM>EDI_DC40</TABNAM><MANDT>100</MANDT><DOCNUM>0000000${int(100000000, 999999999)}</DOCNUM><DIRECT>2</DIRECT><IDOCTYP>ORDERS05</IDOCTYP><MESTYP>ORDERS</MESTYP><SNDPOR>SAPPRD</SNDPOR><SNDPRT>LS</SNDPRT><SNDPRN>PRDCLNT100</SNDPRN></EDI_DC40><E1EDK01 SEGMENT="1"><CURCY>EUR</CURCY><BELNR>${int(4500000000, 4599999999)}</BELNR></E1EDK01><E1EDKA1 SEGMENT="1"><PARVW>WE</PARVW><NAME1>${who.first} ${who.last}</NAME1><STRAS>${addr}</STRAS><ORT01>${pick(CITIES[who.country]!)}</ORT01><PSTLZ>${pick(POSTCODES[who.country]!)}</PSTLZ><LAND1>${who.country}</LAND1></E1EDKA1>${lines.map((l) => `<E1EDP01 SEGMENT="1"><POSEX>${String(l.n * 10).padStart(6, '0')}</POSEX><MENGE>${l.qty}.000</MENGE><MENEE>ST</MENEE><E1EDP19 SEGMENT="1"><QUALF>002</QUALF><IDTNR>${l.sku}</IDTNR><KTEXT>${l.name}</KTEXT></E1EDP19></E1EDP01>`).join('')}</IDOC></ORDERS05>`
    case 4:
      return `${decl}<GetOrdersResponse xmlns="urn:ebay:apis:eBLBaseComponents"><Timestamp>2025-03-0${int(1, 9)}T10:${int(10, 59)}:00.000Z</Timestamp><Ack>Success</Ack><Version>1193</Version><OrderArray><Order><OrderID>${int(10, 99)}-${int(10000, 99999)}-${int(10000, 99999)}</OrderID><OrderStatus>Completed</OrderStatus><BuyerCheckoutMessage>${pick(GIFT_MESSAGES).replaceAll('&', '&amp;').replaceAll('<', '&lt;')}</BuyerCheckoutMessage><ShippingAddress><Name>${who.first} ${who.last}</Name><Street1>${addr}</Street1><CityName>${pick(CITIES[who.country]!)}</CityName><PostalCode>${pick(POSTCODES[who.country]!)}</PostalCode><Country>${who.country}</Country><Phone>${pick(PHONES[who.country]!)}</Phone></ShippingAddress><TransactionArray>${lines.map((l) => `<Transaction><Item><ItemID>${int(1e11, 9e11)}</ItemID><SKU>${l.sku}</SKU><Title>${l.name}</Title></Item><QuantityPurchased>${l.qty}</QuantityPurchased><TransactionPrice currencyID="EUR">${l.price}</TransactionPrice></Transaction>`).join('')}</TransactionArray></Order></OrderArray></GetOrdersResponse>`
    default:
      return `${decl}<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0"><channel><title>Tienda Ejemplo – catálogo</title><link>https://${HOST}/</link>${lines.map((l) => `<item><g:id>${l.sku}</g:id><title><![CDATA[${pick(PRODUCT_NAMES)}]]></title><description><![CDATA[<p>${pick(PRODUCT_NAMES)} – <strong>envío 24/48 h</strong></p><ul><li>Medidas: 12" × 8"</li><li>100 % algodón & lino</li></ul>]]></description><g:price>${l.price} EUR</g:price><g:availability>in stock</g:availability><g:gtin>${int(1e12, 9e12)}</g:gtin></item>`).join('')}</channel></rss>`
  }
}

function csvImport(cs: Charset): Buffer {
  const sep = pick([';', ',', '\t'])
  const q = (s: string): string => (s.includes(sep) || s.includes('"') || s.includes('\n') ? `"${s.replaceAll('"', '""')}"` : s)
  const rows: string[][] = [pick([['Referencia', 'Descripción', 'Cantidad', 'Precio'], ['Artikelnr.', 'Bezeichnung', 'Menge', 'Preis (€)'], ['sku', 'name', 'qty', 'note'], ['Handle', 'Title', 'Body (HTML)', 'Variant Price']])]
  for (let i = 0; i < int(3, 15); i++) rows.push([SKUS(), pick(PRODUCT_NAMES), String(int(1, 200)), rand() < 0.5 ? `${int(1, 300)},${int(10, 99)}` : pick(['<p>Nuevo – <b>oferta</b></p>', 'bitte "dringend"', "leave at door -- side gate", 'n/a', '12" x 5\''])])
  return encodeText(rows.map((r) => r.map(q).join(sep)).join('\r\n') + '\r\n', cs)
}

function samlResponse(who: (typeof PEOPLE)[number]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><saml2p:Response xmlns:saml2p="urn:oasis:names:tc:SAML:2.0:protocol" Destination="https://${HOST}/b2b/saml/SSO" ID="_${hex(32)}" InResponseTo="ONELOGIN_${hex(40)}" IssueInstant="2025-03-04T08:12:33.120Z" Version="2.0"><saml2:Issuer xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion">http://adfs.cliente-ejemplo.es/adfs/services/trust</saml2:Issuer><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><ds:Reference URI="#_${hex(32)}"><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/></ds:Transforms><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>${b64(hex(32))}</ds:DigestValue></ds:Reference></ds:SignedInfo><ds:SignatureValue>${b64(alnum(256))}</ds:SignatureValue><ds:KeyInfo><ds:X509Data><ds:X509Certificate>MIIC${b64(alnum(600))}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></ds:Signature><saml2p:Status><saml2p:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></saml2p:Status><saml2:Assertion xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion" ID="_${hex(32)}" IssueInstant="2025-03-04T08:12:33.120Z" Version="2.0"><saml2:Subject><saml2:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${pick(EMAILS)}</saml2:NameID></saml2:Subject><saml2:AttributeStatement><saml2:Attribute Name="http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname"><saml2:AttributeValue>${who.first}</saml2:AttributeValue></saml2:Attribute><saml2:Attribute Name="http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname"><saml2:AttributeValue>${who.last}</saml2:AttributeValue></saml2:Attribute><saml2:Attribute Name="http://schemas.microsoft.com/ws/2008/06/identity/claims/groups"><saml2:AttributeValue>CN=Compras;OU=Usuarios,DC=cliente-ejemplo,DC=es</saml2:AttributeValue></saml2:Attribute></saml2:AttributeStatement></saml2:Assertion></saml2p:Response>`
}

function tracking(): Array<[string, string]> {
  const p: Array<[string, string]> = []
  if (rand() < 0.6) p.push(['utm_source', pick(['newsletter', 'google', 'idealo', 'kelkoo', 'facebook'])], ['utm_medium', pick(['email', 'cpc', 'comparador'])], ['utm_campaign', pick(['rebajas_enero', 'Black Friday -30%', 'soldes d\'été', 'Sommer-Sale & mehr'])])
  if (rand() < 0.3) p.push(['utm_term', pick(SEARCHES)], ['utm_content', pick(['botón "ver ofertas"', 'banner#2', 'link_1'])])
  const c = int(0, 4)
  if (c === 0) p.push(['gclid', `${alnum(20)}_${alnum(30)}-${alnum(10)}`])
  if (c === 1) p.push(['fbclid', `IwAR${alnum(56)}`])
  if (c === 2) p.push(['msclkid', hex(32)])
  if (c === 3) p.push(['_gl', `1*${alnum(6)}*_ga*${b64url(String(int(1e8, 2e9)))}*_ga_${alnum(10).toUpperCase()}*${b64url(alnum(30))}`])
  if (rand() < 0.2) p.push(['mc_cid', hex(10)], ['mc_eid', hex(10)])
  return p
}

const SHAPES: Array<[weight: number, make: () => void]> = [
  // PHP shop checkout (osCommerce, Zen Cart, OpenCart, PrestaShop 1.6, Magento 1) in the page's charset.
  [14, () => {
    const cs = pageCharset()
    const who = person()
    const p = pick<Platform>(['oscommerce', 'zencart', 'opencart', 'prestashop', 'magento1', 'gambio'])
    const uri = p === 'oscommerce' ? `/checkout_shipping_address.php?osCsid=${hex(32)}` : p === 'zencart' ? `/index.php?main_page=checkout_shipping_address&zenid=${alnum(26).toLowerCase()}` : p === 'opencart' ? '/index.php?route=checkout/guest/save' : p === 'prestashop' ? '/index.php?controller=address&back=order.php%3Fstep%3D1' : p === 'gambio' ? '/checkout_shipping.php' : '/checkout/onepage/saveBilling/'
    const prefix = p === 'magento1' ? (k: string) => `billing[${k}]` : p === 'opencart' ? (k: string) => k.replace('street_address', 'address_1') : (k: string) => k
    add('checkout-latin1', { method: 'POST', uri, headers: postH(headers(p, who.lang), cs), body: legacyForm([['action', 'process'], ['gender', pick(['m', 'f'])], ...addressFields(prefix, who), ['email_address', pick(EMAILS)], ['comments', pick(DELIVERY_NOTES)], ...(rand() < 0.5 ? [['securityToken', hex(32)] as [string, string]] : []), button()], cs) })
  }],
  // Login and registration with real passwords.
  [10, () => {
    const cs = pageCharset()
    const who = person()
    const p = pick<Platform>(['oscommerce', 'prestashop', 'oxid', 'asp', 'zencart'])
    const pw = password()
    const register = rand() < 0.5
    const uri = p === 'oscommerce' ? `/${register ? 'create_account' : 'login'}.php?action=process` : p === 'prestashop' ? '/index.php?controller=authentication' : p === 'oxid' ? '/index.php?lang=1&' : p === 'asp' ? `/tienda/${register ? 'registro' : 'login'}.asp` : '/index.php?main_page=login&action=process'
    const fields: Array<[string, string]> = register
      ? [['firstname', who.first], ['lastname', who.last], ['email_address', pick(EMAILS)], ['dob', `${int(1, 28)}/${int(1, 12)}/${int(1940, 2005)}`], ['telephone', pick(PHONES[who.country]!)], ['password', pw], ['confirmation', pw], ['newsletter', '1'], ['privacy_conditions', 'on']]
      : p === 'oxid' ? [['stoken', alnum(8).toUpperCase()], ['cl', 'account'], ['fnc', 'login_noredirect'], ['lgn_usr', pick(EMAILS)], ['lgn_pwd', pw], ['lgn_cook', '1']] : [['email_address', pick(EMAILS)], ['password', pw], ['back', 'my-account']]
    add(register ? 'register-form' : 'login-form', { method: 'POST', uri, headers: postH(headers(p, who.lang), cs), body: legacyForm([...fields, button()], cs) })
  }],
  // Java shops: ;jsessionid= path parameters, Struts, JSF, ATG, WebSphere Commerce, j_security_check.
  [14, () => {
    const cs = pageCharset()
    const who = person()
    const h = headers('java', who.lang)
    const v = int(0, 6)
    if (v === 0) add('java-login', { method: 'POST', uri: `/tienda/j_security_check${rand() < 0.5 ? jsid() : ''}`, headers: postH(h, cs), body: legacyForm([['j_username', pick(EMAILS)], ['j_password', password()], ['B1', 'Entrar']], cs) })
    else if (v === 1) add('java-struts', { method: 'POST', uri: `/shop/checkout.do${jsid()}`, headers: postH(h, cs), body: legacyForm([['org.apache.struts.taglib.html.TOKEN', hex(32)], ['method', 'saveAddress'], ['address.name', `${who.first} ${who.last}`], ['address.street', pick(STREETS[who.country]!)], ['address.zip', pick(POSTCODES[who.country]!)], ['address.city', pick(CITIES[who.country]!)], ['address.phone', pick(PHONES[who.country]!)], ['remarks', pick(DELIVERY_NOTES)], ['submit', 'Send']], cs) })
    else if (v === 2) add('java-jsf', { method: 'POST', uri: `/faces/checkout/pago.xhtml${rand() < 0.5 ? jsid() : ''}`, headers: postH(h, cs), body: legacyForm([['javax.faces.partial.ajax', 'true'], ['javax.faces.source', 'form:btnPagar'], ['javax.faces.partial.execute', '@all'], ['form', 'form'], ['form:titular', pick(CARD_HOLDERS)], ['form:mensaje', pick(GIFT_MESSAGES)], ['javax.faces.ViewState', rand() < 0.5 ? `${int(-9e18, 9e18)}:${int(-9e18, 9e18)}` : `H4sIAAAAAAAAAK${b64(alnum(300))}`]], cs) })
    else if (v === 3) add('java-atg', { method: 'POST', uri: `/cart/cart.jsp?_DARGS=/cart/gadgets/cartItems.jsp.cartForm`, headers: postH(h, cs), body: legacyForm([['_dyncharset', cs.toUpperCase()], ['_dynSessConf', String(int(-9e18, 9e18))], ['/atg/commerce/order/purchase/CartModifierFormHandler.catalogRefIds', `sku${int(10000, 99999)}`], ['_D:/atg/commerce/order/purchase/CartModifierFormHandler.catalogRefIds', ' '], ['/atg/commerce/order/purchase/CartModifierFormHandler.quantity', String(int(1, 5))], ['_D:/atg/commerce/order/purchase/CartModifierFormHandler.quantity', ' '], ['/atg/commerce/order/purchase/CartModifierFormHandler.addItemToOrderSuccessURL', '../cart/cart.jsp'], ['/atg/commerce/order/purchase/CartModifierFormHandler.addItemToOrder', 'submit'], ['_DARGS', '/cart/gadgets/cartItems.jsp.cartForm']], cs) })
    else if (v === 4) add('java-wcs', { method: 'GET', uri: `/webapp/wcs/stores/servlet/${pick(['OrderItemAdd', 'SearchDisplay', 'ProductDisplay'])}?${legacyForm([['storeId', '10151'], ['catalogId', '10051'], ['langId', pick(['-1', '-5', '-2'])], ['searchTerm', pick(SEARCHES)], ['orderId', '.'], ['URL', 'OrderCalculate?URL=OrderItemDisplay&updatePrices=1&calculationUsageId=-1'], ['quantity', String(int(1, 5))]], cs)}`, headers: h })
    else if (v === 5) add('java-jsp', { method: 'GET', uri: `/shop/${pick(['product.jsp', 'catalog/category.jsp', 'search.do', 'viewCart.do'])}${jsid()}?${legacyForm([['id', String(int(1, 99999))], ['q', pick(SEARCHES)], ['cat', pick(['Jardín & Terraza', 'Bricolaje', 'Électroménager'])], ...tracking()], cs)}`, headers: h })
    else add('java-stripes', { method: 'GET', uri: `/jpetstore/actions/Catalog.action${rand() < 0.5 ? jsid() : ''}?viewProduct=&productId=${pick(['FI-SW-01', 'K9-BD-01', 'RP-SN-01'])}`, headers: h })
  }],
  // Searches in the page's charset and in legacy escape() AJAX.
  [14, () => {
    const cs = pageCharset()
    const q = pick(SEARCHES)
    const p = pick<Platform>(['oscommerce', 'prestashop', 'opencart', 'asp', 'oxid'])
    const uri = p === 'oscommerce' ? `/advanced_search_result.php?${legacyForm([['keywords', q], ['search_in_description', '1'], ['x', String(int(1, 40))], ['y', String(int(1, 20))]], cs)}` : p === 'prestashop' ? `/buscar?${legacyForm([['controller', 'search'], ['orderby', 'position'], ['orderway', 'desc'], ['search_query', q], ['submit_search', '']], cs)}` : p === 'opencart' ? `/index.php?${legacyForm([['route', 'product/search'], ['search', q], ['description', 'true']], cs)}` : p === 'asp' ? `/tienda/buscar.asp?${legacyForm([['texto', q], ['seccion', String(int(0, 40))], ['B1', 'Buscar']], cs)}` : `/index.php?${legacyForm([['cl', 'search'], ['searchparam', q], ['lang', '1']], cs)}`
    add('search-latin1', { method: 'GET', uri: rand() < 0.3 ? `${uri}&${form(tracking())}` : uri, headers: headers(p, person().lang) })
  }],
  [5, () => add('ajax-escape', { method: pick(['GET', 'POST']), uri: `/ajax/${pick(['buscar_sugerencias.php', 'livesearch.asp', 'autocomplete.jsp'])}?q=${jsEscape(pick(SEARCHES))}&ts=${now()}${int(100, 999)}`, headers: headers(pick<Platform>(['asp', 'java', 'oscommerce']), person().lang, 'xhr') })],
  [5, () => {
    const who = person()
    add('ajax-escape-post', { method: 'POST', uri: pick(['/ajax/carrito.php', '/ajax/guardar_nota.asp']), headers: { ...headers('asp', who.lang, 'xhr'), 'content-type': 'application/x-www-form-urlencoded' }, body: `accion=nota&pedido=${int(1000, 9999)}&texto=${jsEscape(pick([...DELIVERY_NOTES, ...GIFT_MESSAGES]))}&nombre=${jsEscape(`${who.first} ${who.last}`)}` })
  }],
  // Product codes with inches and feet, in the cart.
  [6, () => {
    const cs = pageCharset()
    add('cart-units', { method: 'POST', uri: pick(['/index.php?route=checkout/cart/add', '/carrito.php?action=add_product', '/shopping_cart.php?action=update_product', '/warenkorb.php']), headers: postH(headers(pick<Platform>(['opencart', 'oscommerce', 'gambio']), person().lang), cs), body: legacyForm([['products_id', `${int(1, 999)}{${int(1, 9)}}${int(1, 99)}`], ['id[1]', String(int(1, 30))], ['option[227]', pick(['12"', "5'11", '1/2" macho', '3/4" hembra', '26" × 1,95', "6' x 4'"])], ['sku', SKUS()], ['cart_quantity', String(int(1, 10))], ['comentario', pick(['cortar a 2\' 6"', 'Ø 1/2" -- rosca BSP', 'medida 12" (30,5 cm)', '2 x 3/4" & 1 x 1"', "Maß: 5' 11\" (180 cm)"])], button()], cs) })
  }],
  // Payment forms: card holder, gift message, delivery note.
  [8, () => {
    const cs = pageCharset()
    const who = person()
    add('payment-gift', { method: 'POST', uri: pick(['/checkout_confirmation.php', '/index.php?controller=order&step=3', '/checkout/onepage/savePayment/', '/tienda/pago.asp']), headers: postH(headers(pick<Platform>(['oscommerce', 'prestashop', 'magento1', 'asp']), who.lang), cs), body: legacyForm([['payment', pick(['cc', 'redsys', 'paypal', 'cod', 'banktransfer'])], ['cc_owner', pick(CARD_HOLDERS)], ['cc_number_nh-dns', `${pick(['4', '5'])}${int(100, 999)} ${int(1000, 9999)} ${int(1000, 9999)} ${int(1000, 9999)}`], ['cc_expires_month', String(int(1, 12)).padStart(2, '0')], ['cc_expires_year', String(int(25, 31))], ['gift_message', pick(GIFT_MESSAGES)], ['delivery_note', pick(DELIVERY_NOTES)], ['conditions', '1'], button()], cs) })
  }],
  // Uploads named with Windows paths, in the page's charset.
  [7, () => {
    const cs = pageCharset()
    const who = person()
    const m = multipart([['pedido', `#${int(1000, 9999)}`], ['motivo', pick(['Talla incorrecta; demasiado pequeña', "L'article est arrivé abîmé -- voir photo", 'Falsche Farbe ("grau" statt "blau")'])], ['nombre', `${who.first} ${who.last}`]], { field: pick(['foto', 'fichero', 'userfile', 'upload']), name: pick(WINDOWS_FILES), type: pick(['image/jpeg', 'image/pjpeg', 'application/octet-stream']), content: jpeg() }, cs)
    add('upload-windows-path', { method: 'POST', uri: pick(['/devoluciones.php?action=upload', '/tienda/subir_foto.asp', `/shop/returns/upload.do${jsid()}`]), headers: { ...headers(pick<Platform>(['oscommerce', 'asp', 'java']), who.lang), 'content-type': m.type }, body: m.body, body_encoding: 'base64' })
  }],
  [2, () => add('fakepath-field', { method: 'POST', uri: '/ajax/adjuntar.php', headers: { ...headers('oscommerce', person().lang, 'xhr'), 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' }, body: form([['fichero', `C:\\fakepath\\${pick(['DSC01234.JPG', 'factura nº 12.pdf', "photo d'identité.png"])}`], ['pedido', String(int(1000, 9999))]]) })],
  // CSV imports: B2B quick order and address book uploads.
  [5, () => {
    const cs = pageCharset()
    const m = multipart([['tipo', pick(['pedido_rapido', 'direcciones'])], ['separador', pick([';', ',', 'tab'])], ['MAX_FILE_SIZE', '2097152']], { field: 'csv', name: pick(['pedido.csv', 'Bestellung März.csv', 'C:\\Users\\compras\\Desktop\\pedido semana 12.csv', 'import_produits.csv']), type: pick(['text/csv', 'application/vnd.ms-excel', 'text/comma-separated-values']), content: csvImport(cs) }, cs)
    add('csv-import', { method: 'POST', uri: pick(['/b2b/pedido_rapido.php', `/b2b/quickorder.do${jsid()}`, '/index.php?route=account/import']), headers: { ...headers(pick<Platform>(['oscommerce', 'java', 'opencart']), person().lang), 'content-type': m.type }, body: m.body, body_encoding: 'base64' })
  }],
  // Landing pages with tracking parameters on legacy URLs.
  [8, () => {
    const cs = pageCharset()
    const path = pick([`/product_info.php?products_id=${int(1, 999)}`, `/index.php?main_page=product_info&cPath=${int(1, 20)}_${int(1, 40)}&products_id=${int(1, 999)}`, `/tienda/producto.asp?id=${int(1, 999)}&cat=${int(1, 50)}`, `/shop/product.jsp${jsid()}?id=${int(1, 999)}`, `/index.php?cl=details&anid=${hex(32)}`, `/${pick(['jardin', 'bricolage', 'kueche'])}/${int(1, 999)}-${pick(['silla-exec', 'union-jack-cojin', 'drop-pendientes', 'tuerca-1-2-unc'])}.html`])
    add('landing-tracking', { method: 'GET', uri: `${path}${path.includes('?') ? '&' : '?'}${legacyForm(tracking(), cs)}`, headers: headers(pick<Platform>(['oscommerce', 'zencart', 'asp', 'java', 'oxid', 'prestashop']), person().lang) })
  }],
  // OAuth/OIDC callbacks: Google, Microsoft, Apple (form_post with a user JSON), and errors.
  [6, () => {
    const state = rand() < 0.5 ? hex(32) : b64url(JSON.stringify({ return_to: `/checkout.php?step=2&lang=es`, nonce: alnum(16) }))
    const v = int(0, 3)
    const who = person()
    if (v === 0) add('oauth-callback', { method: 'GET', uri: `/oauth2/google/callback?${form([['state', state], ['code', `4/0A${alnum(70)}`], ['scope', 'email profile openid https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/userinfo.profile'], ['authuser', '0'], ['prompt', 'consent']])}`, headers: headers('prestashop', who.lang) })
    else if (v === 1) add('oauth-callback', { method: 'GET', uri: `/signin-oidc?${form([['code', `0.A${alnum(200)}`], ['state', state], ['session_state', uuid()]])}`, headers: headers('java', who.lang) })
    else if (v === 2) add('oauth-form-post', { method: 'POST', uri: '/auth/apple/callback', headers: postH(headers('magento1', who.lang), 'utf-8'), body: form([['state', state], ['code', `c${hex(32)}.0.${alnum(4).toLowerCase()}.${alnum(22)}`], ['id_token', `${b64url(JSON.stringify({ kid: alnum(10), alg: 'RS256' }))}.${b64url(JSON.stringify({ iss: 'https://appleid.apple.com', aud: 'es.tiendaejemplo.web', exp: now(), iat: now(), sub: `00${int(1000, 9999)}.${hex(32)}.${int(1000, 9999)}`, email: pick(EMAILS), email_verified: 'true', is_private_email: 'false' }))}.${b64url(alnum(256))}`], ['user', JSON.stringify({ name: { firstName: who.first, lastName: who.last }, email: pick(EMAILS) })]]) })
    else add('oauth-callback', { method: 'GET', uri: `/oauth2/callback?${form([['error', 'access_denied'], ['error_description', "The user denied access; see https://tools.ietf.org/html/rfc6749#section-4.1.2.1 ('access_denied')"], ['error_reason', 'user_denied'], ['state', state]])}`, headers: headers('oxid', who.lang) })
  }],
  // SAML: HTTP-Redirect requests (deflated) and signed responses with accented attributes.
  [4, () => {
    const who = person()
    if (rand() < 0.5) {
      const req = `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="ONELOGIN_${hex(40)}" Version="2.0" IssueInstant="2025-03-04T08:12:30Z" Destination="https://adfs.cliente-ejemplo.es/adfs/ls/" ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" AssertionConsumerServiceURL="https://${HOST}/b2b/saml/SSO"><saml:Issuer>https://${HOST}/b2b/saml/metadata</saml:Issuer><samlp:NameIDPolicy Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified" AllowCreate="true"/></samlp:AuthnRequest>`
      add('saml-redirect', { method: 'GET', uri: `/adfs/ls/?${form([['SAMLRequest', b64(deflateRawSync(req))], ['RelayState', `https://${HOST}/b2b/pedido.jsp?ref=${int(1000, 9999)}&vuelta=%2Fcarrito`], ['SigAlg', 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256'], ['Signature', b64(alnum(256))]])}`, headers: headers('java', who.lang) })
    } else add('saml-post', { method: 'POST', uri: '/b2b/saml/SSO', headers: postH(headers('java', who.lang), 'utf-8'), body: form([['SAMLResponse', b64(samlResponse(who))], ['RelayState', `/b2b/pedido.jsp${jsid()}?paso=2`]]) })
  }],
  // SOAP and XML order feeds from marketplaces and ERPs, some in ISO-8859-1.
  [6, () => {
    const cs = pick<Charset>(['iso-8859-1', 'utf-8', 'windows-1252'])
    const xml = encodeText(orderXml(person(), cs), cs)
    const soap = xml.includes('soapenv:Envelope')
    add('xml-order-feed', { method: 'POST', uri: pick(['/ws/PedidosService', '/api/import/orders.php', '/soap/v2/index.php', `/erp/idoc.do${jsid()}`]), headers: { host: HOST, 'user-agent': pick(['Apache-HttpClient/4.5.13 (Java/1.8.0_292)', 'SAP NetWeaver Application Server (1.0;753)', 'Jakarta Commons-HttpClient/3.1', 'PHP-SOAP/5.6.40', 'Java/1.7.0_80']), 'content-type': `${soap ? 'text/xml' : pick(['application/xml', 'text/xml'])}; charset=${cs === 'utf-8' ? 'UTF-8' : cs.toUpperCase()}`, ...(soap ? { soapaction: '"urn:altaPedido"' } : {}), authorization: `Basic ${b64(`erp_${int(1, 9)}:${password()}`)}` }, body: b64(xml), body_encoding: 'base64' })
  }],
  // Contact forms of regional shops.
  [6, () => {
    const cs = pageCharset()
    const who = person()
    add('contact-latin1', { method: 'POST', uri: pick(['/contact_us.php?action=send', '/contacto.asp', '/index.php?controller=contact', `/kontakt.do${jsid()}`]), headers: postH(headers(pick<Platform>(['oscommerce', 'asp', 'prestashop', 'java']), who.lang), cs), body: legacyForm([['name', `${who.first} ${who.last}`], ['email', pick(EMAILS)], ['telefono', pick(PHONES[who.country]!)], ['asunto', pick(['Consulta sobre pedido nº 1234', "Question sur l'article « Chaise »", 'Frage zu Bestellung #5521'])], ['enquiry', `${pick(GIFT_MESSAGES)} ${pick(DELIVERY_NOTES)} Ref: ${SKUS()} ${pick(SEARCHES)}`], button()], cs) })
  }],
]

drawWeighted(SHAPES, () => out.length >= COUNT)

writeFileSync(new URL('./benign-legacy.ndjson', import.meta.url), `${out.map((r) => JSON.stringify(r)).join('\n')}\n`)
console.log(`wrote ${out.length} requests`)
