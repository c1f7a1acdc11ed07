/**
 * Starting the console on a port: loads the token file and the built UI, makes the
 * one-time login link, and listens (on 127.0.0.1 unless told otherwise).
 * @module
 */
import type { Store } from '@vigil/core'
import { LoginLink } from './auth/login-link.ts'
import { TokenRegistry, tokenFilePath } from './auth/token-file.ts'
import { buildConsole } from './server.ts'
import { loadStaticFiles } from './static-files.ts'
import type { FastifyInstance } from 'fastify'

export interface StartOptions {
  store: Store
  /** The store's file path: the token file lives beside it. */
  storePath: string
  host?: string
  /** 0 picks a free port. */
  port?: number
  auth?: boolean
  /** The built UI directory (ensureWebBuilt()); omitted serves the API only. */
  webDist?: string
}

export interface StartedConsole {
  app: FastifyInstance
  /** The URL to open; with auth on, it carries the one-time login token. */
  url: string
  /** The console's origin, without the token. */
  origin: string
  close(): Promise<void>
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1'])

export async function startConsole(options: StartOptions): Promise<StartedConsole> {
  const host = options.host ?? '127.0.0.1'
  const useAuth = options.auth ?? true
  const tokens = useAuth ? TokenRegistry.load(tokenFilePath(options.storePath)) : null
  const login = useAuth ? LoginLink.create() : null
  const loopback = LOOPBACK.has(host)
  // Until the port is known a loopback console answers to no Host at all.
  const hostPorts: string[] = loopback ? ['-'] : []
  const app = await buildConsole({
    store: options.store,
    tokens,
    ...(login ? { loginLink: login.link } : {}),
    ...(options.webDist ? { staticFiles: loadStaticFiles(options.webDist) } : {}),
    allowedHosts: hostPorts,
  })
  await app.listen({ host, port: options.port ?? 8080 })
  const address = app.server.address()
  const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? 8080)
  const urlHost = host.includes(':') ? `[${host}]` : host
  // Host checking guards loopback against DNS rebinding; a console exposed on purpose
  // answers to whatever name its users reach it by.
  if (loopback) hostPorts.splice(0, hostPorts.length, `127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`)
  const origin = `http://${urlHost}:${port}`
  return {
    app,
    origin,
    url: login ? `${origin}/login?token=${login.token}` : `${origin}/`,
    close: () => app.close(),
  }
}
