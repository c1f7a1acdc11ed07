/**
 * Scoring detections against the simulator's ground truth (`vigil eval`).
 * @module
 */
export { scoreDetections, prf } from './score.ts'
export type { EvalReport, Prf, ClassScore, ScenarioScore } from './score.ts'
export { parseLabels } from './labels-schema.ts'
