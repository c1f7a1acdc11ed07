import type { WafCategory, WafLevel } from '../types.ts'

/** What a detector reports for one value; the engine adds the target and bounds the excerpt. */
export interface Finding {
  rule: string
  category: WafCategory
  /** Lowest level at which the finding counts. */
  level: WafLevel
  score: number
  /** The decoded evidence. */
  excerpt: string
  explanation: string
}

/** Where a value came from, so detectors can weigh syntax that only matters in some places. */
export type TargetKind =
  | 'path'
  | 'arg'
  | 'arg-name'
  /** A urlencoded form field: may be a free-text box, where line breaks are normal. */
  | 'form'
  | 'header'
  | 'structured-header'
  | 'cookie'
  | 'json'
  | 'json-key'
  | 'multipart'
  | 'multipart-name'
  | 'filename'
  | 'xml'
  | 'xml-text'
  | 'body'

export interface DetectorInput {
  /** Fully decoded value. */
  value: string
  /** The same value lower-cased, computed once per value for all detectors. */
  lower: string
  kind: TargetKind
  level: WafLevel
  /** For a header, its lower-case name (findings may depend on it, as the finding cache allows). */
  header?: string | null
}

export type Detector = (input: DetectorInput, out: Finding[]) => void

/** The excerpt around a position, bounded, with the match centred where possible. */
export function excerptAt(value: string, start: number, end: number, max = 120): string {
  if (end - start >= max) return value.slice(start, start + max)
  const pad = Math.floor((max - (end - start)) / 2)
  const from = Math.max(0, start - Math.min(pad, 20))
  return value.slice(from, Math.min(value.length, from + max))
}
