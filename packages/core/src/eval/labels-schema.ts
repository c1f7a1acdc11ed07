/**
 * Reading a labels.json: it may come from a user or another tool, so it is parsed without
 * prototype keys and validated before scoring.
 * @module
 */
import sjson from 'secure-json-parse'
import { z } from 'zod'
import { VigilError } from '../errors/vigil-error.ts'
import { POPULATION_KINDS } from '../simulate/config.ts'
import type { SimLabels } from '../simulate/labels.ts'

const entityMap = z.record(z.string(), z.array(z.string()))

const labelsSchema = z.object({
  version: z.literal(1),
  seed: z.number(),
  hours: z.number(),
  scale: z.number(),
  stealth: z.boolean(),
  start: z.string(),
  end: z.string(),
  files: z.object({ access_log: z.string(), events: z.string() }),
  populations: z.record(
    z.string(),
    z.object({
      kind: z.enum(POPULATION_KINDS),
      class: z.string().nullable(),
      accepts: z.array(z.string()),
      lookalike: z.boolean(),
      description: z.string(),
      start: z.string().nullable(),
      end: z.string().nullable(),
      requests: z.number().int().min(0),
      events: z.number().int().min(0),
    }),
  ),
  entities: z.object({ ip: entityMap, session: entityMap, account: entityMap, device: entityMap, card: entityMap }),
  requests: z.record(z.string(), z.array(z.tuple([z.number().int(), z.number().int()]))),
  /** Absent from label files written before fraud rings were simulated. */
  rings: z.record(z.string(), z.object({ population: z.string(), members: z.array(z.string()) })).default({}),
})

/** Parses labels.json text; a file that is not one is a config error naming what is wrong. */
export function parseLabels(text: string, name: string): SimLabels {
  let data: unknown
  try {
    data = sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' })
  } catch (cause) {
    throw new VigilError('VIGIL_ERR_DATA_INVALID', `${name} is not valid JSON`, { cause })
  }
  const parsed = labelsSchema.safeParse(data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new VigilError('VIGIL_ERR_DATA_INVALID', `${name} is not a vigil labels file: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`)
  }
  return parsed.data
}
