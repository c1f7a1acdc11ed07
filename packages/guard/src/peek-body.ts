/**
 * Reads the start of a request body for inspection and puts it back, so whatever reads
 * the request next (a handler, a body parser, a pipe to an upstream) sees the whole
 * stream as if nobody had touched it.
 * @module
 */
import type { IncomingMessage } from 'node:http'

export interface PeekedBody {
  /** What was read: the whole body, or more than `limit` bytes of it when `truncated`. */
  body: Buffer
  /** The body goes on past `body`; the rest is still unread on the stream. */
  truncated: boolean
}

/** A request without Content-Length or Transfer-Encoding has no body (RFC 9112 §6.3). */
export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length']
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')
}

/** A peek in progress, kept on the request so that its listeners are shared functions, not closures per request. */
interface Peek {
  chunks: Buffer[]
  size: number
  limit: number
  resolve: (peeked: PeekedBody) => void
  reject: (e: Error) => void
}

const PEEK = Symbol('vigil.peekBody')
type PeekedRequest = IncomingMessage & { [PEEK]?: Peek | undefined }

/**
 * Reads up to just past `limit` bytes in paused mode and unshifts them back. Unshifting
 * is allowed until `end` is emitted, and it is never emitted here: the last `read()`
 * schedules `end` for the next tick only if the buffer is still empty then, and by then
 * it holds the unshifted body again.
 */
export function peekBody(req: IncomingMessage, limit: number): Promise<PeekedBody> {
  return new Promise((resolve, reject) => {
    ;(req as PeekedRequest)[PEEK] = { chunks: [], size: 0, limit, resolve, reject }
    req.on('readable', onReadable)
    req.on('error', onError)
    req.on('close', onClose)
  })
}

function onReadable(this: PeekedRequest): void {
  const peek = this[PEEK]!
  for (let chunk = this.read() as Buffer | null; chunk !== null; chunk = this.read() as Buffer | null) {
    peek.chunks.push(chunk)
    peek.size += chunk.length
    if (peek.size > peek.limit) return finish(this, peek, true)
  }
  // `complete` is set just before the parser ends the stream, so an empty read now means the end.
  if (this.complete) finish(this, peek, false)
}

function finish(req: PeekedRequest, peek: Peek, truncated: boolean): void {
  stop(req)
  const body = peek.chunks.length === 1 ? peek.chunks[0]! : Buffer.concat(peek.chunks, peek.size)
  if (body.length > 0) req.unshift(body)
  peek.resolve({ body, truncated })
}

function onError(this: PeekedRequest, e: Error): void {
  const peek = this[PEEK]!
  stop(this)
  peek.reject(e)
}

function onClose(this: PeekedRequest): void {
  onError.call(this, new Error('request closed before its body was complete'))
}

function stop(req: PeekedRequest): void {
  req.off('readable', onReadable)
  req.off('error', onError)
  req.off('close', onClose)
  req[PEEK] = undefined
}
