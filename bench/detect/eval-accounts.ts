/**
 * The account detectors measured on labelled simulated traffic, over several seeds:
 * `vigil simulate` (default and --stealth knobs) → `vigil ingest` → the account detectors
 * in streaming order over the store → the eval scorer, per class, fraud rings included.
 * Beside the time to first detection it measures the evidence: how many of the scenario's own
 * events had arrived in its first 60 s and by its first detection, and for fraud rings how
 * long after three accounts of one ring were first linked by a shared card, phone or address.
 * Writes the `detect-accounts` section of RESULTS.md.
 * Run: npx tsx bench/detect/eval-accounts.ts [--seeds 1,2,3] [--hours H] [--long-hours L] [--work DIR] [--reuse] [--note TEXT]
 * (--reuse keeps an existing simulation and store per seed and mode in the work directory;
 * --note ends the section with a paragraph, e.g. the figures before a change.) The session's
 * command: `--seeds 1,2,3,7 --hours 1`; for the figures before a change, copy this file into a
 * worktree of the earlier commit and run it there with `--reuse` and the same `--work`, over the
 * same stores.
 *
 * Besides default and stealthy knobs over H hours, stealthy knobs run again over L hours
 * (default 8): a stealthy takeover steps about every 10 min (a median of 600 s between steps,
 * four steps and a checkout, ~55 min on average), and the scenario starts its last victim
 * between 77 % and 90 % of the stream, so a 1-hour stream ends most chains after their login or
 * first change; 8 hours leave the last one 48–110 min, and its victims' accounts have signed
 * in before, as a shop's customers have.
 * @module
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import {
  buildAccountDetectors,
  createDetectionEngine,
  parseLabels,
  scoreDetections,
} from '../../packages/core/src/index.ts'
import type { AppEvent, Detection, EvalReport, HttpEvent, SimLabels } from '../../packages/core/src/index.ts'
import { DuckDbStore } from '../../packages/storage-duckdb/src/index.ts'
import { machineLine, writeResultsSection } from '../results-file.ts'
import { ringLinker, ringUnionFind } from './ring-evidence.ts'

const { values: args } = parseArgs({
  options: {
    seeds: { type: 'string', default: '1,2,3' },
    hours: { type: 'string', default: '6' },
    'long-hours': { type: 'string', default: '8' },
    work: { type: 'string', default: '/tmp/vigil-eval-accounts' },
    reuse: { type: 'boolean', default: false },
    note: { type: 'string' },
  },
})

/** The classes these detectors own. */
const CLASSES = ['OAT-008', 'ato', 'OAT-019', 'OAT-001', 'OAT-002', 'sms_pumping', 'OAT-005', 'bola', 'fraud_ring'] as const
const MODES = ['default', 'stealth', 'stealth-long'] as const
type Mode = (typeof MODES)[number]
const hoursOf = (mode: Mode): string => (mode === 'stealth-long' ? args['long-hours'] : args.hours)
const MODE_NAMES: Record<Mode, string> = { default: 'default knobs', stealth: 'stealthy knobs', 'stealth-long': `stealthy knobs, ${args['long-hours']} h` }
const VIGIL = join(import.meta.dirname, '../../packages/cli/bin/vigil.js')
const seeds = args.seeds.split(',').map((s) => Number(s.trim())).filter((n) => Number.isSafeInteger(n))

function vigil(...argv: string[]): void {
  execFileSync(process.execPath, [VIGIL, ...argv], { stdio: ['ignore', 'ignore', 'inherit'] })
}

/** Event time is read in slices so that the store's ordered scan never sorts the whole table at once. */
const SLICE_MS = 30 * 60_000

async function* merged(store: DuckDbStore): AsyncGenerator<AppEvent | HttpEvent> {
  const app: AppEvent[] = []
  for await (const batch of store.scanAppEvents()) app.push(...batch)
  const [span] = await store.query('SELECT epoch_ms(min(ts)) AS lo, epoch_ms(max(ts)) AS hi FROM http_events')
  const lo = Number(span?.lo ?? 0)
  const hi = Number(span?.hi ?? 0)
  let i = 0
  for (let from = lo; from <= hi; from += SLICE_MS) {
    for await (const batch of store.scanHttpEvents({ from, to: from + SLICE_MS })) {
      for (const h of batch) {
        while (i < app.length && app[i]!.ts <= h.ts) yield app[i++]!
        yield h
      }
    }
  }
  while (i < app.length) yield app[i++]!
}

interface Run {
  seed: number
  mode: Mode
  labels: SimLabels
  report: EvalReport
  detections: Detection[]
  events: number
  seconds: number
  /** Attack population → event times of its own requests and application events. */
  arrivals: Map<string, number[]>
  /** Labelled ring → event time at which three of its accounts were first linked by strong nodes. */
  ringEvidence: Map<string, number>
  /** Labelled ring → its members linked to another of it by the end, through any shared node. */
  ringReach: Map<string, number>
  /** Accounts the takeover scenario signed in to, with what the stream knew at that login. */
  victims: Victim[]
  /** Labelled ring → event time of its members' first application event: when the crew started. */
  ringStart: Map<string, number>
}

interface Victim {
  account: string
  /** Event time of the takeover scenario's first successful login to the account. */
  login: number
  /** The account had signed in before in the stream (its devices and places are on record). */
  history: boolean
  /** The login's device had signed in to another account before. */
  deviceSeen: boolean
  /** A credential-stuffing scenario had tried the account before. */
  stuffed: boolean
}

/** Watches successful logins for the takeover scenario's first login to each of its accounts. */
function victimWatcher(labels: SimLabels, population: string): { observe(e: AppEvent, pop: string | null): void; victims: Victim[] } {
  const victims: Victim[] = []
  const signedIn = new Set<string>()
  const deviceAccounts = new Map<string, Set<string>>()
  const done = new Set<string>()
  const stuffed = new Set<string>()
  return {
    victims,
    observe(e, pop) {
      const account = e.user_id
      if (e.event_action !== 'account.login' || account === null) return
      if (pop !== null && labels.populations[pop]?.class === 'OAT-008') stuffed.add(account)
      if (e.event_outcome !== 'success') return
      const others = e.device_id === null ? undefined : deviceAccounts.get(e.device_id)
      if (pop === population && !done.has(account) && labels.entities.account[account]?.includes(population) === true) {
        done.add(account)
        victims.push({
          account, login: e.ts, history: signedIn.has(account), stuffed: stuffed.has(account),
          deviceSeen: others !== undefined && [...others].some((a) => a !== account),
        })
      }
      signedIn.add(account)
      if (e.device_id !== null) deviceAccounts.set(e.device_id, (others ?? new Set()).add(account))
    },
  }
}

/**
 * Which attack population an event belongs to: an HTTP request by its access.log line, an
 * application event by an IP, session or device that only attacks used.
 */
function attributor(labels: SimLabels): (e: AppEvent | HttpEvent) => string | null {
  const ranges = Object.entries(labels.requests)
    .flatMap(([pop, rs]) => rs.map(([lo, hi]) => ({ lo, hi, pop })))
    .sort((a, b) => a.lo - b.lo)
  const attackOnly = (ps: string[] | undefined): string | null =>
    ps !== undefined && ps.length > 0 && ps.every((p) => labels.populations[p]?.kind === 'attack') ? ps[0]! : null
  return (e) => {
    if ('url_path' in e) {
      let lo = 0
      let hi = ranges.length - 1
      while (lo <= hi) {
        const mid = (lo + hi) >> 1
        const r = ranges[mid]!
        if (e.log_line < r.lo) hi = mid - 1
        else if (e.log_line > r.hi) lo = mid + 1
        else return r.pop
      }
      return null
    }
    return (e.source_ip === null ? null : attackOnly(labels.entities.ip[e.source_ip])) ??
      (e.session_id === null ? null : attackOnly(labels.entities.session[e.session_id])) ??
      (e.device_id === null ? null : attackOnly(labels.entities.device[e.device_id]))
  }
}

/**
 * How many of each ring's members any detector could name: those joined to at least one
 * other member of their ring (a chain of shared cards, phones, addresses, e-mails, devices
 * or IPs among its members) by the end of the stream — two new accounts sharing a card or a
 * phone are an early ring. A member that shares nothing with the rest of its crew is a lone
 * customer on the evidence, so this bounds member recall.
 */
function ringReacher(labels: SimLabels): { observe(e: AppEvent): void; reach(): Map<string, number> } {
  const { ringOf, parent, find } = ringUnionFind(labels)
  const firstUser = new Map<string, string>()
  return {
    observe(e) {
      const a = e.user_id
      const ring = a === null ? undefined : ringOf.get(a)
      if (a === null || ring === undefined || (e.event_action === 'account.login' && e.event_outcome !== 'success')) return
      if (!parent.has(a)) parent.set(a, a)
      const nodes = [e.card_fingerprint && `c:${e.card_fingerprint}`, e.user_phone_hash && `p:${e.user_phone_hash}`, e.address_hash && `a:${e.address_hash}`,
        e.user_email && `e:${e.user_email.toLowerCase()}`, e.device_id && `d:${e.device_id}`, e.source_ip && `i:${e.source_ip}`]
      for (const node of nodes) {
        if (!node) continue
        const key = `${ring}\u0000${node}`
        const other = firstUser.get(key)
        if (other === undefined) firstUser.set(key, a)
        else parent.set(find(a), find(other))
      }
    },
    reach() {
      const size = new Map<string, number>()
      for (const m of parent.keys()) size.set(find(m), (size.get(find(m)) ?? 0) + 1)
      const out = new Map<string, number>()
      for (const m of parent.keys()) {
        if (size.get(find(m))! < 2) continue
        const ring = ringOf.get(m)!
        out.set(ring, (out.get(ring) ?? 0) + 1)
      }
      return out
    },
  }
}

async function run(seed: number, mode: Mode): Promise<Run> {
  const dir = join(args.work, mode === 'stealth-long' ? `${seed}-stealth-${hoursOf(mode)}h` : `${seed}-${mode}`)
  const db = join(dir, 'vigil.duckdb')
  if (!args.reuse || !existsSync(db)) {
    execFileSync('rm', ['-rf', dir])
    vigil('simulate', '--out', dir, '--seed', String(seed), '--hours', hoursOf(mode), ...(mode === 'default' ? [] : ['--stealth']))
    vigil('ingest', join(dir, 'access.log'), join(dir, 'events.ndjson'), '--db', db)
  }
  const labels = parseLabels(readFileSync(join(dir, 'labels.json'), 'utf8'), 'labels.json')
  const store = await DuckDbStore.open(db, { readOnly: true })
  const engine = createDetectionEngine(buildAccountDetectors())
  const attribute = attributor(labels)
  const linkRings = ringLinker(labels)
  const reacher = ringReacher(labels)
  const watcher = victimWatcher(labels, 'account-takeover')
  const arrivals = new Map<string, number[]>()
  const ringEvidence = new Map<string, number>()
  const { ringOf } = ringUnionFind(labels)
  const ringStart = new Map<string, number>()
  let seconds = 0
  let events = 0
  for await (const e of merged(store)) {
    events++
    const started = performance.now()
    if ('url_path' in e) engine.pushHttp(e)
    else engine.pushApp(e)
    seconds += (performance.now() - started) / 1000
    const pop = attribute(e)
    if (pop !== null) {
      const times = arrivals.get(pop) ?? []
      times.push(e.ts)
      arrivals.set(pop, times)
    }
    if (!('url_path' in e)) {
      const linked = linkRings(e)
      if (linked !== null) ringEvidence.set(linked[0], linked[1])
      reacher.observe(e)
      watcher.observe(e, pop)
      const ring = e.user_id === null ? undefined : ringOf.get(e.user_id)
      if (ring !== undefined && !ringStart.has(ring)) ringStart.set(ring, e.ts)
    }
  }
  const finishing = performance.now()
  engine.finish()
  seconds += (performance.now() - finishing) / 1000
  await store.close()
  const detections = engine.detections()
  process.stderr.write(`seed ${seed} ${mode}: ${events} events, ${seconds.toFixed(1)} s\n`)
  return { seed, mode, labels, report: scoreDetections(labels, detections), detections, events, seconds, arrivals, ringEvidence, ringReach: reacher.reach(), victims: watcher.victims, ringStart }
}

const fmt = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(3))

/** Slowest first detection over the class's scenarios, in seconds; null when one was missed. */
function ttd(r: Run, cls: string): number | null {
  const times = Object.values(r.report.scenarios).filter((s) => s.class === cls).map((s) => s.time_to_detect_seconds)
  if (times.length === 0 || times.some((t) => t === null)) return null
  return Math.max(...(times as number[]))
}

function minMean(xs: Array<number | null | undefined>): string {
  const v = xs.filter((x): x is number => typeof x === 'number')
  if (v.length === 0) return '—'
  return `${fmt(Math.min(...v))} / ${fmt(v.reduce((a, b) => a + b, 0) / v.length)}`
}

function summary(runs: Run[]): string {
  const rows = CLASSES.map((cls) => {
    const cells = MODES.flatMap((mode) => {
      const rs = runs.filter((r) => r.mode === mode)
      const times = rs.map((r) => ttd(r, cls))
      const worst = times.some((t) => t === null) ? 'missed' : `${Math.max(...(times as number[]))} s`
      return [minMean(rs.map((r) => r.report.by_class[cls]?.precision)), minMean(rs.map((r) => r.report.by_class[cls]?.recall)), worst]
    })
    return `| ${cls} | ${cells.join(' | ')} |`
  })
  return [
    `| class | ${MODES.map((m) => `${MODE_NAMES[m]}: precision min / mean | recall min / mean | slowest first detection`).join(' | ')} |`,
    `|---|${MODES.map(() => '---|---|---').join('|')}|`,
    ...rows,
  ].join('\n')
}

function perSeed(runs: Run[], mode: Mode): string {
  const rs = runs.filter((r) => r.mode === mode)
  const head = `| class | ${rs.map((r) => `seed ${r.seed}: P / R / first detection`).join(' | ')} |`
  const rows = CLASSES.map((cls) => {
    const cells = rs.map((r) => {
      const c = r.report.by_class[cls]
      const t = ttd(r, cls)
      return c === undefined ? '—' : `${fmt(c.precision)} / ${fmt(c.recall)} / ${t === null ? 'missed' : `${t} s`}`
    })
    return `| ${cls} | ${cells.join(' | ')} |`
  })
  const notes = rs.map((r) => {
    const fps = Object.entries(r.report.false_positives_by_population)
      .filter(([, v]) => v.entities > 0)
      .map(([p, v]) => `${p} ${v.entities}${v.lookalike ? ' (look-alike)' : ''}`)
      .join(', ')
    const benignAto = r.detections.filter((d) => d.threat === 'ato').filter((d) => {
      const pops = r.labels.entities[d.entity.type as 'account']?.[d.entity.value] ?? []
      return pops.length > 0 && pops.every((p) => r.labels.populations[p]?.kind !== 'attack')
    }).length
    return `Seed ${r.seed}: ${r.events.toLocaleString('en-US')} events, ${r.seconds.toFixed(1)} s in the detectors, ${r.detections.length} detections; ` +
      `benign entities flagged: ${fps === '' ? 'none' : fps}; takeover detections on benign-only entities: ${benignAto}.`
  })
  const title = mode === 'default' ? 'Default knobs' : mode === 'stealth' ? 'Stealthy knobs (`--stealth`)' : `Stealthy knobs over ${hoursOf(mode)} h (\`--stealth --hours ${hoursOf(mode)}\`)`
  return [`### ${title}`, '', head, `|---|${rs.map(() => '---').join('|')}|`, ...rows, '', ...notes].join('\n')
}

function rings(runs: Run[]): string {
  const rows = runs.map((r) => {
    const g = r.report.fraud_rings
    if (g === null) return `| ${r.seed} | ${MODE_NAMES[r.mode]} | — | — | — | — | — | — | — |`
    const wrong = Object.entries(g.false_positives_by_population).map(([p, n]) => `${p} ${n}`).join(', ')
    const firstRight = g.matches.filter((m) => m.ring !== null).map((m) => Date.parse(m.detected_at))
    const start = r.labels.populations['fraud-ring']?.start
    const first = firstRight.length === 0 || start == null ? '—' : `${Math.round((Math.min(...firstRight) - Date.parse(start)) / 60_000)} min`
    const members = Object.values(r.labels.rings).reduce((n, ring) => n + ring.members.length, 0)
    const reachable = [...r.ringReach.values()].reduce((n, x) => n + x, 0)
    return `| ${r.seed} | ${MODE_NAMES[r.mode]} | ${g.rings_found.length} / ${g.rings} | ${g.fp}${wrong === '' ? '' : ` (${wrong})`} | ${g.duplicates} | ` +
      `${fmt(g.members.precision)} | ${fmt(g.members.recall)} | ${reachable} / ${members} (${fmt(members === 0 ? null : reachable / members)}) | ${first} |`
  })
  return [
    '### Fraud rings (`fraud-ring` scenario; `household` and `support-staff` are the look-alikes)',
    '',
    'A ring detection (entity `actor`, members in `related`) is right when more than half of its accounts are one labelled ring. ' +
      'Members linkable bounds member recall: the members joined to another of their ring by the end of the stream through ' +
      'any chain of shared cards, phones, addresses, e-mails, devices or IPs among its members (two new accounts sharing a card or a phone are an early ring); ' +
      'a member sharing nothing with its crew is a lone customer on the evidence.',
    '',
    '| seed | knobs | rings found | wrong ring detections (population) | repeat detections | member precision | member recall | members linkable (recall bound) | first right detection after the crews start |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n')
}

/**
 * Per scenario: its own events in its first 60 s and up to its first detection. A scenario
 * raised later than 60 s whose first detection needed more events than it had sent by then
 * is limited by its evidence, not by when the detectors decide.
 */
function evidence(runs: Run[], mode: Mode): string {
  const rs = runs.filter((r) => r.mode === mode)
  const scenarios = [...new Set(rs.flatMap((r) => Object.entries(r.report.scenarios)
    .filter(([, sc]) => (CLASSES as readonly string[]).includes(sc.class) && sc.class !== 'fraud_ring').map(([id]) => id)))].sort()
  const rows = scenarios.map((id) => {
    const cells = rs.map((r) => {
      const sc = r.report.scenarios[id]
      const start = r.labels.populations[id]?.start
      if (sc === undefined || start == null) return '—'
      const t0 = Date.parse(start)
      const times = r.arrivals.get(id) ?? []
      const within = times.filter((t) => t <= t0 + 60_000).length
      if (sc.time_to_detect_seconds === null) return `${within} / missed`
      const raised = t0 + sc.time_to_detect_seconds * 1000
      return `${within} / ${times.filter((t) => t <= raised).length} / ${sc.time_to_detect_seconds} s`
    })
    return `| ${id} | ${classOf(rs, id)} | ${cells.join(' | ')} |`
  })
  return [
    `#### Evidence, ${MODE_NAMES[mode]}: the scenario's own events in its first 60 s / up to its first detection / first detection`,
    '',
    `| scenario | class | ${rs.map((r) => `seed ${r.seed}`).join(' | ')} |`,
    `|---|---|${rs.map(() => '---').join('|')}|`,
    ...rows,
  ].join('\n')
}

/**
 * Per run: each account the takeover scenario signed in to, the time from that login to the
 * first takeover detection on the account, and what the stream knew at the login.
 */
function victims(runs: Run[]): string {
  const rows = runs.map((r) => {
    const delays = victimDelays(r)
    const cells = r.victims.map((v, i) => {
      const d = delays[i]
      const known = [v.history ? 'history' : '', v.deviceSeen ? 'device seen' : '', v.stuffed ? 'stuffed' : ''].filter((x) => x !== '').join(', ')
      return `${d === null || d === undefined ? 'missed' : `${d} s`}${known === '' ? '' : ` (${known})`}`
    })
    const atLogin = delays.filter((d) => d === 0).length
    const within = delays.filter((d) => d !== null && d !== undefined && d <= 60).length
    return `| ${r.seed} | ${MODE_NAMES[r.mode]} | ${r.victims.length} | ${atLogin} | ${within} | ${cells.join('; ')} |`
  })
  return [
    '#### Takeovers per account: from the attacker\'s login to the first `ato` detection on the account',
    '',
    'In login order. "history": the account had signed in earlier in the stream, so its devices and places were on record; ' +
      '"device seen": the login\'s device had signed in to another account before; "stuffed": a credential-stuffing scenario had tried ' +
      'the account before. With none of these, the login is a first-seen ' +
      'account\'s clean login and nothing tells it from its owner until the first change.',
    '',
    '| seed | knobs | accounts | raised at the login | within 60 s | each account |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n')
}

/** Seconds from the takeover's login on each victim account to the first `ato` detection on it; null when missed. */
function victimDelays(r: Run): Array<number | null> {
  const first = new Map<string, number>()
  for (const d of r.detections) {
    if (d.threat !== 'ato' || d.entity.type !== 'account') continue
    const t = Date.parse(d.detected_at)
    if (t < (first.get(d.entity.value) ?? Infinity)) first.set(d.entity.value, t)
  }
  return r.victims.map((v) => {
    const t = first.get(v.account)
    return t === undefined ? null : Math.max(0, Math.round((t - v.login) / 1000))
  })
}

/**
 * Seconds from each attack's start to its first detection, null when missed. An attack is a
 * scenario of the class on one seed, but a takeover is one victim account (from the login) and a
 * ring one labelled crew (from its members' first event, to its first right ring detection).
 */
function attackDelays(r: Run, cls: string): Array<number | null> {
  if (cls === 'ato') return victimDelays(r)
  if (cls === 'fraud_ring') {
    return Object.keys(r.labels.rings).map((ring) => {
      const start = r.ringStart.get(ring)
      const found = r.report.fraud_rings?.matches.filter((m) => m.ring === ring).map((m) => Date.parse(m.detected_at)) ?? []
      return start === undefined || found.length === 0 ? null : Math.max(0, Math.round((Math.min(...found) - start) / 1000))
    })
  }
  return Object.values(r.report.scenarios).filter((s) => s.class === cls).map((s) => s.time_to_detect_seconds)
}

/** Per class and knobs, over every seed's attacks: median / worst first detection, and the share raised within 60 s. */
function perAttack(runs: Run[]): string {
  const rows = CLASSES.map((cls) => {
    const cells = MODES.map((mode) => {
      const delays = runs.filter((r) => r.mode === mode).flatMap((r) => attackDelays(r, cls))
      const found = delays.filter((d): d is number => d !== null).sort((a, b) => a - b)
      if (delays.length === 0) return '—'
      const median = found.length === 0 ? '—' : `${found[Math.floor((found.length - 1) / 2)]} / ${found[found.length - 1]} s`
      const missed = delays.length - found.length
      return `${median}, ${found.filter((d) => d <= 60).length} / ${delays.length} within 60 s${missed === 0 ? '' : ` (${missed} missed)`}`
    })
    return `| ${cls} | ${cells.join(' | ')} |`
  })
  return [
    '### Time to first detection per attack',
    '',
    'Over every seed: an attack is the class\'s scenario on one seed, except a takeover, which is one victim account timed from the ' +
      'attacker\'s login to the first `ato` detection on that account, and a fraud ring, one labelled crew timed from its members\' first ' +
      'application event to its first right ring detection. Median / worst first detection (lower median of an even count), then the ' +
      'attacks raised within 60 s of their start.',
    '',
    `| class | ${MODES.map((m) => MODE_NAMES[m]).join(' | ')} |`,
    `|---|${MODES.map(() => '---').join('|')}|`,
    ...rows,
  ].join('\n')
}

const classOf = (rs: Run[], id: string): string => rs.map((r) => r.report.scenarios[id]?.class).find((c) => c !== undefined) ?? '—'

/** Per run: for each labelled ring, its first right detection after three of its accounts were first linked. */
function ringEvidence(runs: Run[]): string {
  const rows = runs.map((r) => {
    const start = Date.parse(r.labels.populations['fraud-ring']?.start ?? '')
    const cells = Object.keys(r.labels.rings).sort().map((ring) => {
      const linked = r.ringEvidence.get(ring)
      const found = r.report.fraud_rings?.matches.filter((m) => m.ring === ring).map((m) => Date.parse(m.detected_at)) ?? []
      const first = found.length === 0 ? null : Math.min(...found)
      const linkedText = linked === undefined ? 'never linked' : `linked at +${Math.round((linked - start) / 60_000)} min`
      const lag = linked === undefined || first === null ? 0 : Math.round((first - linked) / 1000)
      const after = first === null ? 'not found' : linked === undefined ? `found at +${Math.round((first - start) / 60_000)} min`
        : lag >= 0 ? `found ${lag} s later` : `found ${-lag} s before (an early pair)`
      return `${ring}: ${linkedText}, ${after}`
    })
    return `| ${r.seed} | ${MODE_NAMES[r.mode]} | ${cells.join('; ')} |`
  })
  return [
    '#### Fraud rings: when three accounts of a ring were first linked by a shared card, phone or address (after the crews start), and the first right detection of that ring (before it: two of its new accounts paying with one card)',
    '',
    '| seed | knobs | rings |',
    '|---|---|---|',
    ...rows,
  ].join('\n')
}

const load = loadavg().map((x) => x.toFixed(2)).join(', ')
const runs: Run[] = []
for (const seed of seeds) for (const mode of MODES) runs.push(await run(seed, mode))
const body = [
  '## Account and device detectors (bench/detect/eval-accounts.ts)',
  '',
  machineLine(),
  `Load average when the runs started: ${load} (2 shared cores).`,
  '',
  `Seeds ${seeds.join(', ')}, ${args.hours} simulated hours each at default and stealthy knobs, and ${args['long-hours']} h at stealthy knobs ` +
    `(long enough for a stealthy takeover's chain, which steps every 10 min or so, to reach its changes before the stream ends). Scoring is \`vigil eval\`'s ` +
    '(packages/core/src/eval/score.ts): one unit per labelled entity (ip, session, account, device, card); recall counts every ' +
    'entity of the class\'s populations, so entities an attack only touched (a stuffed username, a session id) count as misses ' +
    'unless flagged. `fraud_ring` is scored over rings (packages/core/src/eval/score-rings.ts). First detection is ' +
    '`detected_at` (the event time the streaming engine raised it) minus the scenario\'s first event; the slowest scenario of the class is shown. ' +
    'The evidence tables count a scenario\'s own events — its access.log lines (labels.json) and the application events of an IP, session or ' +
    'device only attacks used — in its first 60 s and up to its first detection: a detection later than 60 s that needed more events than had ' +
    'arrived by then is limited by the attack\'s rate, not by when the detectors decide. Time in the detectors is wall time inside the ' +
    'engine\'s push calls (store reads excluded), so it grows with the load.',
  '',
  '### Summary over seeds',
  '',
  summary(runs),
  '',
  perAttack(runs),
  '',
  ...MODES.flatMap((m) => [perSeed(runs, m), '', evidence(runs, m), '']),
  rings(runs),
  '',
  ringEvidence(runs),
  '',
  victims(runs),
  ...(args.note === undefined ? [] : ['', args.note]),
].join('\n')
writeResultsSection('detect-accounts', body)
process.stdout.write(`${body}\n`)
