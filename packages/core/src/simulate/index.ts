/**
 * The labelled shop-traffic simulator (docs/simulator.md).
 * @module
 */
export { resolveSimConfig, knobsOf, mergeConfigData, simConfigSchema, POPULATION_KINDS } from './config.ts'
export type { SimConfig, PopulationSpec, PopulationKind } from './config.ts'
export { ShopSimulation, SIM_LIMITS, defaultStart } from './simulate.ts'
export type { SimulateOptions, SimLine } from './simulate.ts'
export { LABELLED_ENTITY_TYPES } from './labels.ts'
export type { SimLabels, PopulationLabel, LabelledEntityType } from './labels.ts'
export { Rng, rngFor } from './prng.ts'
export { perIpLabels, plainAccessLine } from './plain-log.ts'
export { COUNTRIES, NETS_BY_COUNTRY, ipIn } from './net.ts'
export type { Country, CountryNets, NetRange } from './net.ts'
