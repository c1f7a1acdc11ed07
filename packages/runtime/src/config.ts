/**
 * Loading `vigil.config.yaml`: from `--config`, else the working directory, else the
 * defaults. Validated with the core's schema; every error names the key and the line.
 * @module
 */
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { LineCounter, isMap, isScalar, parseDocument } from 'yaml'
import type { Document } from 'yaml'
import { ZodError } from 'zod'
import { resolveConfig } from '@vigil/core/config'
import type { ResolvedConfig } from '@vigil/core/config'
import { VigilError } from '@vigil/core/errors'

export const CONFIG_FILE_NAME = 'vigil.config.yaml'
/** A config file is a few KB; refuse to parse something absurd. */
const MAX_CONFIG_BYTES = 1024 * 1024

export interface LoadedConfig {
  config: ResolvedConfig
  /** The file read, or null when the defaults were used. */
  path: string | null
}

type PathKey = string | number

/** Offset of the YAML node at `path`, or of the key it would sit under, for an error's line. */
function offsetOf(doc: Document, path: readonly PathKey[], badKey?: string): number | null {
  let node: unknown = doc.contents
  let offset: number | null = null
  const keys = badKey === undefined ? path : [...path, badKey]
  for (const k of keys) {
    if (!isMap(node)) break
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(k))
    if (!pair) break
    offset = isScalar(pair.key) ? (pair.key.range?.[0] ?? offset) : offset
    node = pair.value
  }
  if (offset === null && doc.contents && 'range' in doc.contents) offset = doc.contents.range?.[0] ?? null
  return offset
}

function describeIssues(e: ZodError, doc: Document, lines: LineCounter, file: string): string {
  return e.issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path.filter((k): k is PathKey => typeof k !== 'symbol')
      const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : []
      const key = unknownKeys.length > 0 ? [...path, unknownKeys[0]!].join('.') : path.join('.') || '(top level)'
      const offset = offsetOf(doc, path, unknownKeys[0])
      const line = offset === null ? '' : `:${lines.linePos(offset).line}`
      return `${file}${line}: ${key}: ${issue.message}`
    })
    .join('; ')
}

/**
 * @throws VigilError VIGIL_ERR_CONFIG_NOT_FOUND when `path` is given and missing,
 *   VIGIL_ERR_CONFIG_INVALID when the file is not YAML or does not match the schema.
 * @example const { config } = loadConfig(opts.config)
 */
export function loadConfig(path?: string, cwd: string = process.cwd()): LoadedConfig {
  const file = path === undefined ? resolve(cwd, CONFIG_FILE_NAME) : resolve(cwd, path)
  if (!existsSync(file)) {
    if (path !== undefined) {
      throw new VigilError('VIGIL_ERR_CONFIG_NOT_FOUND', `The config file ${file} does not exist; check the --config path.`, {
        exitCode: 2,
      })
    }
    return { config: resolveConfig({}), path: null }
  }
  const text = readFileSync(file, 'utf8')
  if (text.length > MAX_CONFIG_BYTES) {
    throw new VigilError('VIGIL_ERR_CONFIG_INVALID', `${file}: larger than ${MAX_CONFIG_BYTES} bytes; is this the right file?`, {
      exitCode: 2,
    })
  }
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!
    const line = err.linePos?.[0]?.line ?? lines.linePos(err.pos[0]).line
    throw new VigilError('VIGIL_ERR_CONFIG_INVALID', `${file}:${line}: not valid YAML: ${err.message.split('\n')[0]}`, {
      exitCode: 2,
    })
  }
  try {
    return { config: resolveConfig(doc.toJS({ maxAliasCount: 100 }) ?? {}), path: file }
  } catch (e) {
    if (e instanceof ZodError) {
      throw new VigilError('VIGIL_ERR_CONFIG_INVALID', `Invalid config: ${describeIssues(e, doc, lines, file)}`, {
        cause: e,
        exitCode: 2,
      })
    }
    throw e
  }
}
