/**
 * multipart/form-data: each part's field name, file name and (text) content become
 * targets. Parts are found by scanning for the boundary; headers are read line by line.
 * @module
 */
import type { TargetSink } from './extract.ts'

const MAX_PART_HEADER = 4096
/** PHP's open tag, in any case: five bytes that no image, archive or document holds by chance. */
const PHP_OPEN = /<\?php/i
/** How much code after an open tag in a binary file is read. */
const EMBEDDED_CODE = 4096
/** How much of a file's start decides whether it is text. */
const TEXT_PROBE = 1024

/**
 * Whether a file's start is text: no control character but tab, line feed and carriage return,
 * and no replacement character (bytes that were not UTF-8). A binary format's header (JPEG,
 * PNG, ZIP, PDF streams) holds NULs and control bytes within its first kilobyte.
 */
function readsAsText(content: string): boolean {
  const end = Math.min(content.length, TEXT_PROBE)
  for (let i = 0; i < end; i++) {
    const c = content.charCodeAt(i)
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0x7f || c === 0xfffd) return false
  }
  return end > 0
}

function param(header: string, key: string): string | null {
  const lower = header.toLowerCase()
  let i = lower.indexOf(`${key}=`)
  while (i > 0 && /[a-z*]/.test(lower[i - 1]!)) i = lower.indexOf(`${key}=`, i + 1)
  if (i < 0) return null
  let j = i + key.length + 1
  if (header[j] === '"') {
    const end = header.indexOf('"', j + 1)
    return header.slice(j + 1, end < 0 ? header.length : end)
  }
  const end = header.slice(j).search(/[;\r\n]/)
  return header.slice(j, end < 0 ? header.length : j + end).trim()
}

/** Adds the parts; false when no part could be read, so the caller inspects the raw body. */
export function parseMultipart(sink: TargetSink, body: string, boundary: string): boolean {
  const delimiter = `--${boundary}`
  let pos = body.indexOf(delimiter)
  let parts = 0
  while (pos >= 0) {
    const start = pos + delimiter.length
    if (body.startsWith('--', start)) break
    const next = body.indexOf(delimiter, start)
    const part = body.slice(start, next < 0 ? body.length : next)
    pos = next
    const sep = /\r?\n\r?\n/.exec(part.slice(0, MAX_PART_HEADER))
    if (sep === null) continue
    if (!sink.param()) break
    parts++
    const head = part.slice(0, sep.index)
    const content = part.slice(sep.index + sep[0].length).replace(/\r?\n$/, '')
    const name = param(head, 'name') ?? ''
    const filename = param(head, 'filename')
    const label = name.slice(0, 64)
    sink.add('body:multipart-name:', label, 'multipart-name', name)
    if (filename !== null) {
      sink.add('body:multipart-filename:', label, 'filename', filename)
      // File content is inspected only when it is text the application may render, parse or
      // run: declared as text, or text whatever its declared type, as a script uploaded as
      // `image/jpeg` or behind a `GIF89a` header is (an image, archive or PDF is binary).
      if (!/content-type:\s*(?:text\/|application\/(?:json|xml|x-www-form-urlencoded))/i.test(head) && !readsAsText(content)) {
        // A web shell hidden in an image's metadata (an EXIF comment) runs once the file is
        // included as PHP: the code from its open tag on is read, not the image around it.
        const php = PHP_OPEN.exec(content)
        if (php !== null) sink.add('body:multipart:', label, 'multipart', content.slice(php.index, php.index + EMBEDDED_CODE))
        continue
      }
    }
    sink.add('body:multipart:', label, 'multipart', content)
  }
  return parts > 0
}
