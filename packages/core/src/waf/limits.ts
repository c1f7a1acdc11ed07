/** Every step of the engine is bounded by these; hitting one sets a truncation flag on the verdict. */
export interface WafLimits {
  /** Body bytes inspected; the rest is skipped and flagged. */
  maxBodyBytes: number
  /** Characters of one value (parameter, header, JSON leaf) inspected. */
  maxValueBytes: number
  maxHeaderBytes: number
  /** Query, form, cookie and multipart parameters. */
  maxParams: number
  maxJsonDepth: number
  /** Values handed to the detectors per request. */
  maxTargets: number
}

export const DEFAULT_WAF_LIMITS: Readonly<WafLimits> = Object.freeze({
  maxBodyBytes: 1 << 20,
  maxValueBytes: 256 * 1024,
  maxHeaderBytes: 16 * 1024,
  maxParams: 1000,
  maxJsonDepth: 64,
  maxTargets: 2000,
})

/** Cap on decoding rounds (double, triple encoding); each round is linear. */
export const MAX_DECODE_ROUNDS = 3
/** Excerpts in matches are this many characters at most. */
export const MAX_EXCERPT = 120
