/**
 * Probing the application: vulnerability scanners with injection payloads, and broken
 * object-level authorization (walking other customers' order ids).
 * @module
 */
import { AUTOMATION_UAS, JA4, browserOf, deviceId, sessionId } from '../clients.ts'
import type { Actor } from '../emission.ts'
import { datacenterIp, residentialIp } from '../net.ts'
import { Visit } from '../visit.ts'
import { type PopulationGenerator, knob, rngOf, spawnSpread } from './context.ts'
import { login } from './shop-flows.ts'

/** Payloads as scanners send them (gotestwaf / sqlmap style), URL-encoded into a parameter. */
const PAYLOADS = Object.freeze([
  "1' OR '1'='1",
  '1 UNION SELECT NULL,NULL,NULL--',
  "1' AND SLEEP(5)-- -",
  "1;WAITFOR DELAY '0:0:5'--",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(document.domain)>',
  '../../../../etc/passwd',
  '..%2f..%2f..%2f..%2fetc%2fpasswd',
  '${jndi:ldap://127.0.0.1:1389/a}',
  '{{7*7}}',
  ';cat /etc/passwd',
])

const PROBE_PATHS = Object.freeze([
  '/.env', '/.git/config', '/wp-login.php', '/phpmyadmin/', '/admin/', '/server-status', '/backup.zip',
  '/config.php.bak', '/api/swagger.json', '/actuator/env', '/.DS_Store', '/xmlrpc.php',
])

const INJECTABLE = Object.freeze(['/search?q=', '/api/products?id=', '/p/10001?ref=', '/c/sale?sort='])

/** A scanner: loud (sqlmap/nikto from a server) or quiet (browser UA, residential, slow). */
export const vulnScan: PopulationGenerator = (ctx) =>
  spawnSpread(ctx, knob(ctx, 'scanners'), (ts, s) => {
    const rng = rngOf(ctx, `s${s}`)
    const loud = knob(ctx, 'loud') > 0
    const ip = loud ? datacenterIp(rng) : residentialIp(rng, 0.1)
    const browserUa = browserOf(rng, 'chrome', 'desktop').ua
    const v = new Visit({ ts, pop: ctx.id, rng, sid: loud ? null : sessionId(rng), host: ctx.world.shop.host,
      client: { ip, ua: browserUa, ja4: loud ? (JA4.scanner ?? null) : (JA4.chrome ?? null), dev: null, loadsAssets: false, protocol: loud ? 'HTTP/1.1' : 'HTTP/2.0' } })
    const perMinute = knob(ctx, 'requests_per_minute')
    const probeShare = knob(ctx, 'probe_share')
    // A loud scan runs Nikto for the file probes and sqlmap for the injections, from one host.
    const setUa = (tools: readonly string[]): void => {
      if (loud) v.client.ua = rng.pick(tools)
    }
    return (function* (): Actor {
      while (v.ts < ctx.end) {
        if (rng.chance(probeShare)) {
          setUa(AUTOMATION_UAS.nikto)
          v.request('GET', rng.pick(PROBE_PATHS), { status: rng.chance(0.9) ? 404 : 403, bytes: 1_100, referrer: null })
        } else {
          setUa(AUTOMATION_UAS.sqlmap)
          const payload = encodeURIComponent(rng.pick(PAYLOADS))
          v.request(rng.chance(0.8) ? 'GET' : 'POST', `${rng.pick(INJECTABLE)}${payload}`, {
            status: rng.weighted([[200, 5], [400, 3], [500, 1]] as const),
            bytes: rng.int(900, 40_000),
            referrer: null,
          })
        }
        yield* v.drain()
        v.wait(rng.exp(60_000 / perMinute))
      }
    })()
  })

/** One logged-in session walking /api/orders/{id} over ids that belong to other customers. */
export const bola: PopulationGenerator = (ctx) =>
  spawnSpread(ctx, knob(ctx, 'attackers'), (ts, a) => {
    const rng = rngOf(ctx, `a${a}`)
    const b = browserOf(rng, 'firefox', 'desktop')
    const v = new Visit({ ts, pop: ctx.id, rng, sid: sessionId(rng), host: ctx.world.shop.host,
      client: { ip: residentialIp(rng, 0), ua: b.ua, ja4: b.ja4, dev: deviceId(rng), loadsAssets: false, protocol: 'HTTP/2.0' } })
    const perMinute = knob(ctx, 'requests_per_minute')
    const hitRate = knob(ctx, 'hit_rate')
    return (function* (): Actor {
      const me = rng.pick(ctx.world.customers)
      login(v, me.email, me.id, 'success')
      let id = ctx.world.nextOrderId() - rng.int(1, 2_000)
      const step = rng.chance(0.5) ? -1 : 1
      while (v.ts < ctx.end) {
        const ok = rng.chance(hitRate)
        v.api('GET', `/api/orders/${id}`, { status: ok ? 200 : rng.chance(0.5) ? 403 : 404, bytes: ok ? rng.int(1_000, 2_000) : 90 })
        id += step * rng.weighted([[1, 8], [2, 1], [3, 1]] as const)
        yield* v.drain()
        v.wait(rng.exp(60_000 / perMinute))
      }
    })()
  })
