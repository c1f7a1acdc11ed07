/**
 * Splitting a byte stream into lines. Bytes are split on `\n` before decoding (a `\n`
 * byte never occurs inside a multi-byte UTF-8 sequence), decoded with replacement
 * characters for invalid bytes, and a line longer than `maxLineBytes` is never held:
 * its first bytes are kept for the quarantine record and the rest is dropped.
 * @module
 */
import { isAscii } from 'node:buffer'

export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024

/** How much of an over-long line is kept to show in quarantine. */
const TOO_LONG_HEAD_BYTES = 1024

/**
 * Bytes decoded into one string, at most (whole lines, unless one line is longer). Node
 * makes a latin1 string of over ~1 MB (its 1 MiB read chunks) an external string outside
 * V8's heap, and every line and field sliced from one is read through it: parse and
 * enrich cost 0.4–1.0 µs more per line (same-process alternating rounds on the bench log).
 * Below V8's large-object size (128 KB) the string is made in the young generation, and
 * dies there with its batch: 256 KB pieces, in large-object space, peaked ~20 MB higher.
 */
const DECODE_BYTES = 64 * 1024

/**
 * UTF-8 decoding costs about 1 µs per 220-byte line (V8 validates and counts as it goes);
 * ASCII, which most logs are, is the same text in latin1, which is a copy, and checking
 * for it is a vectorised scan (together ~0.06 µs per line).
 */
function decode(buf: Buffer, start: number, end: number): string {
  return buf.toString(isAscii(buf.subarray(start, end)) ? 'latin1' : 'utf8', start, end)
}

export interface LineSink {
  line(text: string, lineNo: number): void
  tooLong(lineNo: number, bytes: number, head: string): void
}

export class LineSplitter {
  readonly #max: number
  readonly #sink: LineSink
  #pending: Buffer[] = []
  /** Bytes of the unfinished line so far, including any dropped past the bound. */
  #lineBytes = 0
  #over = false
  #lineNo = 0

  constructor(sink: LineSink, maxLineBytes = DEFAULT_MAX_LINE_BYTES) {
    this.#sink = sink
    this.#max = maxLineBytes
  }

  /** Lines delivered so far. */
  get lines(): number {
    return this.#lineNo
  }

  push(buf: Buffer): void {
    const lastNl = buf.lastIndexOf(10)
    if (lastNl < 0) {
      this.#hold(buf)
      return
    }
    let start = 0
    if (this.#lineBytes > 0) {
      const firstNl = buf.indexOf(10)
      this.#hold(buf.subarray(0, firstNl))
      this.#endPending()
      start = firstNl + 1
    }
    while (start <= lastNl) {
      // One decode and a native split per run of complete lines: up to the last newline
      // within DECODE_BYTES, or else the first after them.
      let end = lastNl
      if (end - start > DECODE_BYTES) {
        end = buf.lastIndexOf(10, start + DECODE_BYTES)
        if (end < start) end = buf.indexOf(10, start + DECODE_BYTES)
      }
      this.#lines(decode(buf, start, end).split('\n'))
      start = end + 1
    }
    if (lastNl + 1 < buf.length) this.#hold(buf.subarray(lastNl + 1))
  }

  #lines(lines: readonly string[]): void {
    for (const text of lines) {
      this.#lineNo++
      if (text.length > this.#max || (text.length * 3 > this.#max && Buffer.byteLength(text) > this.#max)) {
        this.#sink.tooLong(this.#lineNo, Buffer.byteLength(text), text.slice(0, TOO_LONG_HEAD_BYTES))
      } else {
        this.#sink.line(text, this.#lineNo)
      }
    }
  }

  /** End of input: a last line without a newline is still a line. */
  end(): void {
    if (this.#lineBytes > 0) this.#endPending()
  }

  #hold(buf: Buffer): void {
    if (buf.length === 0) return
    this.#lineBytes += buf.length
    if (this.#lineBytes <= this.#max) {
      // Copy: the reader may reuse its buffers.
      this.#pending.push(Buffer.from(buf))
    } else if (!this.#over) {
      this.#over = true
      this.#pending = [Buffer.from(Buffer.concat([...this.#pending, buf]).subarray(0, TOO_LONG_HEAD_BYTES))]
    }
  }

  #endPending(): void {
    this.#lineNo++
    const text = Buffer.concat(this.#pending).toString('utf8')
    if (this.#over) this.#sink.tooLong(this.#lineNo, this.#lineBytes, text)
    else this.#sink.line(text, this.#lineNo)
    this.#pending = []
    this.#lineBytes = 0
    this.#over = false
  }
}
