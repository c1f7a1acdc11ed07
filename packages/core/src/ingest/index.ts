/**
 * The public surface of ingest: parsers by name, format detection, and the URL and
 * time normalization every parser uses.
 * @module
 */
export { createParser, FORMAT_NAMES, formatCookiesNotSession, NGINX_FORMAT_PREFIX } from './create-parser.ts'
export type { FormatName } from './create-parser.ts'
export { detectFormat } from './detect-format.ts'
export { splitUrl, STATIC_EXTENSIONS } from './url.ts'
export type { UrlParts } from './url.ts'
export { parseTimestamp, parseIsoTime, parseClfTime, parseEpochTime, parseAsctime } from './time.ts'
export { DEFAULT_PARSER_OPTIONS } from './parser.ts'
export { DEFAULT_INGEST_BATCH_SIZE } from './config.ts'
export type { Emit, ParseResult, ParserOptions, RecordParser } from './parser.ts'
export { IngestPipeline } from './pipeline.ts'
export type { EventEnricher, IngestDetectionHooks, PipelineCounts, PipelineOptions, ReadyBatch } from './pipeline.ts'
export { collectResults } from './parsers/collect-results.ts'
export { sessionFromCookies } from './parsers/http-fields.ts'
export { COOKIE_PLACEHOLDER, isJa4 } from './unnamed-fields.ts'
export type { FieldShape, UnnamedField, UnnamedFieldsReport } from './unnamed-fields.ts'
