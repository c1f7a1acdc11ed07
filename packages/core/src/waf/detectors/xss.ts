/**
 * Cross-site scripting by syntax: a scan for HTML tags (with their attributes, including
 * event handlers), script-bearing URL schemes, attribute breakouts, and JavaScript that
 * calls a sink from a code position. Prose that merely mentions `<3`, "JavaScript: the
 * basics" or "confirm (order)" does not form any of these.
 * @module
 */
import { excerptAt, inProseCodeSpan, type Detector, type Finding } from './finding.ts'

/** Tags that run or load code by themselves. */
const CODE_TAGS = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'import'])
/**
 * Code tags that load another document in its own frame: with only http(s) URLs or a fragment
 * of the page itself (`#…`: the `src="#"` of a rich-text editor's video embed whose URL is not
 * set yet) and no srcdoc, data: or script URL, no handler, they run nothing in this page's
 * origin, the video or map embed a shop's editors paste; flagged only at level 3 then, as is
 * their closing tag, which opens nothing. A path on the shop's own site is not among them: it
 * may name a file an attacker uploaded there, which a frame would run in the shop's origin.
 */
const FRAME_TAGS = new Set(['iframe', 'frame', 'embed', 'object'])
const FRAME_SOURCE = /\b(?:src|data)\s*=\s*["']?(?:https?:\/\/|#)/
/** What precedes a tag when the value closes the attribute and the tag it was placed in (`"><iframe …`). Anchored, one way through: linear. */
const TAG_BREAKOUT = /^\s*["'`]\s*>\s*$/
/**
 * `<meta>` runs nothing unless it redirects or sets state (`http-equiv` refresh or set-cookie,
 * or a `content` that no `name`/`property`/`itemprop` makes plain metadata); neither the
 * `<meta charset>` Google Docs puts in front of a pasted fragment, Word's `<meta name=Generator
 * content=…>`, nor an HTML e-mail's `<meta http-equiv="Content-Type" content="text/html; …">`
 * does. Any `refresh` or `set-cookie` among the attributes counts, so a second http-equiv
 * (the browser reads the first) cannot hide one.
 */
const META_HTTP_EQUIV = /http-equiv/
const META_STATEFUL = /refresh|set-cookie/
const META_CONTENT = /\bcontent\s*=/
const META_NAMED = /\b(?:name|property|itemprop)\s*=/
const metaActive = (attrs: string): boolean =>
  META_HTTP_EQUIV.test(attrs) ? META_STATEFUL.test(attrs) : META_CONTENT.test(attrs) && !META_NAMED.test(attrs)
/**
 * A `<style>` whose only attributes are `type="text/css"` and `media` (an HTML e-mail's head):
 * what a style sheet can run is in its text (`expression(`, `javascript:` URLs, read by the
 * other checks), not in these attributes. Linear: the two alternatives start with different letters.
 */
const STYLE_PLAIN = /^(?:\s+(?:type\s*=\s*["']?text\/css["']?|media\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[\w-]+)))+\s*\/?$/
/**
 * An `<svg>` whose attributes only name, size, place and paint the drawing (a product
 * customiser's design, an icon pasted with rich text, Font Awesome's `data-icon`, an
 * Illustrator export's `style="enable-background:…"`): the root of a drawing runs nothing
 * itself; script in a style is read by `.css-script` wherever it stands. What runs in SVG is a handler, a `<script>`, `<foreignObject>` or `<animate>` with a
 * handler, or a script URL inside it, and the scan reads those as it reads them in HTML.
 * Linear: each attribute ends at its `=` and its value at a quote or whitespace, so there is
 * one way through; the tag's attributes are at most 2 KiB.
 */
const SVG_PLAIN = /^(?:\s+(?:xmlns(?::[\w-]+)?|xml:(?:space|lang)|version|baseprofile|width|height|viewbox|preserveaspectratio|x|y|fill|fill-rule|clip-rule|stroke(?:-[\w-]+)?|opacity|overflow|style|class|id|role|focusable|aria-[\w-]+|data-[\w-]+)\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[\w.%#-]+))+\s*\/?$/
/**
 * A `<script>` whose type is JSON is a data block (schema.org JSON-LD in a product page): the
 * browser never runs it, and the HTML parser reads everything up to `</script` as its text.
 */
const SCRIPT_DATA_BLOCK = /^[^>]*\btype\s*=\s*["']?application\/(?:ld\+)?json["'\s>]/
/** A function literal's head, `function name?(a, b) {`: it defines code, it calls nothing. */
const FUNCTION_LITERAL = /^\s*[\w$]*\s*\(\s*(?:[a-z_$][\w$]*\s*(?:,\s*[a-z_$][\w$]*\s*)*)?\)\s*\{/
/** Tags that carry code only with the right attributes; flagged at a stricter level. */
const RISKY_TAGS = new Set(['svg', 'math', 'meta', 'link', 'style', 'form', 'isindex', 'xml', 'template', 'portal'])
/**
 * The name an SVG animation (`<set>`, `<animate>`) changes, read after its `attributeName`: an
 * `href` points a link or an image at the address the animation names when the event it waits for
 * fires (html5sec's scriptless keystroke leak: `begin="accessKey(a)" to="//host/?a"`; with
 * `javascript:` a click runs it). A drawing animates its shapes and paint (`opacity`, `transform`).
 */
const HREF_NAME = /^\s*=\s*["']?(?:xlink:)?href\b/
const animatesHref = (lower: string, j: number, end: number): boolean => {
  const at = lower.indexOf('attributename', j)
  return at >= 0 && at < end && HREF_NAME.test(lower.slice(at + 13, at + 40))
}
/**
 * Internet Explorer's data binding: an element bound to a data source (`datasrc`) with
 * `dataformatas=html` renders the bound field as markup, script included.
 */
const DATA_SOURCE = /\bdatasrc\s*=/
const DATA_AS_HTML = /\bdataformatas\s*=\s*["']?html\b/
const SINKS = new Set([
  'alert', 'prompt', 'confirm', 'eval', 'settimeout', 'setinterval', 'function', 'execscript', 'fetch', 'atob',
])
const STRONG_SINKS = new Set(['alert', 'prompt', 'confirm', 'eval', 'execscript'])
/**
 * Names a handler reaches the browser, the network, other windows or the page's code by, or
 * that probes print with; and, since an inline handler looks names up on its element, form
 * and document before the window, their methods and properties a payload calls bare
 * (`onfocus=write(1)` is `document.write`, `event.dataTransfer…`): a handler calling one does
 * something of its own, not the page's.
 */
const BROWSER_GLOBALS = new Set([
  ...SINKS, 'print', 'open', 'import', 'require', 'location', 'document', 'window', 'top', 'self', 'parent', 'frames', 'opener',
  'globalthis', 'this', 'navigator', 'xmlhttprequest', 'websocket', 'eventsource', 'worker', 'image', 'constructor', 'reflect',
  'object', 'string', 'array', 'unescape', 'escape', 'decodeuri', 'decodeuricomponent', 'postmessage', 'history', 'localstorage',
  'sessionstorage', 'indexeddb', 'cookiestore', 'createelement', 'jquery', '_', 'angular', 'vue', 'react',
  'event', 'write', 'writeln', 'execcommand', 'cookie', 'domain', 'body', 'forms', 'images', 'links', 'scripts', 'focus', 'blur',
  'click', 'submit', 'requestsubmit', 'reset', 'close', 'stop', 'showmodal', 'showpopover', 'insertadjacenthtml', 'setattribute',
  'setattributens', 'sethtmlunsafe', 'append', 'appendchild', 'prepend', 'replacewith', 'replacechildren', 'after', 'before',
  'getelementbyid', 'queryselector', 'queryselectorall', 'innerhtml', 'outerhtml', 'ownerdocument', 'parentnode', 'children',
])
/**
 * Events a person's own action fires (a click, a keystroke, a change, a submit): the handlers
 * page markup carries. One that fires by itself (onload, onerror, onfocus with autofocus,
 * ondragstart, onanimationstart, …) is how a payload runs unasked, so it is never a page call.
 */
const ACTION_EVENTS = new Set(['onclick', 'ondblclick', 'onchange', 'oninput', 'onsubmit', 'onreset', 'onkeyup', 'onkeydown', 'onkeypress'])
/**
 * A handler that only calls one of the page's own functions with constants (`addToCart(42)`,
 * `toggleMenu(this); return false`): a name, maybe dotted, then numbers, plain strings, `true`,
 * `false`, `null`, `this` or a template's placeholder of a named value (`{{item.variant.id}}` in a
 * Liquid theme's `remove_item({{item.variant.id}})`: the server writes the value there before the
 * page exists; no filter, call or expression) as arguments. Linear: each repetition starts with
 * a comma, no argument starts or ends with a blank, and no two runs of blanks stand side by side.
 */
const PAGE_ARG = `(?:-?\\d+(?:\\.\\d+)?|'[^'\\\\<>()]*'|"[^"\\\\<>()]*"|true|false|null|this|\\{\\{\\s*[a-z_][\\w.]*\\s*\\}\\})`
const PAGE_CALL = new RegExp(`^([a-z_]\\w*)(?:\\.[a-z_]\\w*)*\\s*\\(\\s*(?:${PAGE_ARG}(?:\\s*,\\s*${PAGE_ARG})*\\s*)?\\)\\s*(?:;\\s*)?(?:return\\s+(?:false|true)\\s*(?:;\\s*)?)?$`)
/**
 * A sink as an identifier of its own (letters, digits, `_`, `$`; none before it or after
 * it): the words a scan of identifiers would look up in SINKS, found natively instead of by
 * a loop that cut out every word of every value holding a parenthesis. A fixed alternation
 * between fixed-width look-arounds, so linear.
 */
const SINK_WORD = new RegExp(`(?<![a-z0-9_$])(?:${[...SINKS].join('|')})(?![a-z0-9_$])`, 'g')
/** Characters after which an identifier sits where code, not prose, goes (with a space only after the first set). */
const CODE_BEFORE_SPACED = new Set(['', ';', '=', '{', '(', ','])
const CODE_BEFORE = new Set(['', "'", '"', '`', ';', ')', '(', '+', '-', '*', '/', '!', '&', '|', '=', ',', '{', '}', '[', '>', ':', '?', '~', '^'])
const DOM_PATTERNS = [
  'document.cookie', 'document.domain', 'document.write', 'document.location', 'window.location',
  'string.fromcharcode', 'constructor.constructor', '.constructor(', '.innerhtml=', 'location.href=',
]
/**
 * What an `.innerHTML =` assignment writes for it to be an injection: markup or a string, or
 * text from the URL or the window name. A stack frame's context line (`e.innerHTML =
 * template(product)` in an error report) assigns the page's own rendering.
 */
const INNER_HTML_PAYLOAD = /^(?:["'`<]|location|document\.|window\.|name\b|top\.|decodeuri|unescape|atob|string\.fromcharcode)/
/**
 * A location set to a string that starts with one `/` and a path character
 * (`window.location.href = '/checkout?step=' + step`): whatever follows, the browser stays on the
 * page's own site, which is neither a redirect elsewhere nor a script URL (`//host`, `/\\host` are).
 * Read on the text without blanks.
 */
const SAME_SITE_NAVIGATION = /location(?:\.href)?=["'`]\/[\w.~%-]/g
const LOCATION_WORD = /location/g
/** Every `location` in the text is such an assignment. */
function onlySameSiteNavigation(compact: string): boolean {
  return (compact.match(LOCATION_WORD)?.length ?? 0) === (compact.match(SAME_SITE_NAVIGATION)?.length ?? 0)
}
const LOCATION_PATTERNS = new Set(['document.location', 'window.location', 'location.href='])
const DOM_BRACKET = /\b(?:document|window|top|self|parent|frames|globalthis)\s*(?:\)\s*)?\[\s*["'`]/
/**
 * A window global indexed by a key computed from literals: a regular expression's `.source`
 * (`top[/al/.source+/ert/.source]`), JSFuck-style coercions (`self[(+{}+[])[+!![]]…]`), a
 * nested index or a sum. Code indexes a global by a variable (`window[callbackName]`) or a
 * number; a key built from literals only hides the name of what it reaches from filters.
 */
const COMPUTED_GLOBAL = /\b(?:window|top|self|parent|frames|globalthis|this)\s*(?:\)\s*)?\[\s*[/(\[!+]/
/** `this['alert']`: at the top level of a script or in a handler, `this` is the window or an element of its document. */
const THIS_NAMED = /\bthis\s*\[\s*(["'`])([a-z]+)\1/
/** A JavaScript octal escape (`\74` is `<`), which sloppy-mode string literals still decode. */
const OCTAL_ESCAPE = /\\[0-7]{2}/
/**
 * A tagged template whose tag is a function's `call` or `apply` (`[].sort.call\`${alert}1\``):
 * it calls the function held in a substitution with no parenthesis written, which only a
 * payload hiding its call from filters does.
 */
const TEMPLATE_CALL = /\.\s*(?:call|apply)\s*`[^`]{0,200}\$\{/

/** JavaScript with its block comments read as the blanks they are to the parser (`document/*x*\/.cookie`); found by indexOf, so linear. */
function withoutBlockComments(s: string): string {
  let start = s.indexOf('/*')
  if (start < 0) return s
  let out = ''
  let last = 0
  while (start >= 0) {
    const end = s.indexOf('*/', start + 2)
    if (end < 0) break
    out += s.slice(last, start) + ' '
    last = end + 2
    start = s.indexOf('/*', last)
  }
  return out + s.slice(last)
}
const SCRIPT_SCHEMES = ['javascript', 'vbscript', 'livescript']

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90)
}
function isIdent(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 95 || c === 36
}
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12
}

const CSS_SCRIPT = /expression\s*\(|-moz-binding|behavior\s*:\s*url/
/**
 * A script URL that CSS loads (`url('javascript:…')`, `@import 'javascript:…'`), read once CSS escapes
 * are undone: unescaped, the scan and `.css-script-url` read it. A blank after the quote only, so linear.
 */
const CSS_SCRIPT_URL = /(?:url\(\s*|@import\s*(?:url\(\s*)?)(?:["']\s*)?(?:java|vb)script:/
/**
 * The text as a CSS tokenizer reads its escapes: `\` and one to six hex digits (and one
 * blank after them) is that code point, `\` before any other character is the character.
 * One pass, linear.
 */
function cssUnescaped(lower: string): string {
  return lower.replace(/\\(?:([0-9a-f]{1,6})[ \t\n]?|([^0-9a-f\n]))/g, (_, hex: string | undefined, ch: string | undefined) => {
    if (hex === undefined) return ch!
    const code = Number.parseInt(hex, 16)
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ''
  })
}

/** Index of an event-handler attribute (`on…=`) in `s` between `from` and `to`, or -1. */
function findHandler(lower: string, from: number, to: number, needSeparator: boolean): number {
  for (let i = lower.indexOf('on', from); i >= 0 && i < to; i = lower.indexOf('on', i + 2)) {
    const before = lower.charCodeAt(i - 1)
    if (needSeparator && !(isSpace(before) || before === 47 || before === 34 || before === 39 || before === 96)) continue
    if (!needSeparator && isIdent(before)) continue
    let j = i + 2
    while (j < lower.length && isLetter(lower.charCodeAt(j)) && j - i < 40) j++
    if (j - i < 5) continue
    while (j < lower.length && isSpace(lower.charCodeAt(j))) j++
    if (lower[j] === '=') return i
  }
  return -1
}

/**
 * The code of the event-handler attribute at `at` (`onclick="…"`, `'…'` or unquoted), as far as
 * the tag's end `to`.
 */
function handlerCode(lower: string, at: number, to: number): string {
  let k = lower.indexOf('=', at) + 1
  while (k < to && isSpace(lower.charCodeAt(k))) k++
  const q = lower[k]
  if (q === '"' || q === "'") {
    const close = lower.indexOf(q, k + 1)
    return lower.slice(k + 1, close < 0 || close > to ? to : close).trim()
  }
  // Markup inside a JSON or JavaScript string writes its attribute quotes escaped (`onclick=\"f(1)\"`).
  if (q === '\\' && (lower[k + 1] === '"' || lower[k + 1] === "'")) {
    const close = lower.indexOf(lower.slice(k, k + 2), k + 2)
    return lower.slice(k + 2, close < 0 || close > to ? to : close).trim()
  }
  let e = k
  while (e < to && !isSpace(lower.charCodeAt(e)) && lower[e] !== '>') e++
  return lower.slice(k, e)
}

/**
 * Every event handler of the tag between `from` and `to`, the first at `first`, calls only a
 * function of the page's own with constants (see PAGE_CALL): markup pasted from a page or a
 * lesson (`<button onclick="addToCart(42)">`) runs what the page already offers, where an
 * attack reaches a browser global (`alert`, `fetch`, `document`, `location`, …).
 */
function onlyPageCalls(lower: string, first: number, to: number): boolean {
  for (let h = first; h >= 0; h = findHandler(lower, h + 2, to, true)) {
    let e = h + 2
    while (isLetter(lower.charCodeAt(e))) e++
    if (!ACTION_EVENTS.has(lower.slice(h, e))) return false
    const m = PAGE_CALL.exec(handlerCode(lower, h, to))
    if (m === null || BROWSER_GLOBALS.has(m[1]!)) return false
  }
  return true
}

/** The attributes of the tag whose name ends at `from` load an http(s) URL or a fragment of the page, and nothing that runs here (srcdoc, data:, a script URL). */
function onlyFramedPages(lower: string, from: number, to: number): boolean {
  const gt = lower.indexOf('>', from)
  const attrs = lower.slice(from, gt < 0 || gt > to ? to : gt)
  return FRAME_SOURCE.test(attrs) && !attrs.includes('srcdoc') && !attrs.includes('data:') && !attrs.includes('script:')
}

/**
 * A frame tag without attributes, followed by words and never closed (`is this compatible with
 * <iframe> embeds?`, its spaces a `+` when form-encoded twice): it loads nothing, and what
 * follows it is the frame's unrendered text.
 */
function bareFrameInProse(lower: string, name: string, j: number): boolean {
  return lower[j] === '>' && (lower[j + 1] === ' ' || lower[j + 1] === '+') && isLetter(lower.charCodeAt(j + 2)) && !lower.includes(`</${name}`, j)
}

/** A JavaScript call follows at `i`: an identifier or `(expr)` then `(`, a backtick, `.call(`, … */
function codeFollows(lower: string, i: number): boolean {
  let j = i
  while (j < lower.length && (isSpace(lower.charCodeAt(j)) || lower[j] === '"' || lower[j] === "'")) j++
  const window = lower.slice(j, j + 200)
  return /^[({[!]|^[a-z_$][\w$.]*\s*(\?\.)?[(`]|^[a-z_$][\w$.]*\s*=|^[a-z_$][\w$]*\.(call|apply|bind)\(|^[a-z_$][\w$.]*[[;]/.test(window)
}

/** Tags and URL schemes examined per value: bounded work however many `<` or `:` a value holds. */
const MAX_CANDIDATES = 256

/** Empty made-up tags (`o<x>nfocus`) that browsers drop from text but that split keywords for filters. */
const FILLER_TAGS = /<[a-z]{1,3}>/g

/**
 * Every check below needs one of these: a tag `<`, a scheme `:`, an attribute `=`, a call
 * `(` or backtick, a property `.` or `[`, `-moz-binding`, or UTF-7's `<` (`+ADw-`, looked up
 * apart with `includes`). Most values have none.
 */
const MAY_BE_XSS = /[<:=(`[.]|-moz-binding/

/** UTF-7's `<`: `+`, the base64 of UTF-16 `<`, and the `-` that ends the run. */
const UTF7_TAG_OPEN = '+adw-'
/** A UTF-7 run: `+`, base64 of UTF-16 code units, an optional `-`; bounded, and `+-` is a plain `+`. */
const UTF7_RUN = /\+([A-Za-z0-9+/]{1,64})-?/g

/**
 * The value as a UTF-7 decoder reads it: each `+…-` run is base64 of big-endian UTF-16. Internet
 * Explorer rendered a page whose charset it guessed as UTF-7 so, which is how `+ADw-script+AD4-`
 * became a script tag; payload lists and scanners still send it.
 */
export function decodeUtf7(value: string): string {
  return value.replace(UTF7_RUN, (run, b64: string) => {
    let bits = 0
    let acc = 0
    let text = ''
    let unit = 0
    let half = false
    for (const ch of b64) {
      acc = (acc << 6) | BASE64_DIGITS.indexOf(ch)
      bits += 6
      if (bits >= 8) {
        bits -= 8
        const byte = (acc >> bits) & 0xff
        if (half) text += String.fromCharCode((unit << 8) | byte)
        else unit = byte
        half = !half
      }
    }
    return text === '' ? run : text
  })
}
const BASE64_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** Some `.innerhtml=` in `compact` (the value without whitespace) assigns an INNER_HTML_PAYLOAD; bounded by MAX_CANDIDATES. */
function innerHtmlPayload(compact: string): boolean {
  let n = 0
  for (let i = compact.indexOf('.innerhtml='); i >= 0 && n++ < MAX_CANDIDATES; i = compact.indexOf('.innerhtml=', i + 11)) {
    if (INNER_HTML_PAYLOAD.test(compact.slice(i + 11, i + 31))) return true
  }
  return false
}

export const detectXss: Detector = (input, out) => {
  if (!MAY_BE_XSS.test(input.lower) && !input.lower.includes(UTF7_TAG_OPEN)) return
  const before = out.length
  scanXss(input.value, input.lower, input.level, out)
  if (out.length === before && input.lower.includes('\\') && OCTAL_ESCAPE.test(input.value)) {
    // A value written into a JavaScript string (`"\74script\76…"` → `<script>`) reaches the page decoded.
    const decoded = input.value.replace(/\\([0-3][0-7]{0,2}|[4-7][0-7]?)/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)))
    scanXss(decoded, decoded.toLowerCase(), input.level, out)
    for (let k = before; k < out.length; k++) out[k] = { ...out[k]!, explanation: `${out[k]!.explanation.replace(/\.$/, '')}, once its JavaScript octal escapes are decoded.` }
  }
  if (out.length === before && input.lower.includes('<')) {
    const stripped = input.lower.replace(FILLER_TAGS, '')
    if (stripped !== input.lower) scanXss(input.value.replace(/<[a-zA-Z]{1,3}>/g, ''), stripped, input.level, out)
  }
  // No current browser decodes UTF-7, so what it hides counts from level 2.
  if (out.length === before && input.level >= 2 && input.lower.includes(UTF7_TAG_OPEN)) {
    const decoded = decodeUtf7(input.value)
    scanXss(decoded, decoded.toLowerCase(), input.level, out)
    for (let i = before; i < out.length; i++) {
      const f = out[i]!
      out[i] = { ...f, level: f.level < 2 ? 2 : f.level, explanation: `${f.explanation.replace(/\.$/, '')}, once decoded as UTF-7 (+ADw- is <).` }
    }
  }
}

/**
 * A run of three to twelve quotes and `>`, holding both, at the start of the value or after one word
 * or path, or an HTML comment's end, and then a tag (`-->">'>'"<sfi000001v123>`, `probe>'>"></probe>`): it
 * closes whatever attribute, tag or comment the value landed in and opens markup of its own, which is
 * how scanners find where their markup reaches a page. Prose puts no such run before a tag. Its start, or -1.
 */
export function tagBreakout(lower: string): number {
  let i = 0
  while (i < 32 && i < lower.length && /[\w./-]/.test(lower[i]!) && !lower.startsWith('-->', i)) i++
  if (lower.startsWith('-->', i)) i += 3
  const start = i
  let quote = false
  let close = false
  for (; i < lower.length && i - start < 12; i++) {
    const c = lower[i]
    if (c === '>') close = true
    else if (c === '"' || c === "'") quote = true
    else break
  }
  if (i - start < 3 || !quote || !close || lower[i] !== '<') return -1
  const t = lower[i + 1] === '/' ? i + 2 : i + 1
  return /[a-z]/.test(lower[t] ?? '') ? start : -1
}

/** Reports a finding at level `lvl` when the engine's level includes it (a function, not a closure per value). */
function report(out: Finding[], value: string, level: number, rule: string, lvl: 1 | 2 | 3, start: number, end: number, why: string): void {
  if (lvl > level) return
  out.push({ rule, category: 'xss', level: lvl, score: 5, excerpt: excerptAt(value, start, end), explanation: why } satisfies Finding)
}

/**
 * The spans `[start, end)` of data: URLs that CSS loads as images (`url("data:image/svg+xml,<svg …>")`
 * in a theme's stylesheet): an SVG drawn as an image runs no script, so its `<svg>` and its
 * MIME type are no finding there; handlers and code tags inside still are.
 */
function cssDataUrls(lower: string): Array<[number, number]> {
  const spans: Array<[number, number]> = []
  for (let i = lower.indexOf('url('); i >= 0 && spans.length < MAX_CANDIDATES; i = lower.indexOf('url(', i + 4)) {
    let k = i + 4
    while (isSpace(lower.charCodeAt(k))) k++
    const quote = lower[k] === '"' || lower[k] === "'" ? lower[k]! : ''
    if (!lower.startsWith('data:', k + quote.length)) continue
    const end = lower.indexOf(quote === '' ? ')' : quote, k + quote.length + 5)
    spans.push([i, end < 0 ? lower.length : end])
  }
  return spans
}
const inSpans = (spans: Array<[number, number]>, at: number): boolean => spans.some(([a, b]) => at > a && at < b)
/**
 * A `src` attribute to another host added to the tag the value was placed in: after a quote that
 * closes the attribute (`" src=http://…`), or, in an unquoted attribute, after the value's one
 * word, naming a script (`42 src=http://…/x.js`). In a <script>, <img> or <iframe> tag it loads
 * what that host serves. Only tried on short values (REMOTE_SRC_MAX), which bounds its backtracking.
 */
const REMOTE_SRC = /^\s*(?:["'`]\s*src\s*=\s*["']?(?:https?:)?\/\/[^\s"'<>]|[\w.-]{1,40}\s+src\s*=\s*["']?(?:https?:)?\/\/[^\s"'<>]{1,200}\.js["']?\s*$)/
const REMOTE_SRC_MAX = 256
const DATA_URL = /data:\s*(text\/html|image\/svg\+xml|application\/xhtml|text\/javascript|application\/javascript|text\/xml)/g

/**
 * The tag whose name ends at `j` has an attribute before its `>` (or before `end` when it is
 * not closed): `<style>` or `<svg>` followed by their CSS or drawing has none.
 */
function hasAttributes(lower: string, j: number, end: number): boolean {
  const gt = lower.indexOf('>', j)
  return /[^\s/]/.test(lower.slice(j, gt < 0 || gt > end ? end : gt))
}

/** The attributes of the tag whose name ends at `j` (up to its `>`, before `end`) are all `plain`'s. */
function plainAttributes(lower: string, j: number, end: number, plain: RegExp): boolean {
  const gt = lower.indexOf('>', j)
  return gt >= 0 && gt < end && plain.test(lower.slice(j, gt))
}

function scanXss(value: string, lower: string, level: number, out: Finding[]): void {
  const before = out.length
  const cssImages = lower.includes('url(') ? cssDataUrls(lower) : []
  const dataBinding = lower.includes('dataformatas')
  // Tags.
  let tags = 0
  const pageCallTags: Array<[number, number]> = []
  for (let i = lower.indexOf('<'); i >= 0 && out.length === before && tags++ < MAX_CANDIDATES; i = lower.indexOf('<', i + 1)) {
    let j = i + 1
    if (lower[j] === '/') j++
    // Internet Explorer reads `<?import namespace=… implementation=….htc>` as its <import> tag,
    // which loads an HTC behaviour (script); no other `<?…` is read as a tag here (`<?xml`).
    else if (lower.startsWith('?import', j)) j++
    const nameStart = j
    while (j < lower.length && (isIdent(lower.charCodeAt(j)) || lower[j] === ':' || lower[j] === '-') && j - nameStart < 40) j++
    if (j === nameStart || !isLetter(lower.charCodeAt(nameStart))) continue
    const name = lower.slice(nameStart, j)
    const next = lower.charCodeAt(j)
    if (j < lower.length && !(isSpace(next) || next === 47 || next === 62 || next === 60)) continue
    const close = lower.indexOf('<', j)
    const end = Math.min(close < 0 ? lower.length : close, j + 2048)
    const handler = findHandler(lower, j, end, true)
    if (handler < 0 && name === 'script' && nameStart === i + 1 && !lower.slice(j, end).includes('src') && SCRIPT_DATA_BLOCK.test(lower.slice(j, end))) {
      // Its text and closing tag are data; scanning resumes after them.
      const endTag = lower.indexOf('</script', j)
      if (endTag < 0) break
      i = endTag + 1
      continue
    }
    if (handler >= 0) {
      const pageCall = onlyPageCalls(lower, handler, end) && !TAG_BREAKOUT.test(lower.slice(0, i))
      if (pageCall) pageCallTags.push([i, end])
      report(out, value, level, 'waf.xss.event-handler', pageCall ? 3 : 1, i, handler + 12, pageCall ? `The value opens an HTML <${name}> tag whose event handlers only call the page's own functions with constants.` : `The value opens an HTML <${name}> tag with an event-handler attribute, which runs script in a browser.`)
    } else if (CODE_TAGS.has(name)) {
      // A frame that follows a quote and `>` at the very start closed the attribute and the tag the value was placed in: injected, not pasted.
      const inert = FRAME_TAGS.has(name) && (nameStart === i + 2 || onlyFramedPages(lower, j, end) || bareFrameInProse(lower, name, j)) && !TAG_BREAKOUT.test(lower.slice(0, i))
      report(out, value, level, 'waf.xss.script-tag', inert ? 3 : 1, i, j, `The value contains an HTML <${name}> tag, which loads or runs code in a browser.`)
    } else if (RISKY_TAGS.has(name) && hasAttributes(lower, j, end) && (name !== 'meta' || metaActive(lower.slice(j, end))) && !(name === 'style' && plainAttributes(lower, j, end, STYLE_PLAIN)) && !(name === 'svg' && (inSpans(cssImages, i) || plainAttributes(lower, j, end, SVG_PLAIN)))) {
      report(out, value, level, 'waf.xss.risky-tag', 2, i, j, `The value contains an HTML <${name}> tag with attributes, which can carry script.`)
    } else if ((name === 'set' || name === 'animate') && animatesHref(lower, j, end)) {
      report(out, value, level, 'waf.xss.risky-tag', 2, i, j, `The value contains an SVG <${name}> animation of an href, which points a link or an image at an address it names when an event fires.`)
    } else if (dataBinding && DATA_AS_HTML.test(lower.slice(j, end)) && DATA_SOURCE.test(lower.slice(j, end))) {
      report(out, value, level, 'waf.xss.risky-tag', 2, i, j, `The value binds an HTML <${name}> tag to a data source rendered as HTML (datasrc, dataformatas=html), which inserts markup and script.`)
    }
  }
  // Script URL schemes, with whitespace and control characters inside the scheme folded away.
  let colons = 0
  for (let i = lower.indexOf(':'); i >= 0 && out.length === before && colons++ < MAX_CANDIDATES; i = lower.indexOf(':', i + 1)) {
    let k = i - 1
    let word = ''
    // Any C0 control counts as a blank here: `java&#1&#2…&#12script:` is a scheme old WebKit ran.
    while (k >= 0 && word.length < 12 && (isLetter(lower.charCodeAt(k)) || (lower.charCodeAt(k) <= 32 && word.length > 0))) {
      if (isLetter(lower.charCodeAt(k))) word = lower[k] + word
      k--
    }
    const scheme = SCRIPT_SCHEMES.find((sch) => word.endsWith(sch))
    if (scheme === undefined) continue
    const after = lower.charCodeAt(i + 1)
    if (Number.isNaN(after) || isSpace(after)) continue
    let b = k
    while (b >= 0 && (isSpace(lower.charCodeAt(b)) || lower[b] === '"' || lower[b] === "'")) b--
    const inAttribute = lower[b] === '='
    if (inAttribute || codeFollows(lower, i + 1) || lower.startsWith('//', i + 1)) {
      report(out, value, level, 'waf.xss.script-url', 1, Math.max(0, k + 1), i + 20, `The value is a ${scheme}: URL followed by code, which runs when a link or frame loads it.`)
    }
  }
  DATA_URL.lastIndex = 0
  let dataUrls = 0
  for (let m = DATA_URL.exec(lower); m !== null && dataUrls++ < MAX_CANDIDATES; m = DATA_URL.exec(lower)) {
    if (m[1] === 'image/svg+xml' && inSpans(cssImages, m.index)) continue
    report(out, value, level, 'waf.xss.data-url', 1, m.index, m.index + 30, 'The value is a data: URL carrying HTML or script, which a browser renders as a page.')
    break
  }
  // Attribute breakout: a quote closes the attribute the value was placed in, and an event handler follows.
  if (out.length === before) {
    // A tag whose handlers only call the page's functions was judged above, with its handlers.
    let h = findHandler(lower, 0, lower.length, true)
    while (h >= 0 && pageCallTags.some(([from, to]) => h > from && h < to)) h = findHandler(lower, h + 2, lower.length, true)
    if (h >= 0) {
      const eq = lower.indexOf('=', h)
      const quoteBefore = /["'`]\s*\/*\s*$|["'`][^"'`]{0,40}\s\/?$/.test(lower.slice(Math.max(0, h - 48), h))
      if (quoteBefore || codeFollows(lower, eq + 1)) {
        report(out, value, level, 'waf.xss.attribute-injection', quoteBefore ? 1 : 2, Math.max(0, h - 2), eq + 16, 'The value closes an HTML attribute or adds one, and sets an event handler that runs script.')
      }
    }
  }
  if (out.length === before && lower.length <= REMOTE_SRC_MAX && lower.includes('src')) {
    const m = REMOTE_SRC.exec(lower)
    if (m !== null) report(out, value, level, 'waf.xss.attribute-injection', 2, m.index, m.index + 40, 'The value closes or leaves an HTML attribute and adds a src attribute that loads a resource from another host.')
  }
  if (out.length === before && lower.includes('<')) {
    const at = tagBreakout(lower)
    if (at >= 0) report(out, value, level, 'waf.xss.tag-breakout', 2, at, at + 40, 'The value closes an attribute and its tag with a run of quotes and ">" and opens a tag of its own, the probe scanners send to find where their markup reaches the page.')
  }
  // JavaScript sinks called from a code position (a call needs "(" or a backtick).
  if (out.length === before && (lower.includes('(') || lower.includes('`'))) {
    SINK_WORD.lastIndex = 0
    for (let m = SINK_WORD.exec(lower); m !== null && out.length === before; m = SINK_WORD.exec(lower)) {
      const word = m[0]
      const i = m.index
      const j = i + word.length
      // A function literal (GTM's `(function(w,d,s,l,i){`) is not the Function constructor; the sinks inside it are still scanned.
      if (lower[i - 1] === '.' || (word === 'function' && FUNCTION_LITERAL.test(lower.slice(j, j + 200)))) continue
      let p = i - 1
      while (p >= 0 && isSpace(lower.charCodeAt(p))) p--
      const prev = p < 0 ? '' : lower[p]!
      let q = j
      if (lower[q] === ')' && prev === '(') q++
      if (lower.startsWith('?.', q)) q += 2
      // `[8].find(confirm)`: a dialog passed as the callback of an array or a call result's method runs with no `(` after its name.
      const callback = lower[j] === ')' && prev === '(' && STRONG_SINKS.has(word) && /[\])]\.[a-z]+$/.test(lower.slice(Math.max(0, p - 16), p))
      const call = callback || lower[q] === '(' || lower[q] === '`' || /^\.(call|apply|bind)\(/.test(lower.slice(q, q + 7))
      const spaced = p < i - 1
      if (call && CODE_BEFORE.has(prev) && (!spaced || CODE_BEFORE_SPACED.has(prev))) {
        const strong = STRONG_SINKS.has(word)
        // A call quoted in a Markdown code span of a sentence (a review's `fetch('/cart/add.js', …)`)
        // is code a message talks about; a dialog or eval probe counts there too.
        const quoted = !strong && inProseCodeSpan(lower, i)
        report(out, value, level, 'waf.xss.js-sink', strong ? 1 : quoted ? 3 : 2, i, q + 16, `The value calls ${word}() from a position where it would run as JavaScript${quoted ? ', quoted in a code span of a sentence' : ''}.`)
      }
    }
  }
  if (out.length === before && lower.includes('`')) {
    const m = TEMPLATE_CALL.exec(lower)
    if (m !== null) report(out, value, level, 'waf.xss.js-sink', 2, m.index, m.index + 40, "The value calls a function through call or apply used as a template tag (.call`${…}`), a call written without parentheses.")
  }
  if (out.length === before) {
    // Every DOM pattern has a dot, and removing whitespace and comments adds none.
    const code = withoutBlockComments(lower)
    const compact = code.includes('.') ? code.replace(/\s+/g, '') : ''
    const sameSite = compact.includes('location') && onlySameSiteNavigation(compact)
    const dom = DOM_PATTERNS.find((d) => compact.includes(d) && (d !== '.innerhtml=' || innerHtmlPayload(compact)) && !(sameSite && LOCATION_PATTERNS.has(d)))
    const bracket = dom === undefined && code.includes('[') ? DOM_BRACKET.exec(code) : null
    const named = dom === undefined && bracket === null && code.includes('this') ? THIS_NAMED.exec(code) : null
    const computed = dom === undefined && bracket === null && (named === null || !BROWSER_GLOBALS.has(named[2]!)) && code.includes('[') ? COMPUTED_GLOBAL.exec(code) : null
    if (dom !== undefined) {
      const at = Math.max(0, lower.indexOf(dom.slice(0, 8)))
      report(out, value, level, 'waf.xss.dom-access', 1, at, at + 40, `The value reaches ${dom.replace(/[(=]$/, '')}, a browser object that scripts use to steal cookies or redirect.`)
    } else if (bracket !== null) {
      report(out, value, level, 'waf.xss.dom-access', 1, bracket.index, bracket.index + 40, 'The value reads a property of a browser global by name (document["…"]), a way to hide cookie theft from filters.')
    } else if (named !== null && BROWSER_GLOBALS.has(named[2]!)) {
      report(out, value, level, 'waf.xss.dom-access', 1, named.index, named.index + 40, `The value reaches ${named[2]} through this["…"], a browser global named as a string to hide it from filters.`)
    } else if (computed !== null) {
      report(out, value, level, 'waf.xss.dom-access', 2, computed.index, computed.index + 40, 'The value indexes a browser global with a key built from literals (a regular expression\'s source, coerced arrays), which hides the name of the function it reaches.')
    }
  }
  if (out.length === before && level >= 2) {
    const css = lower.search(CSS_SCRIPT)
    // CSS reads `\28` as `(` and `\x` as `x`, so `expression\28…` and `e\xpression(` are the same call.
    const unescaped = css < 0 && lower.includes('\\') ? cssUnescaped(lower) : ''
    if (css >= 0) report(out, value, level, 'waf.xss.css-script', 2, css, css + 30, 'The value contains a CSS construct that runs script in old browsers.')
    else if (CSS_SCRIPT.test(unescaped) || CSS_SCRIPT_URL.test(unescaped)) report(out, value, level, 'waf.xss.css-script', 2, 0, 40, 'The value contains a CSS construct that runs script in old browsers, written with CSS escapes.')
  }
}
