/**
 * `bot.scanner`: probing rather than shopping, per IP and per session. Requests for known
 * sensitive files and admin panels or injection payloads are vulnerability scanning
 * (OAT-014); requests for files that reveal software versions are fingerprinting
 * (OAT-004); a wide spread of paths that mostly 404 or 403 is footprinting (OAT-018).
 * The detection takes the class of the strongest evidence. Like `bot.scraping`, an open
 * window is also scored early, each time its requests grow by half, on the evidence so far
 * — for vulnerability scanning only.
 * @module
 */
import type { EntityRef } from '../../events/detection.ts'
import type { HttpEvent } from '../../events/http-event.ts'
import type { DetectConfig } from '../config.ts'
import { buildDetection } from '../detection-record.ts'
import type { DetectionSink, StreamDetector } from '../detector.ts'
import { BoundedMap } from '../state/bounded-map.ts'
import { DistinctCounter } from '../state/distinct-counter.ts'
import { GenerationalCache } from '../state/generational-cache.ts'
import { fmtDuration, fmtInt, fmtPercent, joinClauses } from '../signals/format.ts'
import { createCrawlerVerifier } from '../signals/network.ts'
import { httpFacts, type HttpFacts } from '../signals/http-facts.ts'
import { decodedLower } from '../signals/request-kind.ts'
import { combine, ramp, type Signal } from '../signals/score.ts'
import { createClientState, entityFromKey, type ClientState } from '../signals/sessions.ts'

export const SCANNER_ID = 'bot.scanner'
// Named examples kept per window: enough for the explanation, bounded for memory.
const MAX_NAMED = 8
const PROBE_MEMORY_MS = 24 * 3_600_000
// Longer paths and queries seldom repeat, and caches of them would be bounded in entries, not bytes.
const MAX_CACHED_TEXT = 512

interface Profile {
  requests: number
  notFound: number
  forbidden: number
  errorPaths: DistinctCounter
  vuln: string[]
  vulnCount: number
  fingerprint: string[]
  fingerprintCount: number
  injections: number
  injectionExample: string | null
  scannerUa: string | null
  /** Probes (sensitive or version-revealing paths, payloads) answered with an error, and requests answered without one. */
  refusedProbes: number
  served: number
  related: EntityRef | null
}

type ProbeHistory = Pick<Profile, 'vuln' | 'vulnCount' | 'fingerprint' | 'fingerprintCount' | 'injections' | 'injectionExample'>

function newProfile(): Profile {
  return {
    requests: 0,
    notFound: 0,
    forbidden: 0,
    errorPaths: new DistinctCounter(),
    vuln: [],
    vulnCount: 0,
    fingerprint: [],
    fingerprintCount: 0,
    injections: 0,
    injectionExample: null,
    scannerUa: null,
    refusedProbes: 0,
    served: 0,
    related: null,
  }
}

function resetProfile(p: Profile): void {
  p.requests = 0
  p.notFound = 0
  p.forbidden = 0
  p.errorPaths.clear()
  p.vuln.length = 0
  p.vulnCount = 0
  p.fingerprint.length = 0
  p.fingerprintCount = 0
  p.injections = 0
  p.injectionExample = null
  p.scannerUa = null
  p.refusedProbes = 0
  p.served = 0
  p.related = null
}

/**
 * A needle list that skips, before searching, each needle with an ASCII character the
 * haystack lacks (a needle can only be found where all its characters are): a path not seen
 * before was searched for every one of some eighty needles, most of them with a `.`, `-` or
 * letter a shop path does not have. The answer is the same: the first needle, in list order,
 * that the haystack contains.
 */
class NeedleList {
  readonly #needles: readonly string[]
  /** Four 32-bit words per needle: the ASCII characters it contains, as bits. */
  readonly #masks: Int32Array

  constructor(needles: readonly string[]) {
    this.#needles = needles
    this.#masks = new Int32Array(needles.length * 4)
    needles.forEach((n, i) => addAscii(n, this.#masks, i * 4))
  }

  /** The first needle in `haystack`, or null; `hay` is the mask `asciiMask` made of it. */
  firstIn(haystack: string, hay: Int32Array): string | null {
    const m = this.#masks
    const h0 = hay[0]!
    const h1 = hay[1]!
    const h2 = hay[2]!
    const h3 = hay[3]!
    for (let i = 0; i < this.#needles.length; i++) {
      const o = i * 4
      if (((m[o]! & ~h0) | (m[o + 1]! & ~h1) | (m[o + 2]! & ~h2) | (m[o + 3]! & ~h3)) !== 0) continue
      const n = this.#needles[i]!
      if (haystack.includes(n)) return n
    }
    return null
  }
}

function addAscii(s: string, out: Int32Array, at: number): void {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 128) out[at + (c >> 5)]! |= 1 << (c & 31)
  }
}

/** Sets `mask` to the ASCII characters of `s`, as NeedleList reads them. */
function asciiMask(s: string, mask: Int32Array): Int32Array {
  mask.fill(0)
  addAscii(s, mask, 0)
  return mask
}

function remember(list: string[], value: string): boolean {
  if (list.includes(value)) return false
  if (list.length < MAX_NAMED) list.push(value)
  return true
}

/** `clients`: the per-client windows and sessions it shares with bot.scraping (the registry passes the same to both); alone it has its own. */
export function createScannerDetector(config: DetectConfig, clients: ClientState = createClientState(config)): StreamDetector {
  const crawlers = createCrawlerVerifier(config)
  const c = config.scanner
  const vulnerabilityPaths = new NeedleList(c.vulnerabilityPaths)
  const fingerprintPaths = new NeedleList(c.fingerprintPaths)
  const injectionMarkers = new NeedleList(c.injectionMarkers)
  // The characters of the path or query being matched, rewritten for each.
  const hayMask = new Int32Array(4)
  const windowMs = config.windowMinutes * 60_000
  const sessions = clients.sessions
  const flagged = new BoundedMap<string, { first: number; count: number }>({ maxEntries: config.maxEntities })
  // Probes add up across windows: a quiet scanner sends a few an hour, never enough in one window.
  const history = new BoundedMap<string, ProbeHistory>({
    maxEntries: config.maxEntities,
    idleMs: PROBE_MEMORY_MS,
  })
  let pending: DetectionSink | null = null
  let lastSweep = Number.NEGATIVE_INFINITY

  const windows = clients.windows.join<Profile>({
    create: newProfile,
    reset: resetProfile,
    onClose: (key, p, start, last) => {
      if (pending !== null) evaluate(key, p, start, last, pending)
    },
  })

  interface Probe {
    lowerPath: string | null
    vuln: string | null
    fingerprint: string | null
    injection: string | null
  }

  const NO_HISTORY: ProbeHistory = { vuln: [], vulnCount: 0, fingerprint: [], fingerprintCount: 0, injections: 0, injectionExample: null }
  const NO_PROBE: Probe = { lowerPath: null, vuln: null, fingerprint: null, injection: null }
  // Shop paths repeat (the same products, the same pages), and so do queries (campaign tags,
  // popular searches): match each distinct one once while it keeps coming.
  const probes = new GenerationalCache<string, Probe>(10_000)
  const queryInjections = new GenerationalCache<string, string | null>(10_000)

  function probeOf(path: string | null, query: string | null): Probe {
    let base = NO_PROBE
    if (path !== null) {
      const cached = path.length <= MAX_CACHED_TEXT ? probes.get(path) : undefined
      if (cached !== undefined) {
        base = cached
      } else {
        const lowerPath = decodedLower(path)
        const hay = asciiMask(lowerPath, hayMask)
        const vuln = vulnerabilityPaths.firstIn(lowerPath, hay)
        base = {
          lowerPath,
          vuln,
          fingerprint: vuln === null ? fingerprintPaths.firstIn(lowerPath, hay) : null,
          injection: injectionMarkers.firstIn(lowerPath, hay),
        }
        if (path.length <= MAX_CACHED_TEXT) probes.set(path, base)
      }
    }
    if (query === null || query === '' || base.injection !== null) return base
    const cacheable = query.length <= MAX_CACHED_TEXT
    let injection = cacheable ? queryInjections.get(query) : undefined
    if (injection === undefined) {
      const lowerQuery = decodedLower(query)
      injection = injectionMarkers.firstIn(lowerQuery, asciiMask(lowerQuery, hayMask))
      if (cacheable) queryInjections.set(query, injection)
    }
    return injection === null ? base : { ...base, injection }
  }

  function observe(p: Profile, e: HttpEvent, probe: Probe, related: EntityRef | null): void {
    p.requests++
    if (p.related === null) p.related = related
    if (p.scannerUa === null && e.user_agent_bot_kind === 'scanner') p.scannerUa = e.user_agent_bot_name ?? 'a scanner'
    const status = e.http_response_status_code
    if ((status === 404 || status === 403) && probe.lowerPath !== null) {
      if (status === 404) p.notFound++
      else p.forbidden++
      p.errorPaths.add(probe.lowerPath)
    }
    const isProbe = probe.vuln !== null || probe.fingerprint !== null || probe.injection !== null
    if (status !== null && status >= 400) {
      if (isProbe) p.refusedProbes++
    } else p.served++
    if (probe.vuln !== null && remember(p.vuln, probe.vuln)) p.vulnCount++
    if (probe.fingerprint !== null && remember(p.fingerprint, probe.fingerprint)) p.fingerprintCount++
    if (probe.injection !== null) {
      p.injections++
      p.injectionExample ??= probe.injection
    }
  }

  function absorb(h: ProbeHistory, window: Profile): void {
    for (const v of window.vuln) if (remember(h.vuln, v)) h.vulnCount++
    for (const f of window.fingerprint) if (remember(h.fingerprint, f)) h.fingerprintCount++
    h.injections += window.injections
    h.injectionExample ??= window.injectionExample
  }

  /** Scores a window; `early` scores an open one as if it closed now, changing no history. */
  function evaluate(key: string, window: Profile, start: number, last: number, sink: DetectionSink, early = false): void {
    // Only entities that ever probed get a history: the rest would fill the table with empty records.
    const probing = window.vulnCount + window.fingerprintCount + window.injections > 0
    let h: ProbeHistory = (early ? history.peek(key) : history.use(key, last)) ?? NO_HISTORY
    if (probing && early) {
      h = { ...h, vuln: [...h.vuln], fingerprint: [...h.fingerprint] }
      absorb(h, window)
    } else if (probing) {
      if (h === NO_HISTORY) {
        h = { vuln: [], vulnCount: 0, fingerprint: [], fingerprintCount: 0, injections: 0, injectionExample: null }
        history.set(key, h, last)
      }
      absorb(h, window)
    }
    const probed = h.vulnCount + h.fingerprintCount + h.injections > 0
    // A scanner that names itself is one at its first request (zgrab's, masscan's single `GET /`).
    if (window.requests < c.minRequests && !probed && window.scannerUa === null) return
    const errorRatio = (window.notFound + window.forbidden) / window.requests
    // Most windows scored are shoppers': no probe, no scanner agent, few errors. Every signal is
    // then 0, and so is the score, so they stop here, before the signals are built.
    if (!probed && window.scannerUa === null && !(errorRatio >= c.errorRatio) && c.reportScore > 0) return
    const errorPaths = window.errorPaths.count()
    // Phrases are written only for a window that is reported (below): most windows scored are
    // shoppers' with nothing to say, and building five sentences for each was a tenth of the time here.
    const vuln: Signal = {
      name: 'vulnerability_probes',
      weight: 0.85,
      strength: ramp(h.vulnCount, 1, c.minProbes),
      phrase: '',
    }
    const inj: Signal = {
      name: 'injection',
      weight: 0.8,
      strength: ramp(h.injections, 1, 3),
      phrase: '',
    }
    const fp: Signal = {
      name: 'fingerprint_probes',
      weight: 0.7,
      strength: ramp(h.fingerprintCount, 1, c.minProbes),
      phrase: '',
    }
    const enumeration: Signal = {
      name: 'error_enumeration',
      weight: 0.7,
      strength: errorRatio >= c.errorRatio ? ramp(errorPaths, c.minDistinctErrorPaths * 0.5, c.minDistinctErrorPaths) : 0,
      phrase: '',
    }
    const ua: Signal = {
      name: 'scanner_ua',
      weight: 0.6,
      strength: window.scannerUa !== null ? 1 : 0,
      phrase: '',
    }
    // Nothing but probes, each refused, and not one page served: a client that came for holes,
    // not the shop. People who mistype a URL get a 404 for a path no scanner list holds.
    const onlyProbes: Signal = {
      name: 'only_probes',
      weight: 0.85,
      strength: window.refusedProbes > 0 && window.served === 0 ? 1 : 0,
      phrase: '',
    }
    const { score, fired } = combine([vuln, inj, fp, enumeration, ua, onlyProbes])
    if (score < c.reportScore) return
    const strength = (s: Signal): number => s.weight * s.strength
    const vulnerability = Math.max(strength(vuln), strength(inj), strength(ua), strength(onlyProbes))
    const threat = vulnerability >= Math.max(strength(fp), strength(enumeration))
      ? 'OAT-014'
      : strength(fp) >= strength(enumeration) ? 'OAT-004' : 'OAT-018'
    // Footprinting and fingerprinting are told apart by breadth, which an open window has not
    // shown yet; raising them early could name the wrong class. Probes for holes cannot wait.
    if (early && threat !== 'OAT-014') return
    vuln.phrase = `${fmtInt(h.vulnCount)} probes for sensitive paths (${h.vuln.slice(0, 3).join(', ')})`
    inj.phrase = `${fmtInt(h.injections)} requests with injection payloads (${h.injectionExample ?? ''})`
    fp.phrase = `${fmtInt(h.fingerprintCount)} requests for version-revealing files (${h.fingerprint.slice(0, 3).join(', ')})`
    enumeration.phrase = `${fmtPercent(errorRatio)} of responses 404/403 over ${fmtInt(errorPaths)} distinct paths`
    ua.phrase = `scanner user agent ${window.scannerUa ?? ''}`
    onlyProbes.phrase = `nothing but probes, ${fmtInt(window.refusedProbes)} refused, and no page served`
    const category = threat === 'OAT-014' ? 'vulnerability_scanning' : threat === 'OAT-004' ? 'fingerprinting' : 'footprinting'
    const fk = `${threat}\u0001${key}`
    // An early score counts the open window without adding it: its close adds it once.
    const prior = early ? (flagged.peek(fk) ?? { first: start, count: 0 }) : flagged.upsert(fk, last, () => ({ first: start, count: 0 }))
    const count = early ? prior.count + window.requests : (prior.count += window.requests)
    sink.report(
      buildDetection({
        detector: SCANNER_ID,
        threat,
        category,
        entity: entityFromKey(key),
        score,
        firstSeenMs: prior.first,
        lastSeenMs: last,
        count,
        explanation: `${fmtInt(window.requests)} requests in ${fmtDuration(last - start)}: ${joinClauses(fired.slice(0, 3).map((s) => s.phrase))}`,
        evidence: [
          { field: 'requests', value: window.requests },
          { field: 'not_found', value: window.notFound },
          { field: 'forbidden', value: window.forbidden },
          ...h.vuln.map((v) => ({ field: 'probe', value: v })),
          ...h.fingerprint.map((v) => ({ field: 'fingerprint_probe', value: v })),
          ...(h.injectionExample === null ? [] : [{ field: 'injection_marker', value: h.injectionExample }]),
        ],
        related: window.related === null ? [] : [window.related],
      }),
    )
  }

  function see(key: string, e: HttpEvent, probe: Probe, related: EntityRef | null, sink: DetectionSink): void {
    const p = windows.touch(key, e.ts)
    observe(p, e, probe, related)
    const start = windows.earlyStart(p.requests, c.minRequests)
    if (!Number.isNaN(start)) evaluate(key, p, start, e.ts, sink, true)
  }

  return {
    id: SCANNER_ID,
    onHttp(e, sink, facts?: HttpFacts) {
      pending = sink
      if (crawlers.isVerified(e)) return
      const f = facts ?? httpFacts(e)
      const probe = probeOf(f.path, e.url_query)
      const session = sessions.entityOf(e, f)
      const ip = f.ip
      if (ip !== null) see(ip.key, e, probe, session?.ref ?? null, sink)
      if (session !== null) see(session.key, e, probe, ip?.ref ?? null, sink)
    },
    tick(now, sink) {
      pending = sink
      if (now - lastSweep < windowMs / 10) return
      lastSweep = now
      windows.sweep(now)
      sessions.evictIdle(now)
    },
    finish(sink) {
      pending = sink
      windows.flush()
    },
  }
}
