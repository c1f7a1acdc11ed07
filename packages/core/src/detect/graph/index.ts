/**
 * The entity graph, fraud rings and per-entity risk.
 * @module
 */
export { buildEntityGraph, EntityGraph, FRAUD_RING_ID, NODE_KINDS } from './entity-graph.ts'
export type { FreshRule, NodeKind, Ring } from './entity-graph.ts'
export { assessRisk } from './risk.ts'
export type { EntityRisk, RiskReason } from './risk.ts'
