export { defaultScenarioFile, loadSimConfig, writeSimulation } from './write-simulation.ts'
export type { SimulationProgress, SimulationSummary } from './write-simulation.ts'
export { readLabelsFile, MAX_LABELS_BYTES } from './read-labels.ts'
