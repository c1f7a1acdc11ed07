/**
 * The WAF's request, match and verdict records (DESIGN.md §3 "WAF verdicts").
 * @module
 */

export const WAF_CATEGORIES = [
  'sqli',
  'xss',
  'rce',
  'path_traversal',
  'rfi',
  'ssrf',
  'xxe',
  'ssti',
  'nosqli',
  'ldapi',
  'xpathi',
  'crlf',
  'jndi',
  'ssi',
  'mail_injection',
  'protocol',
  'scanner',
  'prototype_pollution',
  'open_redirect',
  'auth_bypass',
] as const
export type WafCategory = (typeof WAF_CATEGORIES)[number]

export const WAF_LEVELS = [1, 2, 3, 4] as const
export type WafLevel = (typeof WAF_LEVELS)[number]
/** The level we benchmark and ship: level 1 only fires on near-certain syntax, 3–4 trade false positives for recall. */
export const DEFAULT_WAF_LEVEL: WafLevel = 2

/** A request as the engine sees it: the `vigil waf check` input line, or what an adapter hands in. */
export interface WafRequest {
  method: string
  /** Origin form (`/path?query`) or absolute form. */
  uri: string
  /** Lower- or mixed-case names; arrays for repeated headers. */
  headers?: Record<string, string | string[] | undefined>
  body?: string
  body_encoding?: 'utf8' | 'base64'
  /**
   * A body the framework already parsed (e.g. from JSON), used when `body` is absent.
   * JSON-shaped data is walked as is, with the same findings as its JSON text; anything
   * else is inspected as its JSON text.
   */
  parsedBody?: unknown
  /** Client address, for allow/deny lists; the engine itself ignores it. */
  ip?: string
}

export interface WafMatch {
  /** Stable dotted slug, e.g. `waf.sqli.tautology`. */
  rule: string
  category: WafCategory
  /** Where it was found: `path`, `args:id`, `args-name:id`, `body:json:user.name`, `header:user-agent`, `cookie:sid`, `cookie-name:sid`, `body`. */
  target: string
  /** The decoded evidence, bounded; data, never executed. */
  excerpt: string
  /** One sentence a person understands. */
  explanation: string
  score: number
}

export interface WafVerdict {
  action: 'block' | 'allow'
  score: number
  matches: WafMatch[]
  /** Set when a size limit cut the inspection short, so callers know what was not looked at. */
  truncated: string[]
}
