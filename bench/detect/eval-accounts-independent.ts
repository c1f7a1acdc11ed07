/**
 * The account and device detectors on an independently written corpus
 * (bench/detect/corpora/generate-accounts.ts): for each seed, its access log and application
 * events through `vigil ingest` → `vigil detect --no-waf` → `vigil detections --json`, the real
 * CLI and store, scored by `vigil eval`'s scorer (packages/core/src/eval) per class, apart for
 * the development populations and the hold-out ones. Writes the `detect-accounts-independent`
 * section of bench/RESULTS.md.
 *
 *   npx tsx bench/detect/eval-accounts-independent.ts [--seeds 1,2] [--hours 4] [--baseline-cli PATH] [--record-first] [--dump DIR] [--note TEXT]
 *
 * An entity belongs to a half when every attack it took part in is in that half (a stuffed
 * customer is a victim of the run, whatever half the customer is in), or, for an entity no
 * attack touched, when every population it appeared in is; the rest is scored in neither.
 * `--baseline-cli PATH` runs another checkout's detectors over the same stores first (cells read
 * baseline → this tree). `--record-first` keeps this run as the first run
 * (corpora/first-run-accounts.json), which every later section repeats. `--dump DIR` writes the
 * development half's misses and false positives, by kind, with the detections' explanations, and
 * each instance's time to first detection; the hold-out half is never dumped.
 * @module
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { buildAccountDetectors, isRingDetection, parseLabels, scoreDetections } from '../../packages/core/src/index.ts'
import type { Detection, EvalReport, SimLabels } from '../../packages/core/src/index.ts'
import { machineLine, writeResultsSection } from '../results-file.ts'
import { CLI, vigil } from './cli.ts'
import { ringLinker } from './ring-evidence.ts'
import { type AccountsLabels, generateAccountsCorpus, kindOf } from './corpora/generate-accounts.ts'

const { values } = parseArgs({
  options: { seeds: { type: 'string', default: '1,2' }, hours: { type: 'string', default: '4' }, 'baseline-cli': { type: 'string' }, 'record-first': { type: 'boolean', default: false }, dump: { type: 'string' }, note: { type: 'string' } },
  strict: true,
})
const SEEDS = values.seeds.split(',').map((s) => Number(s.trim()))
const HOURS = Number(values.hours)
const BASELINE_CLI = values['baseline-cli']
const FIRST_RUN = new URL('./corpora/first-run-accounts.json', import.meta.url)
const CLASSES = ['OAT-008', 'ato', 'OAT-019', 'OAT-001', 'OAT-010', 'OAT-002', 'sms_pumping', 'OAT-005', 'bola', 'fraud_ring'] as const
const HALVES = ['dev', 'holdout'] as const
/** The detectors this benchmark is about; `vigil detect` runs the bot detectors over the same stores too. */
const ACCOUNT_DETECTORS: ReadonlySet<string> = new Set(buildAccountDetectors().flatMap((d) => d.reports ?? [d.id]))
type Half = (typeof HALVES)[number]
type EntityType = keyof AccountsLabels['entities']

/** One set of detectors on one half of one seed. */
interface Score {
  classes: Record<string, { precision: number | null; recall: number | null; fp: number; fpRate: number | null }>
  /** Per kind: labelled entities, those flagged (attacks: by a matching detection; benign: by any), instances found. */
  kinds: Record<string, { attack: boolean; entities: number; flagged: number; instances: number; found: number }>
  benignEntities: number
  benignFlagged: number
  /** Benign entities flagged by the account detectors (the bot detectors run too). Absent from the first run's record. */
  benignFlaggedByAccounts?: number
  /** Wrong ring detections, by who most of their accounts were: another attack's (a scalper crew) or benign people. Absent from the first run's record. */
  wrongRings?: { attack: number; benign: number }
  /** Absent from the first run's record. Per class: seconds from each found instance's first event to its first detection (`detected_at`), and instances missed. */
  ttd?: Record<string, { seconds: number[]; missed: number; firstMinute: number[]; afterEvidence?: number[] }>
}

interface Run {
  seed: number
  half: Half
  lines: number
  events: number
  before: Score | null
  after: Score
}

/** The labels of one half: its populations, and the entities that belong to it alone. */
function halfLabels(labels: AccountsLabels, holdout: ReadonlySet<string>, half: Half): SimLabels {
  const inHalf = (p: string): boolean => holdout.has(p) === (half === 'holdout')
  const attack = (p: string): boolean => labels.populations[p]?.kind === 'attack'
  const entities = { ip: {}, session: {}, account: {}, device: {}, card: {} } as Record<EntityType, Record<string, string[]>>
  for (const type of Object.keys(labels.entities) as EntityType[]) {
    for (const [value, ps] of Object.entries(labels.entities[type])) {
      const attacks = ps.filter(attack)
      if (attacks.length > 0 ? attacks.every(inHalf) : ps.every(inHalf)) entities[type][value] = ps
    }
  }
  const populations = Object.fromEntries(Object.entries(labels.populations).filter(([p]) => inHalf(p)))
  const rings = Object.fromEntries(Object.entries(labels.rings).filter(([, r]) => inHalf(r.population)))
  return parseLabels(JSON.stringify({ ...labels, populations, entities, rings }), `labels (${half})`)
}

/**
 * A ring detection belongs to the half most of its member accounts are scored in, as an entity
 * detection belongs to its entity's half: otherwise each half would count the other half's
 * rings, found right, as wrong ones.
 */
function inHalf(labels: SimLabels, d: Detection): boolean {
  if (!isRingDetection(d)) return true
  const members = d.related.filter((r) => r.type === 'account')
  return 2 * members.filter((r) => labels.entities.account[r.value] !== undefined).length > members.length
}

/** Attack population → event times of the application events of its sessions, ascending. */
type EventTimes = ReadonlyMap<string, readonly number[]>

function eventTimes(labels: AccountsLabels, events: readonly string[]): EventTimes {
  const out = new Map<string, number[]>()
  for (const line of events) {
    const e = JSON.parse(line) as { '@timestamp': string; session?: { id?: string } }
    const sid = e.session?.id
    if (sid === undefined) continue
    for (const p of labels.entities.session[sid] ?? []) {
      if (labels.populations[p]?.kind !== 'attack') continue
      const list = out.get(p) ?? []
      list.push(Date.parse(e['@timestamp']))
      out.set(p, list)
    }
  }
  for (const list of out.values()) list.sort((a, b) => a - b)
  return out
}

/** Ring population → when three of its accounts were first linked by a shared card, phone or address. */
function ringEvidence(labels: AccountsLabels, events: readonly string[]): ReadonlyMap<string, number> {
  const link = ringLinker(labels)
  const out = new Map<string, number>()
  for (const line of events) {
    const e = JSON.parse(line) as { '@timestamp': string; user?: { id?: string; phone_hash?: string }; card?: { fingerprint?: string }; address?: { hash?: string } }
    const linked = link({
      ts: Date.parse(e['@timestamp']),
      user_id: e.user?.id ?? null,
      card_fingerprint: e.card?.fingerprint ?? null,
      user_phone_hash: e.user?.phone_hash ?? null,
      address_hash: e.address?.hash ?? null,
    })
    const population = linked === null ? undefined : labels.rings[linked[0]]?.population
    if (linked !== null && population !== undefined) out.set(population, linked[1])
  }
  return out
}

function score(labels: SimLabels, all: readonly Detection[], times: EventTimes, rings: ReadonlyMap<string, number>, dump?: string): Score {
  const detections = all.filter((d) => inHalf(labels, d))
  const report: EvalReport = scoreDetections(labels, detections)
  const attackPop = (p: string): boolean => labels.populations[p]?.kind === 'attack'
  // A ring is an actor: its accounts, cards, devices and IPs are found when a detection that
  // found their ring names them in `related`.
  const ringPopOf = new Map(Object.entries(labels.rings).map(([id, r]) => [id, r.population]))
  const namedByRing = new Set<string>()
  for (const m of report.fraud_rings?.matches ?? []) {
    const pop = m.ring === null ? undefined : ringPopOf.get(m.ring)
    const d = pop === undefined ? undefined : detections.find((x) => x.id === m.detection_id)
    for (const r of d?.related ?? []) namedByRing.add(`${pop}\u0000${r.type}\u0000${r.value}`)
  }
  const byEntity = new Map<string, Detection[]>()
  for (const d of detections) {
    const k = `${d.entity.type}\u0000${d.entity.value}`
    byEntity.set(k, [...(byEntity.get(k) ?? []), d])
  }
  const kinds: Score['kinds'] = {}
  let benignEntities = 0
  let benignFlagged = 0
  let benignFlaggedByAccounts = 0
  const dumped: unknown[] = []
  for (const [type, map] of Object.entries(labels.entities) as [EntityType, Record<string, string[]>][]) {
    for (const [value, ps] of Object.entries(map)) {
      const dets = byEntity.get(`${type}\u0000${value}`) ?? []
      const attacks = ps.filter(attackPop)
      if (attacks.length === 0) {
        benignEntities++
        if (dets.length > 0) benignFlagged++
        if (dets.some((d) => ACCOUNT_DETECTORS.has(d.detector))) benignFlaggedByAccounts++
      }
      const counted = attacks.length > 0 ? attacks : ps.filter((p) => labels.populations[p] !== undefined)
      for (const kind of new Set(counted.map(kindOf))) {
        const k = (kinds[kind] ??= { attack: attacks.length > 0, entities: 0, flagged: 0, instances: 0, found: 0 })
        k.entities++
        const accepts = new Set(attacks.filter((p) => kindOf(p) === kind).flatMap((p) => [labels.populations[p]?.class ?? '', ...(labels.populations[p]?.accepts ?? [])]))
        const named = attacks.some((p) => kindOf(p) === kind && namedByRing.has(`${p}\u0000${type}\u0000${value}`))
        const hit = attacks.length > 0 ? named || dets.some((d) => accepts.has(d.threat) || accepts.has(d.category)) : dets.length > 0
        if (hit) k.flagged++
        // An attacker's entity flagged for another attack's class is a false positive of that class.
        const outcome = attacks.length === 0 ? (hit ? 'flagged' : null) : !hit ? 'missed' : dets.some((d) => !accepts.has(d.threat) && !accepts.has(d.category)) ? 'other_class' : null
        if (outcome !== null) dumped.push({ kind, type, value, outcome, detections: dets.map((d) => ({ detector: d.detector, threat: d.threat, score: d.score, explanation: d.explanation })) })
      }
    }
  }
  for (const [id, s] of Object.entries(report.scenarios)) {
    const k = kinds[kindOf(id)]
    if (k === undefined) continue
    k.instances++
    if (s.detected) k.found++
  }
  const ttd: NonNullable<Score['ttd']> = {}
  for (const [id, sc] of Object.entries(report.scenarios)) {
    const t = (ttd[sc.class] ??= { seconds: [], missed: 0, firstMinute: [] })
    if (sc.time_to_detect_seconds === null) t.missed++
    else t.seconds.push(sc.time_to_detect_seconds)
    const start = Date.parse(labels.populations[id]?.start ?? '')
    const evidence = rings.get(id)
    if (evidence !== undefined && sc.time_to_detect_seconds !== null) (t.afterEvidence ??= []).push(Math.round(sc.time_to_detect_seconds - (evidence - start) / 1000))
    const firstMinute = (times.get(id) ?? []).filter((x) => x - start <= 60_000).length
    t.firstMinute.push(firstMinute)
    dumped.push({ instance: id, class: sc.class, outcome: 'timing', seconds: sc.time_to_detect_seconds, first_minute_events: firstMinute })
  }
  const classes: Score['classes'] = {}
  for (const cls of CLASSES) {
    const c = report.by_class[cls]
    if (c === undefined) continue
    classes[cls] = { precision: c.precision, recall: c.recall, fp: c.fp, fpRate: benignEntities === 0 ? null : c.fp / benignEntities }
  }
  if (dump !== undefined) writeFileSync(dump, `${dumped.map((x) => JSON.stringify(x)).join('\n')}\n`)
  const wrongRings = { attack: 0, benign: 0 }
  for (const [pop, n] of Object.entries(report.fraud_rings?.false_positives_by_population ?? {})) wrongRings[attackPop(pop) ? 'attack' : 'benign'] += n
  return { classes, kinds, benignEntities, benignFlagged, benignFlaggedByAccounts, ttd, wrongRings }
}

function detect(db: string, cli: string): Detection[] {
  vigil(['detect', '--db', db, '--no-waf', '--json'], cli)
  return vigil(['detections', '--db', db, '--json', '--limit', '10000000'], cli)
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Detection)
}

function measure(seed: number): Run[] {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-eval-accounts-independent-'))
  try {
    const corpus = generateAccountsCorpus({ seed, hours: HOURS })
    const log = join(dir, 'access.log')
    const events = join(dir, 'events.ndjson')
    writeFileSync(log, `${corpus.accessLog.join('\n')}\n`)
    writeFileSync(events, `${corpus.events.join('\n')}\n`)
    const db = join(dir, 'accounts.duckdb')
    vigil(['ingest', log, events, '--db', db, '--json'])
    const holdout = new Set(corpus.holdout)
    const times = eventTimes(corpus.labels, corpus.events)
    const rings = ringEvidence(corpus.labels, corpus.events)
    const halves = Object.fromEntries(HALVES.map((h) => [h, halfLabels(corpus.labels, holdout, h)])) as Record<Half, SimLabels>
    if (values.dump !== undefined) mkdirSync(values.dump, { recursive: true })
    const dump = (who: string): string | undefined => (values.dump === undefined ? undefined : join(values.dump, `s${seed}-${who}.ndjson`))
    const before = BASELINE_CLI === undefined ? null : detect(db, BASELINE_CLI)
    const after = detect(db, CLI)
    return HALVES.map((half) => ({
      seed,
      half,
      lines: corpus.accessLog.length,
      events: corpus.events.length,
      before: before === null ? null : score(halves[half], before, times, rings, half === 'dev' ? dump('before') : undefined),
      after: score(halves[half], after, times, rings, half === 'dev' ? dump('after') : undefined),
    }))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const f3 = (x: number | null): string => (x === null ? '–' : x.toFixed(3))
const cell = (run: Run, withBefore: boolean, f: (s: Score) => string): string => (withBefore && run.before !== null ? `${f(run.before)} → ${f(run.after)}` : f(run.after))

function ttdCell(s: Score, cls: string): string {
  const t = s.ttd?.[cls]
  if (t === undefined) return '–'
  const n = t.seconds.length + t.missed
  const m = t.firstMinute === undefined ? null : median(t.firstMinute)
  const events = m === null ? '' : `, ${m} ${m === 1 ? 'event' : 'events'}`
  if (t.seconds.length === 0) return `missed (0/${n}${events})`
  const after = t.afterEvidence === undefined || t.afterEvidence.length === 0 ? '' : `; ${median(t.afterEvidence)} s after its evidence`
  return `${median(t.seconds)} / ${Math.max(...t.seconds)} s (${t.seconds.filter((x) => x <= 60).length}/${n}${events}${after})`
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? 0

function tables(runs: readonly Run[], withBefore: boolean): string[] {
  const cols = runs.map((r) => `${r.seed} ${r.half}`)
  const kinds = [...new Set(runs.flatMap((r) => Object.keys(r.after.kinds)))].sort()
  const attackKinds = kinds.filter((k) => runs.some((r) => r.after.kinds[k]?.attack === true))
  const benignKinds = kinds.filter((k) => !attackKinds.includes(k))
  const kindCell = (s: Score, k: string, instances: boolean): string => {
    const x = s.kinds[k]
    if (x === undefined) return '–'
    return instances ? `${x.flagged}/${x.entities} (${x.found}/${x.instances})` : `${x.flagged}/${x.entities}`
  }
  return [
    'Per class: precision / recall / FP rate (false positives over all benign entities of the half).',
    '',
    `| class | ${cols.join(' | ')} |`,
    `| --- | ${cols.map(() => '---').join(' | ')} |`,
    ...CLASSES.map((c) => `| ${c} | ${runs.map((r) => cell(r, withBefore, (s) => { const x = s.classes[c]; return x === undefined ? '–' : `${f3(x.precision)} / ${f3(x.recall)} / ${x.fpRate === null ? '–' : `${(x.fpRate * 100).toFixed(2)}%`}` })).join(' | ')} |`),
    `| benign entities flagged (any detector) | ${runs.map((r) => cell(r, withBefore, (s) => `${s.benignFlagged}/${s.benignEntities}`)).join(' | ')} |`,
    `| benign entities flagged by the account detectors | ${runs.map((r) => cell(r, withBefore, (s) => (s.benignFlaggedByAccounts === undefined ? '–' : `${s.benignFlaggedByAccounts}/${s.benignEntities}`))).join(' | ')} |`,
    `| wrong fraud_ring detections: over another attack's accounts / over benign ones | ${runs.map((r) => cell(r, withBefore, (s) => (s.wrongRings === undefined ? '–' : `${s.wrongRings.attack} / ${s.wrongRings.benign}`))).join(' | ')} |`,
    '',
    'Time to first detection, per attack instance: the event time the streaming engine first raised a detection of the class on one of its entities (`detected_at`; for rings, a right ring detection) minus the instance\'s first event. Median / worst in seconds over the instances found, then instances raised within 60 s / instances, and the median count of application events an instance\'s sessions made in its first 60 s (what a detector could have seen by then); for rings, the median time from when three of the ring\'s accounts first shared a card, phone or address (its evidence; a ring cannot be told from a couple sharing a card before) to the detection.',
    '',
    `| class | ${cols.join(' | ')} |`,
    `| --- | ${cols.map(() => '---').join(' | ')} |`,
    ...CLASSES.map((c) => `| ${c} | ${runs.map((r) => cell(r, withBefore, (s) => ttdCell(s, c))).join(' | ')} |`),
    '',
    'Attack kinds: entities found by a detection of the class, or named by a detection that found their ring / labelled (instances with at least one found / instances).',
    '',
    `| kind | ${cols.join(' | ')} |`,
    `| --- | ${cols.map(() => '---').join(' | ')} |`,
    ...attackKinds.map((k) => `| ${k} | ${runs.map((r) => cell(r, withBefore, (s) => kindCell(s, k, true))).join(' | ')} |`),
    '',
    'Benign kinds: entities flagged by any detection / entities that took part in no attack.',
    '',
    `| kind | ${cols.join(' | ')} |`,
    `| --- | ${cols.map(() => '---').join(' | ')} |`,
    ...benignKinds.map((k) => `| ${k} | ${runs.map((r) => cell(r, withBefore, (s) => kindCell(s, k, false))).join(' | ')} |`),
  ]
}

const loadBefore = loadavg()[0] ?? 0
const runs = SEEDS.flatMap(measure)
const loadAfter = loadavg()[0] ?? 0
if (values['record-first']) writeFileSync(FIRST_RUN, `${JSON.stringify({ date: new Date().toISOString(), hours: HOURS, runs: runs.map((r) => ({ ...r, before: null })) })}\n`)
const first = existsSync(FIRST_RUN) ? (JSON.parse(readFileSync(FIRST_RUN, 'utf8')) as { date: string; hours: number; runs: Run[] }) : null

writeResultsSection(
  'detect-accounts-independent',
  [
    '## Account and device detectors on an independent corpus (`bench/detect/eval-accounts-independent.ts`)',
    '',
    `${machineLine()} Load average (1 min) ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end.`,
    `Corpus: \`bench/detect/corpora/generate-accounts.ts\` (written without reading Vigil's simulator or the detectors, committed before the detectors first ran on it; README-accounts.md beside it), seeds ${SEEDS.join(', ')}, ${HOURS} h each: ${runs.filter((r) => r.half === 'dev').map((r) => `seed ${r.seed} ${r.lines.toLocaleString('en-US')} log lines and ${r.events.toLocaleString('en-US')} application events`).join(', ')}. Ingested with \`vigil ingest\`, detected with \`vigil detect --no-waf\`, scored with \`vigil eval\`'s scorer per entity (fraud rings over rings).`,
    `Command: \`npx tsx bench/detect/eval-accounts-independent.ts --seeds ${SEEDS.join(',')} --hours ${HOURS}${BASELINE_CLI === undefined ? '' : ' --baseline-cli PATH'}\`${BASELINE_CLI === undefined ? '' : ' (cells read baseline → this tree, over the same stores)'}.`,
    'Populations are split by a hash of seed and id: `dev` (~70 %), studied for fixes, and `holdout` (~30 %), whose misses are never looked at one by one. An entity is scored in a half when every attack it took part in (or, for a benign entity, every population it appeared in) is in that half.',
    '',
    ...tables(runs, BASELINE_CLI !== undefined),
    ...(first === null ? [] : ['', `### First run: the session-start detectors, ${first.date}, ${first.hours} h, kept as measured`, '', ...tables(first.runs, false)]),
    ...(values.note === undefined ? [] : ['', values.note]),
  ].join('\n'),
)
process.stdout.write(`${JSON.stringify(runs.map((r) => ({ seed: r.seed, half: r.half, classes: r.after.classes, benign: `${r.after.benignFlagged}/${r.after.benignEntities}` })))}\n`)
