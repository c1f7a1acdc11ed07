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

/**
 * Reads up to just past `limit` bytes in paused mode and unshifts them back. Unshifting
 * is allowed until `end` is emitted, and it is never emitted here: the last `read()`
 * schedules `end` for the next tick only if the buffer is still empty then, and by then
 * it holds the unshifted body again.
 */
export function peekBody(req: IncomingMessage, limit: number): Promise<PeekedBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const finish = (truncated: boolean): void => {
      cleanup()
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)
      if (body.length > 0) req.unshift(body)
      resolve({ body, truncated })
    }
    const onReadable = (): void => {
      for (let chunk = req.read() as Buffer | null; chunk !== null; chunk = req.read() as Buffer | null) {
        chunks.push(chunk)
        size += chunk.length
        if (size > limit) return finish(true)
      }
      // `complete` is set just before the parser ends the stream, so an empty read now means the end.
      if (req.complete) finish(false)
    }
    const onError = (e: Error): void => {
      cleanup()
      reject(e)
    }
    const onClose = (): void => onError(new Error('request closed before its body was complete'))
    const cleanup = (): void => {
      req.off('readable', onReadable)
      req.off('error', onError)
      req.off('close', onClose)
    }
    req.on('readable', onReadable)
    req.on('error', onError)
    req.on('close', onClose)
  })
}
