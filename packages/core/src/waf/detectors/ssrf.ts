/**
 * Server-side request forgery in URLs: each URL in the value is parsed with the WHATWG
 * URL parser, which normalises decimal, octal and hex IPv4 forms as a fetching server
 * would; the resulting host is checked against cloud metadata, loopback and private
 * addresses, and the scheme against those that talk to internal services.
 * @module
 */
import { excerptAt, lineStart, stackFrameFile, wordOfText, type Detector, type DetectorInput, type Finding } from './finding.ts'

const METADATA_HOSTS = new Set(['instance-data', 'instance-data.ec2.internal', '169.254.169.254', '[fd00:ec2::254]', 'metadata.google.internal', '100.100.100.200', '169.254.170.2', 'metadata.azure.com', '192.0.0.192'])

/** The IPv4 address an IPv4-mapped IPv6 host stands for (`[::ffff:a9fe:a9fe]` is 169.254.169.254), as the parser writes it; null otherwise. */
function mappedIpv4(host: string): string | null {
  const m = /^\[::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})\]$/.exec(host)
  if (m === null) return null
  const hi = parseInt(m[1]!, 16)
  const lo = parseInt(m[2]!, 16)
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`
}
const DANGEROUS_SCHEMES = new Set(['gopher:', 'dict:', 'ldap:', 'tftp:', 'sftp:', 'jar:'])
const LOOPBACK_NAMES = ['localhost', 'localtest.me', 'lvh.me', 'vcap.me', 'lacolhost.com', 'fbi.com', 'spoofed.burpcollaborator.net']
const MAX_URLS = 16

/**
 * A loopback or unspecified address written as an IP literal (the URL parser has normalised
 * it), or leading a name: a wildcard-DNS service resolves `127.0.0.1.nip.io` to it, and a
 * fetcher that stops at a NUL byte reads `127.0.0.1%00example.com` as it.
 */
function isLoopbackAddress(host: string): boolean {
  return (
    (host.startsWith('127.') && /^\d+\.\d+\.\d+\.\d+(?:$|\D)/.test(host)) ||
    host === '0.0.0.0' ||
    host === '[::1]' ||
    host === '[::]' ||
    host.startsWith('[::ffff:7f') ||
    host.startsWith('[::ffff:127.')
  )
}

function isLoopbackName(host: string): boolean {
  return LOOPBACK_NAMES.some((n) => host === n || host.endsWith(`.${n}`))
}

/**
 * A loopback name dressed as another host: a domain put in front of it (`example.com.localhost`)
 * or after it as the fragment (`localhost#example.com`), so that a check reading the start or
 * the end of the URL sees the allowed domain. A developer's own `http://localhost:3000/` (an
 * analytics beacon's referrer from a local storefront) is neither, and stays level 3.
 */
function disguisedLoopback(url: URL, host: string): boolean {
  // Only without a port: a dev server has one (`store1.shop.localhost:3000`, `localhost:3000/docs#v1.2`).
  if (url.port !== '') return false
  const name = LOOPBACK_NAMES.find((n) => host.endsWith(`.${n}`))
  return (name !== undefined && host.slice(0, -name.length - 1).includes('.')) || /^#[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$/i.test(url.hash)
}

function isPrivate(host: string): boolean {
  return /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.)/.test(host) || /^\[f[cd]/.test(host)
}

/** Names that only resolve inside a cloud network or a cluster: Kubernetes services, cloud-internal DNS. */
const INTERNAL_SUFFIXES = ['.svc', '.svc.cluster.local', '.internal']
const isInternalName = (host: string): boolean => INTERNAL_SUFFIXES.some((x) => host.endsWith(x))

/**
 * The level of a URL to a private address or an internal name at `s`..`e`: 2 when it is the whole
 * value of a parameter, body field or cookie, the field a server is asked to fetch (a webhook, an
 * image import, an avatar); 3 in a header, and inside a longer value (running text, a page URL with
 * it in its query), where people name their own network.
 */
function privateLevel(input: DetectorInput, s: number, e: number): 2 | 3 {
  const { value, kind } = input
  return kind !== 'header' && kind !== 'structured-header' && value.slice(0, s).trim() === '' && value.slice(e).trim() === '' ? 2 : 3
}

/**
 * The level of a loopback URL at `s`: 2, but 3 in the header a browser fills with the page it
 * was on (Referer, from a developer's storefront on their own machine) or in a header whose
 * name is unknown (no browser writes a loopback URL into any other header, a User-Agent), and
 * as a word of running text (`proxy_pass http://127.0.0.1:3000;` in a pasted nginx config): a
 * server fetches a URL that is the value, or that follows a quote or `=`, not one in a sentence;
 * and where a stack frame ran, in a stack of several lines or as a JSON frame's file name
 * (see stackFrameFile).
 */
function loopbackLevel(input: DetectorInput, s: number, e: number): 2 | 3 {
  return (input.kind === 'header' && (input.header === 'referer' || input.header === undefined || input.header === null)) || wordOfText(input.value, s) || stackFrameUrl(input.value, s, e) || stackFrameFile(input.value, s) ? 3 : 2
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57

/** Where a run of digits that ends at `end` starts (no further back than `from`). */
function digitsStart(value: string, from: number, end: number): number {
  let i = end
  while (i > from && isDigit(value.charCodeAt(i - 1))) i--
  return i
}

/**
 * The URL at `s`..`e` is where a frame of a JavaScript stack trace ran, in a value of several
 * lines: it ends in `:line` or `:line:column` (and the `)` of a V8 frame), and it follows `@`
 * (Firefox and Safari write `fn@url:44`) or `(` or `at ` on a line that starts with `at` (V8
 * writes `at fn (url:13:17)`). An error report quotes where a developer's page ran; no server
 * fetches a URL from inside a stack, so the loopback URL there counts at level 3.
 */
function stackFrameUrl(value: string, s: number, e: number): boolean {
  if (s === 0 || !value.includes('\n')) return false
  let end = e
  if (value.charCodeAt(end - 1) === 41 /* ) */) end--
  const line = digitsStart(value, s, end)
  if (line === end || value.charCodeAt(line - 1) !== 58 /* : */) return false
  const before = value.charCodeAt(s - 1)
  if (before === 64 /* @ */) return true
  const lineText = value.slice(lineStart(value, s - 1), s).trimStart()
  return lineText.startsWith('at ') && (before === 40 /* ( */ || lineText === 'at ')
}

/**
 * A loopback host and a port written with a leading `+` or zeros (`localhost:00011211`,
 * `127.0.0.1:+6379`) as the whole start of a value: a form no person writes, which lax URL
 * builders and resolvers still read as that port, used to reach memcached or Redis.
 */
const OBFUSCATED_PORT = /^(?:localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\]):(?:\+|0)\d/

/**
 * The address a dotted quad with a number past 255 stands for where a parser keeps each number's
 * low byte (`383.256.256.257` is 127.0.0.1, SSRFmap's "dotted decimal with overflow"); null for
 * any other host. No host is written so: WHATWG parsers refuse it, and a name's last label is
 * never all digits.
 */
function overflowedIpv4(host: string): string | null {
  const m = /^(\d{1,5})\.(\d{1,5})\.(\d{1,5})\.(\d{1,5})$/.exec(host)
  if (m === null) return null
  const parts = m.slice(1).map(Number)
  return parts.some((n) => n > 255) ? parts.map((n) => n & 255).join('.') : null
}

/** A character of a URL scheme (`[a-z0-9+.-]`), read backwards from `://`. */
function isSchemeChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 46 || c === 45
}

/** A character that ends a URL in free text: what `/[\s"'<>`\\{}|^]/` matches, without a one-character string per character read (exported so a test can hold it to the pattern). */
export function endsUrl(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13)
  if (c < 127) return c === 34 || c === 39 || c === 60 || c === 62 || c === 96 || c === 92 || c === 123 || c === 125 || c === 124 || c === 94
  // The rest of \s: no-break, Ogham, en quad to hair space, line and paragraph separators, narrow no-break, math and ideographic spaces, BOM.
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
}

/** Schemes whose URLs a WHATWG parser (browsers, Node's fetch) reads with `\\` as `/`: `http:\\\\host` is `http://host`. */
const SPECIAL_SCHEMES = new Set(['http', 'https', 'ws', 'wss', 'ftp'])

/**
 * Where the next URL's `://` is at or after `from`: that, or, in a value holding a backslash, a
 * `:` and two characters of `/` and `\` with a backslash among them after a special scheme
 * (see SPECIAL_SCHEMES), which the fetching server reads as `://`. -1 when there is none.
 */
function nextSeparator(lower: string, from: number, backslash: boolean): number {
  let next = lower.indexOf('://', from)
  if (!backslash) return next
  for (let i = lower.indexOf(':', from); i >= 0 && (next < 0 || i < next); i = lower.indexOf(':', i + 1)) {
    const a = lower.charCodeAt(i + 1)
    const b = lower.charCodeAt(i + 2)
    if ((a === 92 || a === 47) && (b === 92 || b === 47) && (a === 92 || b === 92)) {
      let s = i
      while (s > 0 && isSchemeChar(lower.charCodeAt(s - 1)) && i - s < 16) s--
      if (SPECIAL_SCHEMES.has(lower.slice(s, i))) next = i
    }
  }
  return next
}

/** Schemes a server fetches or includes from, whose case a filter may match exactly. */
const FETCHED_SCHEMES = new Set(['http', 'https', 'ftp', 'ftps', 'file'])

/**
 * Whether the scheme `value[s, i)` changes from lower to upper case inside it (`HtTp`, `hTTps`):
 * written to slip a remote URL past a filter that looks for `http://`. Browsers, links and typed
 * addresses write a scheme in lower case, in capitals, or with a capital first letter (`Http://`,
 * a phone's autocapitalisation). Read here, by code, since a rule's literals are matched in lower
 * case: as a pattern woken by every `://` it ran re2js on 24,108 values of the 18,786 benign
 * corpus requests, a fifth more runs than all the rule packs made.
 */
function mixedCaseScheme(value: string, lower: string, s: number, i: number): boolean {
  if (i - s < 3 || i - s > 5 || !FETCHED_SCHEMES.has(lower.slice(s, i))) return false
  for (let k = s + 1; k < i; k++) {
    const prev = value.charCodeAt(k - 1)
    const c = value.charCodeAt(k)
    if (prev >= 97 && prev <= 122 && c >= 65 && c <= 90) return true
  }
  return false
}

/** Reports a finding at level `lvl` when the input's level includes it (a function, not a closure per URL). */
function report(input: DetectorInput, out: Finding[], rule: string, lvl: 1 | 2 | 3, s: number, e: number, why: string): void {
  if (lvl <= input.level) out.push({ rule, category: 'ssrf', level: lvl, score: 5, excerpt: excerptAt(input.value, s, e), explanation: why })
}

export const detectSsrf: Detector = (input, out) => {
  const { value, lower, level } = input
  // Nearly every value starts with none of `l`, `1`, `[`, so the pattern runs on few.
  const first = lower.charCodeAt(0)
  if (level >= 2 && (first === 108 || first === 49 || first === 91) && OBFUSCATED_PORT.test(lower)) {
    out.push({ rule: 'waf.ssrf.loopback-port', category: 'ssrf', level: 2, score: 5, excerpt: excerptAt(value, 0, Math.min(value.length, 40)), explanation: 'The value is a loopback host with a port written with a leading + or zeros, a form used to reach internal services past port filters.' })
  }
  let found = 0
  const backslash = lower.includes('\\')
  for (let i = nextSeparator(lower, 0, backslash); i >= 0 && found < MAX_URLS; i = nextSeparator(lower, i + 3, backslash)) {
    found++
    let s = i
    while (s > 0 && isSchemeChar(lower.charCodeAt(s - 1)) && i - s < 16) s--
    if (s === i) continue
    let e = i + 3
    while (e < lower.length && e - i < 2048 && !endsUrl(lower.charCodeAt(e))) e++
    if (level >= 2 && mixedCaseScheme(value, lower, s, i)) {
      out.push({ rule: 'waf.rfi.mixed-case-scheme', category: 'rfi', level: 2, score: 5, excerpt: excerptAt(value, s, e), explanation: 'The value is a URL whose scheme mixes lower and upper case (HtTp://), written to get a remote address past a filter, as remote-file-inclusion probes do.' })
    }
    // The authority ends at the first `/`, `?` or `#`.
    let a = i + 3
    while (a < e && lower.charCodeAt(a) !== 47 && lower.charCodeAt(a) !== 63 && lower.charCodeAt(a) !== 35) a++
    const authority = lower.slice(i + 3, a)
    const rawHost = authority.slice(authority.lastIndexOf('@') + 1).replace(/:\d+$/, '')
    let url: URL
    try {
      url = new URL(value.slice(s, e))
    } catch {
      // The WHATWG parser refuses a host that ends in a number but is no IPv4 address
      // (`example.com.127.0.0.1`) and a scheme that starts with a digit (`0://127.0.0.1:80;…`);
      // other URL parsers and resolvers take what comes before the port as the host.
      const loose = rawHost.split(/[:;,]/)[0]!
      const lastFour = loose.split('.').slice(-4).join('.')
      const wrapped = overflowedIpv4(loose)
      if (isLoopbackAddress(loose) || (loose !== lastFour && isLoopbackAddress(lastFour))) {
        report(input, out, 'waf.ssrf.loopback', loopbackLevel(input, s, e), s, e, `The value is a URL to the server itself (${loose.slice(0, 60)}), written so that a strict URL parser rejects it and a lax one does not.`)
      } else if (wrapped !== null && (isLoopbackAddress(wrapped) || isPrivate(wrapped) || METADATA_HOSTS.has(wrapped))) {
        report(input, out, 'waf.ssrf.ip-obfuscation', 1, s, e, `The URL writes the address ${wrapped} as "${loose.slice(0, 40)}", each number past 255 so that a parser keeping only its low byte reads that internal address.`)
      }
      continue
    }
    // A name with its root's dot (`localhost.`, `metadata.google.internal.`) resolves as the name without it.
    const fqdn = url.hostname.toLowerCase()
    const host = fqdn.endsWith('.') && !fqdn.endsWith('..') ? fqdn.slice(0, -1) : fqdn
    if (METADATA_HOSTS.has(host) || METADATA_HOSTS.has(mappedIpv4(host) ?? '')) {
      report(input, out, 'waf.ssrf.cloud-metadata', 1, s, e, `The value is a URL to the cloud metadata service (${host}), which hands out the server's credentials.`)
    } else if (/^\d+\.\d+\.\d+\.\d+$/.test(host) && host !== rawHost && !rawHost.startsWith('[')) {
      report(input, out, 'waf.ssrf.ip-obfuscation', 1, s, e, `The URL writes the address ${host} as "${rawHost.slice(0, 40)}", an encoding used to slip internal addresses past filters.`)
    } else if (DANGEROUS_SCHEMES.has(url.protocol)) {
      report(input, out, 'waf.ssrf.scheme', 1, s, e, `The value is a ${url.protocol.slice(0, -1)}:// URL, a scheme used to send raw bytes to internal services.`)
    } else if (url.username.includes('.') || url.password.includes('.')) {
      // `http://trusted.example@evil/`: a host name written where the user name goes, so a
      // check that reads the start of the URL sees one host and the fetch goes to another.
      report(input, out, 'waf.ssrf.userinfo-host', 2, s, e, `The URL puts a host name before "@" (${url.username.slice(0, 40)}), so it is fetched from ${host}, not from the host it seems to name.`)
    } else if (isLoopbackAddress(host)) {
      // A loopback IP written into a parameter is a probe: a browser puts one there only when
      // a developer runs the shop on their own machine, and then in the Referer it writes,
      // which stays at level 3 like the loopback names (`http://localhost:3000/`).
      report(input, out, 'waf.ssrf.loopback', loopbackLevel(input, s, e), s, e, `The value is a URL to the server itself (${host}), to reach services that trust local callers.`)
    } else if (isLoopbackName(host)) {
      report(input, out, 'waf.ssrf.loopback', disguisedLoopback(url, host) ? loopbackLevel(input, s, e) : 3, s, e, `The value is a URL to the server itself (${host}), to reach services that trust local callers.`)
    } else if (isPrivate(host)) {
      // Only an address: a name that starts like one (`10.shop.example`) is anyone's.
      const address = host.startsWith('[') || /^\d+\.\d+\.\d+\.\d+$/.test(host)
      report(input, out, 'waf.ssrf.private-address', address ? privateLevel(input, s, e) : 3, s, e, `The value is a URL to a private network address (${host}), to reach services that are not meant to be reachable from outside.`)
    } else if (isInternalName(host)) {
      report(input, out, 'waf.ssrf.private-address', privateLevel(input, s, e), s, e, `The value is a URL to a name that only resolves inside the server's own network (${host}).`)
    }
  }
}
