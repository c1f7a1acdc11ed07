/**
 * Scoring detections against the simulator's ground truth (`vigil eval`).
 * @module
 */
export { scoreDetections, prf } from './score.ts'
export type { EvalReport, Prf, ClassScore, ScenarioScore } from './score.ts'
export { parseLabels } from './labels-schema.ts'
export { isRingDetection, scoreRings } from './score-rings.ts'
export type { RingMatch, RingScore } from './score-rings.ts'
