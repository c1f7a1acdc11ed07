/**
 * node:http. Wraps a request listener; inspects the method, URL and headers (a bare
 * listener has no parsed body to look at; the reverse proxy inspects bodies).
 * `http.createServer(withVigil(guard, handler))`.
 * @module
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import { BLOCKED_BODY, type Guard } from '../decide.ts'

export function withVigil(guard: Guard, handler: RequestListener): RequestListener {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const d = guard.decide({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, ip: req.socket.remoteAddress })
    if (d.action === 'block') {
      res.writeHead(d.status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(BLOCKED_BODY))
      return
    }
    handler(req, res)
  }
}
