/**
 * `vigil simulate` in the pure core: builds the shop, starts every enabled population and
 * yields access-log and event lines in time order, then the labels. Deterministic for a
 * seed: no clock, no Math.random, every random draw comes from a stream named after its use.
 * @module
 */
import { VigilError } from '../errors/vigil-error.ts'
import { type SimConfig, knobsOf } from './config.ts'
import { formatAccessLine, formatAppEvent, nginxTime } from './format.ts'
import { LabelCollector, type PopulationLabel, type SimLabels } from './labels.ts'
import { GENERATORS } from './populations/index.ts'
import { Scheduler } from './scheduler.ts'
import { buildWorld } from './world.ts'

export const SIM_LIMITS = Object.freeze({ maxHours: 24 * 14, maxScale: 50 })

export interface SimulateOptions {
  seed: number
  hours: number
  scale: number
  /** Attack populations to run; all enabled ones when omitted. Benign traffic always runs. */
  scenarios?: readonly string[]
  /** Use each attack's `stealth` knob values. */
  stealth?: boolean
  /** Epoch ms; defaults to a fixed morning derived from the seed. */
  start?: number
}

export interface SimLine {
  file: 'access' | 'events'
  text: string
}

/** Monday 2 November 2026, 12:00 UTC (afternoon into the evening peak), moved by up to four weeks by the seed. */
export function defaultStart(seed: number): number {
  return Date.UTC(2026, 10, 2, 12) + (Math.abs(Math.trunc(seed)) % 28) * 86_400_000
}

/** The CLI's usage exit code: these options come from the command line. */
const USAGE_EXIT = 2

function usage(message: string): VigilError {
  return new VigilError('VIGIL_ERR_CLI_USAGE', message, { exitCode: USAGE_EXIT })
}

function checkOptions(config: SimConfig, o: SimulateOptions): void {
  if (!Number.isSafeInteger(o.seed)) throw usage(`--seed must be an integer, got ${o.seed}`)
  if (!(o.hours > 0 && o.hours <= SIM_LIMITS.maxHours)) throw usage(`--hours must be in (0, ${SIM_LIMITS.maxHours}], got ${o.hours}`)
  if (!(o.scale > 0 && o.scale <= SIM_LIMITS.maxScale)) throw usage(`--scale must be in (0, ${SIM_LIMITS.maxScale}], got ${o.scale}`)
  const attacks = Object.entries(config.populations).filter(([, p]) => p.kind === 'attack').map(([id]) => id)
  for (const s of o.scenarios ?? []) {
    if (!attacks.includes(s)) throw usage(`unknown scenario "${s}"; known: ${attacks.join(', ')}`)
  }
  for (const [id, p] of Object.entries(config.populations)) {
    if (GENERATORS[p.generator] === undefined) {
      throw new VigilError('VIGIL_ERR_CONFIG_INVALID', `simulator config: populations.${id}.generator: unknown generator "${p.generator}"`)
    }
  }
}

/**
 * A simulation run. Iterate `lines()` once, then read `labels()`. Memory holds the actors
 * active at the current simulated time and the entity labels, not the lines.
 */
export class ShopSimulation {
  readonly #config: SimConfig
  readonly #options: Required<Omit<SimulateOptions, 'scenarios'>> & { scenarios: readonly string[] | undefined }
  #labels: SimLabels | null = null

  constructor(config: SimConfig, options: SimulateOptions) {
    checkOptions(config, options)
    this.#config = config
    this.#options = {
      seed: options.seed,
      hours: options.hours,
      scale: options.scale,
      stealth: options.stealth ?? false,
      start: options.start ?? defaultStart(options.seed),
      scenarios: options.scenarios,
    }
  }

  /** Population ids that run with these options. */
  selected(): string[] {
    const only = this.#options.scenarios
    return Object.entries(this.#config.populations)
      .filter(([id, p]) => (p.kind === 'attack' && only !== undefined ? only.includes(id) : p.enabled))
      .map(([id]) => id)
  }

  *lines(): Generator<SimLine, void> {
    const { seed, hours, scale, stealth, start } = this.#options
    const end = start + Math.round(hours * 3_600_000)
    const shop = this.#config.shop
    const world = buildWorld(
      seed,
      { host: shop.host, ipv6Share: shop.ipv6_share, mobileShare: shop.mobile_share, peakHourUtc: shop.peak_hour_utc },
      { firstProductId: shop.first_product_id, products: shop.products, urls: shop.catalog_urls },
      Math.max(10, Math.round(shop.customers * Math.min(scale, 4))),
      Math.max(8, Math.round(60 * scale)),
    )
    const scheduler = new Scheduler()
    const populations: Record<string, PopulationLabel> = {}
    for (const id of this.selected()) {
      const spec = this.#config.populations[id]
      const generator = spec === undefined ? undefined : GENERATORS[spec.generator]
      if (spec === undefined || generator === undefined) continue
      populations[id] = {
        kind: spec.kind,
        class: spec.class ?? null,
        accepts: [...spec.accepts],
        lookalike: spec.lookalike,
        description: spec.description,
        start: null,
        end: null,
        requests: 0,
        events: 0,
      }
      const span = end - start
      scheduler.add(
        generator({
          id,
          spec,
          world,
          scale,
          start: start + Math.round(spec.window[0] * span),
          end: start + Math.round(spec.window[1] * span),
          knobs: knobsOf(spec, stealth && spec.kind === 'attack'),
        }),
      )
    }
    const labels = new LabelCollector({
      version: 1,
      seed,
      hours,
      scale,
      stealth,
      start: new Date(start).toISOString(),
      end: new Date(end).toISOString(),
      files: { access_log: 'access.log', events: 'events.ndjson' },
      populations,
    })
    let line = 0
    let second = -1
    let time = ''
    for (let e = scheduler.next(); e !== null; e = scheduler.next()) {
      if (e.ts >= end) continue
      if (e.kind === 'http') {
        const s = Math.floor(e.ts / 1000)
        if (s !== second) {
          second = s
          time = nginxTime(e.ts)
        }
        line++
        labels.observeHttp(e, line)
        yield { file: 'access', text: formatAccessLine(e, shop.host, time) }
      } else {
        labels.observeApp(e)
        yield { file: 'events', text: formatAppEvent(e) }
      }
    }
    this.#labels = labels.finish()
  }

  labels(): SimLabels {
    if (this.#labels === null) throw new Error('labels() is available after lines() has been consumed')
    return this.#labels
  }
}
