export { defaultScenarioFile, loadSimConfig, writeSimulation } from './write-simulation.ts'
export type { SimulationProgress, SimulationSummary } from './write-simulation.ts'
