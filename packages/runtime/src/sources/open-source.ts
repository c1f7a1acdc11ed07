/**
 * Opening one input: a file or stdin, gzip recognised by its magic bytes (not the file
 * name) and decompressed as a stream, with the first 64 KiB of the decompressed content
 * read ahead for the fingerprint and format detection.
 * @module
 */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'

export const PREFIX_BYTES = 64 * 1024
const READ_CHUNK = 1024 * 1024

export interface OpenedSource {
  /** Path as given, or `-` for stdin. */
  path: string
  gzip: boolean
  /** Size on disk (compressed when gzip); null for stdin. */
  bytesTotal: number | null
  /** Raw bytes read so far, for progress. */
  bytesRead(): number
  /** Up to PREFIX_BYTES of decompressed content; shorter only when that is all there is. */
  prefix: Buffer
  /** The whole decompressed content, prefix included, in chunks. */
  chunks: AsyncIterable<Buffer>
  close(): void
}

async function* counted(raw: AsyncIterable<Buffer>, count: (n: number) => void): AsyncGenerator<Buffer> {
  for await (const b of raw) {
    count(b.length)
    yield b
  }
}

async function* concatenated(head: Buffer[], rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield* head
  for (;;) {
    const n = await rest.next()
    if (n.done) return
    yield n.value
  }
}

/** Reads from `it` until `want` bytes are buffered or input ends. */
async function readAhead(it: AsyncIterator<Buffer>, want: number): Promise<Buffer[]> {
  const got: Buffer[] = []
  let n = 0
  while (n < want) {
    const next = await it.next()
    if (next.done) break
    got.push(next.value)
    n += next.value.length
  }
  return got
}

export async function openSource(path: string): Promise<OpenedSource> {
  const stdin = path === '-'
  const bytesTotal = stdin ? null : (await stat(path)).size
  const raw: Readable = stdin ? process.stdin : createReadStream(path, { highWaterMark: READ_CHUNK })
  let read = 0
  const rawIt = counted(raw, (n) => (read += n))[Symbol.asyncIterator]()
  const magic = await readAhead(rawIt, 2)
  const magicBuf = Buffer.concat(magic)
  const gzip = magicBuf.length >= 2 && magicBuf[0] === 0x1f && magicBuf[1] === 0x8b
  let content: AsyncIterator<Buffer>
  if (gzip) {
    const gunzip = createGunzip({ chunkSize: READ_CHUNK })
    content = Readable.from(concatenated(magic, rawIt)).pipe(gunzip)[Symbol.asyncIterator]()
  } else {
    content = concatenated(magic, rawIt)
  }
  const head = await readAhead(content, PREFIX_BYTES)
  const all = Buffer.concat(head)
  return {
    path,
    gzip,
    bytesTotal,
    bytesRead: () => read,
    prefix: all.subarray(0, PREFIX_BYTES),
    chunks: { [Symbol.asyncIterator]: () => concatenated(head, content) },
    close: () => {
      if (!stdin) raw.destroy()
    },
  }
}
