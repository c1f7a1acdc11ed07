/**
 * A lean HTTP/1.1 load generator for fastify-guard.ts: keep-alive connections, each with one
 * request in flight, writing requests given as ready bytes and reading only each response's
 * status and length. autocannon, which built every request of the distinct mix anew through
 * its request builder, spent 20-21 µs of CPU a request there against the server's 17-18 (on
 * two cores the load generator, not the server, then set the pace); this one spends what the
 * kernel's loopback TCP and a few buffer look-ups cost, so that a server under it is busy.
 * @module
 */
import { connect, type Socket } from 'node:net'

export interface LoadOptions {
  host: string
  port: number
  connections: number
  seconds: number
  /** The next request's bytes (request line, headers, body), called once per request sent. */
  next: () => Buffer
}

export interface LoadResult {
  /** Responses received within the duration. */
  requests: number
  /** Of them, those with a status other than 2xx. */
  non2xx: number
  /** The generator's own CPU time over the run (process.cpuUsage, all threads), µs. */
  cpuMicros: number
}

/** A response this generator cannot read (no Content-Length: Fastify and Node send one for a reply ended whole). */
export class UnreadableResponseError extends Error {
  constructor(head: string) {
    super(`response without a Content-Length, which this load generator needs: ${JSON.stringify(head.slice(0, 200))}`)
    this.name = 'UnreadableResponseError'
  }
}

const HEAD_END = Buffer.from('\r\n\r\n')
/** As Fastify writes the field, and as Node does when it adds the field itself. */
const LENGTH_FIELDS = [Buffer.from('\r\ncontent-length:', 'latin1'), Buffer.from('\r\nContent-Length:', 'latin1')]
/** Status lines are ASCII: `HTTP/1.1 200 OK`; the status code's first digit is at offset 9. */
const STATUS_DIGIT = 9

/** The length of the response that starts `buf` and whose head ends at `headEnd`: its head and the body's Content-Length. */
function responseLength(buf: Buffer, headEnd: number): number {
  let field = LENGTH_FIELDS[0]!
  let at = buf.indexOf(field)
  if (at < 0 || at > headEnd) {
    field = LENGTH_FIELDS[1]!
    at = buf.indexOf(field)
  }
  if (at < 0 || at > headEnd) throw new UnreadableResponseError(buf.toString('latin1', 0, headEnd))
  let n = 0
  for (let i = at + field.length; i < headEnd; i++) {
    const c = buf[i]!
    if (c >= 48 && c <= 57) n = n * 10 + (c - 48)
    else if (c !== 32) break
  }
  return headEnd + HEAD_END.length + n
}

/** Runs `connections` keep-alive connections for `seconds`, each sending the next request as soon as its last response is in. */
export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  let requests = 0
  let non2xx = 0
  let stopping = false
  const cpu0 = process.cpuUsage()
  const sockets: Socket[] = []
  const done = Array.from({ length: o.connections }, () => {
    return new Promise<void>((resolve, reject) => {
      const socket = connect({ host: o.host, port: o.port, noDelay: true })
      sockets.push(socket)
      // Bytes of the response being read so far; responses are small and come whole in one read
      // nearly always, so a partial one is kept as is and joined with the next chunk.
      let pending: Buffer | null = null
      socket.once('connect', () => socket.write(o.next()))
      socket.on('data', (chunk: Buffer) => {
        let buf = pending === null ? chunk : Buffer.concat([pending, chunk])
        pending = null
        for (;;) {
          const headEnd = buf.indexOf(HEAD_END)
          if (headEnd < 0) break
          let end: number
          try {
            end = responseLength(buf, headEnd)
          } catch (e) {
            socket.destroy(e as Error)
            return
          }
          if (buf.length < end) break
          if (stopping) {
            socket.end()
            return
          }
          requests++
          if (buf[STATUS_DIGIT] !== 50 /* 2 */) non2xx++
          socket.write(o.next())
          if (buf.length === end) return
          buf = buf.subarray(end)
        }
        pending = buf
      })
      socket.once('error', reject)
      socket.once('close', () => resolve())
    })
  })
  const timer = setTimeout(() => {
    stopping = true
  }, o.seconds * 1000)
  try {
    await Promise.all(done)
  } finally {
    clearTimeout(timer)
    for (const s of sockets) s.destroy()
  }
  const cpu = process.cpuUsage(cpu0)
  return { requests, non2xx, cpuMicros: cpu.user + cpu.system }
}
