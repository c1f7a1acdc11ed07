/**
 * node:http. Wraps a request listener; reads the body itself (up to `maxBodyBytes`),
 * inspects it with the URL and headers, then puts it back on the request stream, so the
 * handler reads it exactly as it would without the guard.
 * `http.createServer(withVigil(guard, handler))`.
 * @module
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import { BLOCKED_BODY, type Decision, type Guard } from '../decide.ts'
import { hasBody, peekBody } from '../peek-body.ts'

function refuse(req: IncomingMessage, res: ServerResponse, status: number, body: unknown, close: boolean): void {
  res.writeHead(status, close ? { 'content-type': 'application/json', connection: 'close' } : { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
  // Drain what the client is still sending, so a kept-alive connection stays usable.
  req.resume()
}

export function withVigil(guard: Guard, handler: RequestListener): RequestListener {
  const limit = guard.config.limits.maxBodyBytes
  const decide = (req: IncomingMessage, body?: Buffer, bodyTruncated?: boolean): Decision =>
    guard.decide({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body, bodyTruncated, ip: req.socket.remoteAddress })
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (!hasBody(req)) {
      const d = decide(req)
      if (d.action === 'block') refuse(req, res, d.status, BLOCKED_BODY, false)
      else handler(req, res)
      return
    }
    peekBody(req, limit).then(
      ({ body, truncated }) => {
        const d = decide(req, body.length > 0 ? body : undefined, truncated)
        if (d.action === 'block') refuse(req, res, d.status, BLOCKED_BODY, truncated)
        else handler(req, res)
      },
      (e: Error) => {
        if (!res.headersSent && !res.destroyed) refuse(req, res, 400, { error: `bad request: ${e.message}` }, true)
      },
    )
  }
}
