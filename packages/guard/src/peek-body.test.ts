import { once } from 'node:events'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { peekBody, type PeekedBody } from './peek-body.ts'

/** What the handler saw: the peek's outcome, then the body as the next reader gets it. */
interface Seen {
  peeked?: PeekedBody
  error?: Error
  readAfter?: string
}

describe('peekBody', () => {
  const servers: Server[] = []
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))))
  })

  async function serve(limit: number): Promise<{ port: number; seen: Promise<Seen> }> {
    let done!: (s: Seen) => void
    const seen = new Promise<Seen>((r) => (done = r))
    const server = createServer((req: IncomingMessage, res) => {
      peekBody(req, limit).then(
        async (peeked) => {
          const chunks: Buffer[] = []
          for await (const c of req) chunks.push(c as Buffer)
          done({ peeked, readAfter: Buffer.concat(chunks).toString() })
          res.end('ok')
        },
        (error: Error) => done({ error }),
      )
    })
    servers.push(server)
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    return { port: (server.address() as AddressInfo).port, seen }
  }

  it('reads a whole body under the limit and leaves it whole for the next reader', async () => {
    const { port, seen } = await serve(1024)
    await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: 'qty=2&sku=A-1' })
    const s = await seen
    expect(s.peeked?.body.toString()).toBe('qty=2&sku=A-1')
    expect(s.peeked?.truncated).toBe(false)
    expect(s.readAfter).toBe('qty=2&sku=A-1')
  })

  it('stops just past the limit, says so, and the next reader still gets every byte', async () => {
    const { port, seen } = await serve(1000)
    const body = 'x'.repeat(200_000)
    await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body })
    const s = await seen
    expect(s.peeked?.truncated).toBe(true)
    expect(s.peeked!.body.length).toBeGreaterThan(1000)
    expect(s.peeked!.body.length).toBeLessThan(body.length)
    expect(s.readAfter).toBe(body)
  })

  it('rejects when the client goes away before its body is complete', async () => {
    const { port, seen } = await serve(1 << 20)
    const socket = connect(port, '127.0.0.1')
    await once(socket, 'connect')
    socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nonly part of it')
    setTimeout(() => socket.destroy(), 50)
    const s = await seen
    expect(s.peeked).toBeUndefined()
    expect(s.error).toBeInstanceOf(Error)
  })
})
