/**
 * The reverse-proxy mode: a node:http server on 127.0.0.1 that buffers each request
 * body up to the inspection limit, decides, then streams the request (buffered part,
 * then the rest) to the upstream and the response back.
 * @module
 */
import { request as httpRequest, createServer, type IncomingMessage, type Server } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { BLOCKED_BODY, type Guard } from './decide.ts'

export interface ProxyOptions {
  guard: Guard
  /** `http://host:port` (or https) to forward allowed requests to. */
  upstream: string
}

/** Hop-by-hop headers are for one connection, not to be forwarded. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'proxy-authorization', 'proxy-authenticate'])

/** Reads up to `limit` bytes of the body; returns them and whether the body went on. */
function readHead(req: IncomingMessage, limit: number): Promise<{ head: Buffer; more: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk)
      size += chunk.length
      if (size >= limit) {
        req.pause()
        cleanup()
        resolve({ head: Buffer.concat(chunks), more: true })
      }
    }
    const onEnd = (): void => {
      cleanup()
      resolve({ head: Buffer.concat(chunks), more: false })
    }
    const onError = (e: Error): void => {
      cleanup()
      reject(e)
    }
    const cleanup = (): void => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onError)
    }
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onError)
  })
}

export function createGuardProxy(options: ProxyOptions): Server {
  const upstream = new URL(options.upstream)
  const send = upstream.protocol === 'https:' ? httpsRequest : httpRequest
  const limit = options.guard.config.limits.maxBodyBytes
  return createServer((req, res) => {
    void (async () => {
      const { head, more } = await readHead(req, limit)
      const d = options.guard.decide({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: head.length > 0 ? head : undefined, ip: req.socket.remoteAddress })
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
      out.write(head)
      if (more) {
        req.pipe(out)
        req.resume()
      } else out.end()
    })().catch((e: Error) => {
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: `bad request: ${e.message}` }))
    })
  })
}
