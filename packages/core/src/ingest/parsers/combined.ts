/**
 * nginx/Apache `combined` and `common` access logs, with or without appended
 * `key=value` / `key="quoted value"` fields. This is the hot path of ingest, so it is a
 * hand-written index scanner: no regex, one pass, each field sliced once.
 *
 * `remote_addr ident remote_user [time_local] "request" status bytes ["referer" "user_agent"] [extra…]`
 *
 * Apache's `vhost_combined` (Debian's other_vhosts_access.log) puts `%v:%p` before the
 * address; a first token of the form `name:port` is read as that virtual host.
 *
 * Both format names accept both layouts (a `common` line is a `combined` line that stops
 * after the byte count); the name only records what the file was declared or detected as.
 * @module
 */
import { emptyHttpEvent } from '../../events/http-event.ts'
import type { HttpEvent } from '../../events/http-event.ts'
import type { ParseResult, ParserOptions, RecordParser } from '../parser.ts'
import { parseClfTime } from '../time.ts'
import { UnnamedFieldTracker, isJa4 } from '../unnamed-fields.ts'
import type { TrailingToken, UnnamedFieldsReport } from '../unnamed-fields.ts'
import { findClosingQuote, unescapeLogValue } from './escapes.ts'
import { MAX_LABELS, applyExtraField, applyRequestLine, parseCountAt, setLabel } from './http-fields.ts'
import { createLineParser, errorResult, quoteForReason, truncateUtf8 } from './line-parser.ts'

const LAYOUT = `remote_addr ident user [time] "request" status bytes "referer" "user_agent"`

export interface CombinedParser extends RecordParser {
  /** Fields past the ones this format names (`labels.field_N`) seen so far, or null when there were none. */
  unnamedFields(): UnnamedFieldsReport | null
}

export function createCombinedParser(format: 'combined' | 'common', options: ParserOptions): CombinedParser {
  // Consecutive lines mostly share their second; parsing it once per second is the single largest saving.
  let lastTimeText = ''
  let lastTime: number | null = null
  const unnamed = new UnnamedFieldTracker(options)
  let trailingTokens = 0

  const fail = (lineNo: number, reason: string, line: string): ParseResult => errorResult(lineNo, reason, line, options)

  function parseLine(line: string, lineNo: number): ParseResult {
    const n = line.length
    const first = line.indexOf(' ')
    let vhostPort = first < 0 ? -1 : vhostPortAt(line, first)
    let start = vhostPort < 0 ? 0 : first + 1
    let a = vhostPort < 0 ? first : line.indexOf(' ', start)
    let b = a < 0 ? -1 : line.indexOf(' ', a + 1)
    // The remote user may contain spaces (HTTP basic auth names do); it runs up to ` [`.
    let c = b < 0 ? -1 : line.indexOf(' [', b)
    let addrPort = -1
    if (vhostPort >= 0 && c === b) {
      // Only two fields before the time: the `name:port` was the client's address and port.
      addrPort = vhostPort
      vhostPort = -1
      start = 0
      a = first
      b = line.indexOf(' ', a + 1)
      c = line.indexOf(' [', b)
    }
    if (c < 0) return fail(lineNo, `expected ${LAYOUT}; found fewer than four fields`, line)
    if (line.charCodeAt(c + 1) !== 91) return fail(lineNo, `expected '[' before the time at column ${c + 2}`, line)
    const timeEnd = line.indexOf(']', c + 2)
    if (timeEnd < 0) return fail(lineNo, 'the time is not closed by \']\'', line)
    if (!sameText(line, c + 2, timeEnd, lastTimeText)) {
      lastTimeText = line.slice(c + 2, timeEnd)
      lastTime = parseClfTime(lastTimeText)
    }
    if (lastTime === null) {
      return fail(lineNo, `time is not a dd/Mon/yyyy:hh:mm:ss +zzzz timestamp: ${quoteForReason(lastTimeText)}`, line)
    }
    if (line.charCodeAt(timeEnd + 1) !== 32 || line.charCodeAt(timeEnd + 2) !== 34) {
      return fail(lineNo, 'expected a quoted request after the time', line)
    }
    const reqStart = timeEnd + 3
    const reqEnd = findClosingQuote(line, reqStart)
    if (reqEnd < 0) return fail(lineNo, 'the request is not closed by a quote (truncated line?)', line)
    const statusStart = reqEnd + 2
    const statusEnd = statusStart > n ? -1 : line.indexOf(' ', statusStart)
    if (statusEnd < 0) return fail(lineNo, 'line ends after the request: no status and byte count', line)
    let bytesEnd = line.indexOf(' ', statusEnd + 1)
    if (bytesEnd < 0) bytesEnd = n
    const status = isDash(line, statusStart, statusEnd) ? null : parseCountAt(line, statusStart, statusEnd)
    if (status !== null && (Number.isNaN(status) || statusEnd - statusStart > 3)) {
      return fail(lineNo, `status is not a number: ${quoteForReason(line.slice(statusStart, statusEnd))}`, line)
    }
    const bytes = isDash(line, statusEnd + 1, bytesEnd) ? null : parseCountAt(line, statusEnd + 1, bytesEnd)
    if (bytes !== null && Number.isNaN(bytes)) {
      return fail(lineNo, `body bytes is not a number: ${quoteForReason(line.slice(statusEnd + 1, bytesEnd))}`, line)
    }

    const ev = emptyHttpEvent(format, options.file, lineNo, truncateUtf8(line, options.maxMessageBytes))
    ev.ts = lastTime
    if (vhostPort >= 0) {
      ev.url_domain = line.slice(0, vhostPort).toLowerCase()
      setLabel(ev, 'server_port', line.slice(vhostPort + 1, first))
    }
    if (addrPort >= 0) {
      const port = parseCountAt(line, addrPort + 1, a)
      ev.source_port = port <= 65535 ? port : null
      ev.source_ip = line.slice(0, addrPort)
      ev.source_peer_ip = ev.source_ip
    } else if (a > start && !isDash(line, start, a)) {
      const addr = line.slice(start, a)
      ev.source_ip = addr
      ev.source_peer_ip = addr
    }
    if (c - b - 1 > 0 && !isDash(line, b + 1, c)) ev.user_name = unescapeLogValue(line.slice(b + 1, c))
    const request = line.slice(reqStart, reqEnd)
    applyRequestLine(ev, unescapeLogValue(request), request)
    ev.http_response_status_code = status
    ev.http_response_bytes = bytes
    if (bytesEnd < n) {
      const reason = parseTrailingFields(ev, line, bytesEnd + 1, null)
      if (reason !== null) {
        unnamed.dropLine()
        return fail(lineNo, reason, line)
      }
      if (unnamed.endLine(trailingTokens)) {
        const layout: TrailingToken[] = []
        parseTrailingFields(emptyHttpEvent(format, options.file, lineNo, ''), line, bytesEnd + 1, layout)
        unnamed.setLayout(line, ev, layout)
      }
    }
    return { kind: 'http', event: ev }
  }

  /**
   * After the byte count: bare quoted fields are referer, user agent and (nginx's stock
   * `main` format) X-Forwarded-For; `key=value` pairs are the shop's own additions. Other
   * fields are numbered labels, told to the tracker (or, when `layout` is given, only listed
   * there), and a JA4 fingerprint among them also fills its column (docs/ingest.md).
   */
  function parseTrailingFields(ev: HttpEvent, line: string, from: number, layout: TrailingToken[] | null): string | null {
    const n = line.length
    let p = from
    let bare = 0
    let fields = 0
    while (p < n && fields < MAX_LABELS + 3) {
      if (line.charCodeAt(p) === 32) {
        p++
        continue
      }
      fields++
      if (line.charCodeAt(p) === 34) {
        const end = findClosingQuote(line, p + 1)
        if (end < 0) return `${BARE_NAMES[bare] ?? 'a quoted field'} is not closed by a quote (truncated line?)`
        const value = unescapeLogValue(line.slice(p + 1, end))
        layout?.push({ kind: 'quoted', slot: bare })
        if (value !== '-' && value !== '') {
          if (bare === 0) ev.http_request_referrer = value
          else if (bare === 1) ev.user_agent_original = value
          // An address list never has a fingerprint's shape: the layout is not nginx's `main`.
          else if (bare === 2 && !isJa4(value)) {
            ev.http_x_forwarded_for = value
            if (layout === null) unnamed.forwardedFor(value)
          } else unnamedField(ev, bare + 1, value, layout)
        }
        bare++
        p = end + 1
        continue
      }
      // One scan finds both the end of the token and its first '=' (a quoted value starts right after it).
      let end = p
      let eq = -1
      while (end < n) {
        const ch = line.charCodeAt(end)
        if (ch === 32) break
        if (ch === 61 && eq < 0) {
          eq = end
          if (end > p && line.charCodeAt(end + 1) === 34) break
        }
        end++
      }
      if (eq > p) {
        const key = line.slice(p, eq)
        const quoted = line.charCodeAt(eq + 1) === 34
        layout?.push({ kind: 'pair', key, quoted })
        if (quoted) {
          const close = findClosingQuote(line, eq + 2)
          if (close < 0) return `the value of ${key} is not closed by a quote (truncated line?)`
          applyExtraField(ev, key, unescapeLogValue(line.slice(eq + 2, close)), options)
          p = close + 1
          continue
        }
        applyExtraField(ev, key, line.slice(eq + 1, end), options)
      } else {
        layout?.push({ kind: 'bare', slot: bare })
        unnamedField(ev, bare + 1, line.slice(p, end), layout)
        bare++
      }
      p = end
    }
    trailingTokens = fields
    return null
  }

  function unnamedField(ev: HttpEvent, n: number, value: string, layout: TrailingToken[] | null): void {
    setLabel(ev, `field_${n}`, value)
    if (ev.tls_client_ja4 === null && isJa4(value)) ev.tls_client_ja4 = value
    if (layout === null && value !== '-') unnamed.field(n, value)
  }

  return { ...createLineParser(format, options, parseLine), unnamedFields: () => unnamed.report() }
}

/**
 * Where the colon of a `name:port` first token ending at `end` is, else -1: a host name
 * (letters, digits, dots, hyphens, at least one letter or dot before the colon) and a
 * decimal port. An IPv6 client address has more than one colon and never matches.
 */
function vhostPortAt(line: string, end: number): number {
  let colon = -1
  for (let i = 0; i < end; i++) {
    const c = line.charCodeAt(i)
    if (c === 58) {
      if (colon >= 0) return -1
      colon = i
    } else if (colon >= 0) {
      if (c < 48 || c > 57) return -1
    } else if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 45)) {
      return -1
    }
  }
  return colon > 0 && colon < end - 1 ? colon : -1
}

const BARE_NAMES = ['the referer', 'the user agent', 'the X-Forwarded-For field']

function isDash(line: string, from: number, to: number): boolean {
  return to - from === 1 && line.charCodeAt(from) === 45
}

/** line[from, to) === text, compared from the end where consecutive timestamps differ; startsWith with an offset is a slow runtime call. */
function sameText(line: string, from: number, to: number, text: string): boolean {
  if (to - from !== text.length) return false
  for (let i = to - 1, j = text.length - 1; j >= 0; i--, j--) if (line.charCodeAt(i) !== text.charCodeAt(j)) return false
  return true
}
