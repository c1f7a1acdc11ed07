/**
 * The reverse-proxy mode: a node:http server on 127.0.0.1 that reads each request body
 * up to the inspection limit, decides, then streams the whole request to the upstream
 * and the response back. A body past the limit is a failure under `onError`.
 * @module
 */
import { request as httpRequest, createServer, type Server } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { BLOCKED_BODY, type Guard } from './decide.ts'
import { hasBody, peekBody } from './peek-body.ts'

export interface ProxyOptions {
  guard: Guard
  /** `http://host:port` (or https) to forward allowed requests to. */
  upstream: string
}

/** Hop-by-hop headers are for one connection, not to be forwarded. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'proxy-authorization', 'proxy-authenticate'])

export function createGuardProxy(options: ProxyOptions): Server {
  const upstream = new URL(options.upstream)
  const send = upstream.protocol === 'https:' ? httpsRequest : httpRequest
  const limit = options.guard.config.limits.maxBodyBytes
  return createServer((req, res) => {
    void (async () => {
      const { body, truncated } = hasBody(req) ? await peekBody(req, limit) : { body: undefined, truncated: false }
      const d = options.guard.decide({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: body?.length ? body : undefined, bodyTruncated: truncated, ip: req.socket.remoteAddress })
      if (d.action === 'block') {
        res.writeHead(d.status, { 'content-type': 'application/json', connection: 'close' })
        res.end(JSON.stringify(BLOCKED_BODY))
        req.resume()
        return
      }
      const headers: Record<string, string | string[]> = {}
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) headers[k] = v
      headers.host = upstream.host
      const xff = req.headers['x-forwarded-for']
      const peer = req.socket.remoteAddress ?? ''
      headers['x-forwarded-for'] = xff ? `${Array.isArray(xff) ? xff.join(', ') : xff}, ${peer}` : peer
      const out = send({ protocol: upstream.protocol, hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers }, (up) => {
        const back: Record<string, string | string[]> = {}
        for (const [k, v] of Object.entries(up.headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) back[k] = v
        res.writeHead(up.statusCode ?? 502, back)
        up.pipe(res)
      })
      out.on('error', (e) => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ error: `upstream unreachable: ${e.message}` }))
      })
      req.pipe(out)
    })().catch((e: Error) => {
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: `bad request: ${e.message}` }))
    })
  })
}
