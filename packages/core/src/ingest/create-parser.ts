/**
 * The registry of parsers by `--format` name. An explicit list, no discovery: the names
 * are a CLI contract (DESIGN.md §5).
 * @module
 */
import { VigilError } from '../errors/vigil-error.ts'
import type { ParserOptions, RecordParser } from './parser.ts'
import { createAlbParser } from './parsers/alb.ts'
import { createAppNdjsonParser } from './parsers/app-ndjson.ts'
import { createCaddyJsonParser } from './parsers/caddy-json.ts'
import { createCloudflareParser } from './parsers/cloudflare.ts'
import { createCombinedParser } from './parsers/combined.ts'
import { createEcsJsonParser } from './parsers/ecs-json.ts'
import { createEnvoyParser } from './parsers/envoy.ts'
import { createGcpHttpParser } from './parsers/gcp-http.ts'
import { createHarParser } from './parsers/har.ts'
import { createModsecJsonParser } from './parsers/modsec-json.ts'
import { cookiesNotSession, createNginxFormatParser } from './parsers/nginx-format.ts'

const FACTORIES = {
  combined: (o: ParserOptions) => createCombinedParser('combined', o),
  common: (o: ParserOptions) => createCombinedParser('common', o),
  'ecs-json': createEcsJsonParser,
  cloudflare: createCloudflareParser,
  alb: createAlbParser,
  envoy: createEnvoyParser,
  har: createHarParser,
  'app-ndjson': createAppNdjsonParser,
  'modsec-json': createModsecJsonParser,
  'caddy-json': createCaddyJsonParser,
  'gcp-http': createGcpHttpParser,
} as const satisfies Record<string, (o: ParserOptions) => RecordParser>

export type FormatName = keyof typeof FACTORIES

/** Every fixed format name; `nginx:<log_format string>` is accepted besides these. */
export const FORMAT_NAMES: readonly FormatName[] = Object.freeze(Object.keys(FACTORIES) as FormatName[])

export const NGINX_FORMAT_PREFIX = 'nginx:'

/**
 * @throws VigilError VIGIL_ERR_INGEST_FORMAT_INVALID for an unknown name or a bad log_format string.
 * @example createParser('combined', { file: 'access.log', ...DEFAULT_PARSER_OPTIONS })
 * @example createParser('nginx:$remote_addr [$time_local] "$request" $status', options)
 */
export function createParser(format: string, options: ParserOptions): RecordParser {
  if (format.startsWith(NGINX_FORMAT_PREFIX)) return createNginxFormatParser(format.slice(NGINX_FORMAT_PREFIX.length), options)
  if (Object.hasOwn(FACTORIES, format)) return FACTORIES[format as FormatName](options)
  throw new VigilError(
    'VIGIL_ERR_INGEST_FORMAT_INVALID',
    `unknown format '${format.slice(0, 64)}'; valid formats: ${FORMAT_NAMES.join(', ')}, or nginx:<log_format string>`,
  )
}

/**
 * For `nginx:<log_format>`: its `$cookie_<name>` names when none is a configured session
 * cookie (see cookiesNotSession); empty for every other format.
 */
export function formatCookiesNotSession(format: string, sessionCookies: readonly string[]): string[] {
  return format.startsWith(NGINX_FORMAT_PREFIX) ? cookiesNotSession(format.slice(NGINX_FORMAT_PREFIX.length), sessionCookies) : []
}
