/**
 * What a population generator receives, and the arrival processes they share.
 * @module
 */
import { VigilError } from '../../errors/vigil-error.ts'
import type { PopulationSpec } from '../config.ts'
import type { Actor } from '../emission.ts'
import { type Rng, rngFor } from '../prng.ts'
import { type ClientIdentity, Visit } from '../visit.ts'
import type { World } from '../world.ts'

export interface PopulationContext {
  id: string
  spec: PopulationSpec
  world: World
  /** Multiplies arrival rates and pool sizes of the shop's own traffic. */
  scale: number
  /** The population's active window, epoch ms. */
  start: number
  end: number
  knobs: Readonly<Record<string, number>>
}

export type PopulationGenerator = (ctx: PopulationContext) => Actor

/** A knob value; a missing knob is a config error naming the population and the key. */
export function knob(ctx: PopulationContext, name: string): number {
  const v = ctx.knobs[name]
  if (v === undefined) {
    throw new VigilError('VIGIL_ERR_CONFIG_INVALID', `simulator config: populations.${ctx.id}.knobs.${name} is required`)
  }
  return v
}

export function rngOf(ctx: PopulationContext, name: string): Rng {
  return rngFor(ctx.world.seed, `${ctx.id}/${name}`)
}

/** Relative traffic level at a time of day: low at night, a peak in the evening. */
export function dailyLevel(ts: number, peakHourUtc: number): number {
  const hour = (ts / 3_600_000) % 24
  const phase = ((hour - peakHourUtc) / 24) * 2 * Math.PI
  return 0.55 + 0.45 * Math.cos(phase)
}

/**
 * Spawns actors by a Poisson process of `perHour` arrivals in the window, thinned by the
 * daily cycle when asked. Each actor gets its own index so it can seed its own stream.
 */
export function* spawnPoisson(
  ctx: PopulationContext,
  perHour: number,
  makeActor: (ts: number, index: number) => Actor,
  options: { daily?: boolean } = {},
): Actor {
  if (perHour <= 0) return
  const rng = rngOf(ctx, 'arrivals')
  const meanGap = 3_600_000 / perHour
  let ts = ctx.start
  let index = 0
  for (;;) {
    ts += rng.exp(meanGap)
    if (ts >= ctx.end) return
    if (options.daily === true && !rng.chance(dailyLevel(ts, ctx.world.shop.peakHourUtc))) continue
    const at = Math.round(ts)
    yield { kind: 'spawn', ts: at, actor: makeActor(at, index++) }
  }
}

/** Spawns `count` actors at jittered, evenly spread times over the window. */
export function* spawnSpread(
  ctx: PopulationContext,
  count: number,
  makeActor: (ts: number, index: number) => Actor,
): Actor {
  const rng = rngOf(ctx, 'spread')
  const span = ctx.end - ctx.start
  const times: number[] = []
  for (let i = 0; i < count; i++) times.push(Math.round(ctx.start + ((i + rng.next()) / count) * span))
  for (let i = 0; i < times.length; i++) yield { kind: 'spawn', ts: times[i] ?? ctx.start, actor: makeActor(times[i] ?? ctx.start, i) }
}

/** Scales a count by the run's scale, keeping at least `min`. */
export function scaled(ctx: PopulationContext, value: number, min = 1): number {
  return Math.max(min, Math.round(value * ctx.scale))
}

/** A visit by this population's `client` to the shop. */
export function visitOf(ctx: PopulationContext, ts: number, rng: Rng, client: ClientIdentity, sid: string | null): Visit {
  return new Visit({ ts, pop: ctx.id, rng, client, sid, host: ctx.world.shop.host })
}
