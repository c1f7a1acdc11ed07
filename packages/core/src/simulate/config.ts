/**
 * The simulator's knobs, as data: scenarios.yaml holds the defaults, a user file given with
 * `--config` overrides any of them (merged key by key). Validated once, then frozen.
 * @module
 */
import { parseDocument } from 'yaml'
import { z } from 'zod'
import { VigilError } from '../errors/vigil-error.ts'
import { CATALOG_URL_STYLES } from './catalog.ts'

export const POPULATION_KINDS = ['benign', 'good_bot', 'attack'] as const
export type PopulationKind = (typeof POPULATION_KINDS)[number]

const knobsSchema = z.record(z.string().min(1), z.number().finite())

const populationSchema = z
  .object({
    /** Which generator drives this population (several scenarios can share one). */
    generator: z.string().min(1),
    kind: z.enum(POPULATION_KINDS),
    description: z.string().min(1),
    /** OAT id or category the population is labelled with; attacks only. */
    class: z.string().min(1).optional(),
    /** Detection threats/categories that count as finding this population (see docs/simulator.md). */
    accepts: z.array(z.string().min(1)).default([]),
    /** Benign traffic built to look odd, so naive thresholds pay for false positives. */
    lookalike: z.boolean().default(false),
    /** Active part of the run, as fractions of its length. */
    window: z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]).default([0, 1]),
    enabled: z.boolean().default(true),
    knobs: knobsSchema.default({}),
    /** Knob values that replace `knobs` under `--stealth`: slower, wider, quieter. */
    stealth: knobsSchema.default({}),
  })
  .strict()
  .refine((p) => p.window[0] < p.window[1], { message: 'window must start before it ends' })
  .refine((p) => p.kind !== 'attack' || p.class !== undefined, { message: 'an attack needs a class' })

export const simConfigSchema = z
  .object({
    shop: z
      .object({
        host: z.string().min(1),
        products: z.number().int().min(10).max(1_000_000),
        first_product_id: z.number().int().min(1),
        customers: z.number().int().min(10).max(1_000_000),
        ipv6_share: z.number().min(0).max(1),
        mobile_share: z.number().min(0).max(1),
        /** Hour of day (UTC) when traffic peaks; the daily cycle follows it. */
        peak_hour_utc: z.number().min(0).max(23),
        /** How the catalogue is addressed, for every population: `/p/10001` or `?product_id=10001` (catalog.ts). */
        catalog_urls: z.enum(CATALOG_URL_STYLES).default('path'),
      })
      .strict(),
    populations: z.record(z.string().regex(/^[a-z0-9-]{1,40}$/), populationSchema),
  })
  .strict()

export type SimConfig = Readonly<z.output<typeof simConfigSchema>>
export type PopulationSpec = z.output<typeof populationSchema>

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Deep merge of YAML data: objects merge key by key, anything else replaces. */
export function mergeConfigData(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override === undefined ? base : override
  const out: Record<string, unknown> = { ...base }
  for (const [k, v] of Object.entries(override)) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue
    out[k] = mergeConfigData(base[k], v)
  }
  return out
}

function parseYaml(text: string, name: string): unknown {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true })
  if (doc.errors.length > 0) {
    throw new VigilError('VIGIL_ERR_CONFIG_INVALID', `${name}: ${doc.errors[0]?.message ?? 'invalid YAML'}`)
  }
  return doc.toJS({ maxAliasCount: 100 })
}

/**
 * Parses the default scenario file and an optional override file into a validated,
 * frozen config. Errors name the file and the key path.
 */
export function resolveSimConfig(defaultsYaml: string, overrideYaml?: { name: string; text: string }): SimConfig {
  const defaults = validate(parseYaml(defaultsYaml, 'scenarios.yaml'))
  if (overrideYaml === undefined) return Object.freeze(defaults)
  const merged = validate(mergeConfigData(parseYaml(defaultsYaml, 'scenarios.yaml'), parseYaml(overrideYaml.text, overrideYaml.name)))
  checkKnobNames(merged, defaults, overrideYaml.name)
  return Object.freeze(merged)
}

function validate(data: unknown): z.output<typeof simConfigSchema> {
  const parsed = simConfigSchema.safeParse(data)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const where = issue?.path.join('.') ?? ''
  throw new VigilError('VIGIL_ERR_CONFIG_INVALID', `simulator config: ${where === '' ? '' : `${where}: `}${issue?.message ?? 'invalid'}`)
}

/** A misspelt knob would be ignored silently; the defaults say which knobs each generator reads. */
function checkKnobNames(config: z.output<typeof simConfigSchema>, defaults: z.output<typeof simConfigSchema>, file: string): void {
  const known = new Map<string, Set<string>>()
  for (const p of Object.values(defaults.populations)) {
    const set = known.get(p.generator) ?? new Set<string>()
    for (const k of Object.keys(p.knobs)) set.add(k)
    known.set(p.generator, set)
  }
  for (const [id, p] of Object.entries(config.populations)) {
    const names = known.get(p.generator)
    if (names === undefined) continue
    for (const [section, knobs] of [['knobs', p.knobs], ['stealth', p.stealth]] as const) {
      for (const k of Object.keys(knobs)) {
        if (!names.has(k)) {
          throw new VigilError(
            'VIGIL_ERR_CONFIG_INVALID',
            `${file}: populations.${id}.${section}.${k} is not a knob of generator ${p.generator} (known: ${[...names].sort().join(', ')})`,
          )
        }
      }
    }
  }
}

/** The knob values in force for a population, with its stealth values on top when asked. */
export function knobsOf(spec: PopulationSpec, stealth: boolean): Readonly<Record<string, number>> {
  return Object.freeze(stealth ? { ...spec.knobs, ...spec.stealth } : { ...spec.knobs })
}
