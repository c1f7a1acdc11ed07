/**
 * A NUL byte inside a value of the body, a cookie or a header. Native code (PHP's file functions
 * before 5.3.4, C libraries, LDAP and database clients) ends a string at NUL, so `index.php%00`
 * or `/etc/passwd%00.jpg` drops the suffix an application appends, and `%00http://…` cuts the
 * prefix check before it. No text a person types or pastes holds one; the URL's `%00` is the
 * protocol check's (protocol.ts), which reads it before decoding.
 * @module
 */
import type { Finding, TargetKind } from './finding.ts'
import { excerptAt } from './finding.ts'

/**
 * Values whose text is text: not the URL's (checked whole), nor an uploaded file's content or a
 * body of no known type, which may be binary (protobuf, an image posted raw).
 */
export const NUL_TEXT_KINDS: ReadonlySet<TargetKind> = new Set(['form', 'json', 'json-key', 'cookie', 'header', 'structured-header', 'multipart-name', 'filename', 'xml', 'xml-text'])

/**
 * The URL's values, whose `%00` the protocol check reads as sent: theirs count here only when a
 * further decoding makes the NUL (`%2500` for an application that decodes twice, IIS's `%u0000`).
 */
export const NUL_URL_KINDS: ReadonlySet<TargetKind> = new Set(['path', 'arg', 'arg-name'])

/** The finding for `unescaped` (a value decoded but for its NULs), or null when it holds none. */
export function nullByte(unescaped: string): Finding | null {
  const at = unescaped.indexOf('\u0000')
  if (at < 0) return null
  return {
    rule: 'waf.protocol.null-byte',
    category: 'protocol',
    level: 2,
    score: 5,
    excerpt: excerptAt(unescaped.replaceAll('\u0000', '\\0'), at, at + 2),
    explanation: 'The value carries a NUL byte, used to cut strings short in native code.',
  }
}
