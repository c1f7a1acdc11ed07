/**
 * Enrichment logic over data handed in by the runtime: IP → AS and country, IP range
 * flags, user-agent classification, trusted-proxy client addresses.
 * @module
 */
export { AsnTableBuilder, lookupAsn } from './asn-table.ts'
export type { AsnMatch, AsnTable } from './asn-table.ts'
export { BoundedCache } from './bounded-cache.ts'
export { buildTrustedProxies, clientFromHeader, isTrustedProxy, resolveClientIp } from './client-ip.ts'
export type { TrustedProxies } from './client-ip.ts'
export { createEnricher } from './enricher.ts'
export type { CountryLookup, Enricher, EnricherOptions, EnrichmentData, IpInfo } from './enricher.ts'
export { formatIpv4, parseCidr, parseIp, parseIpv4, parseIpv6Groups } from './ip-address.ts'
export type { ParsedIp, ParsedRange } from './ip-address.ts'
export { buildIpRangeIndex, matchIpRanges, NO_RANGE_MATCH } from './ip-range-index.ts'
export type { IpRangeIndex, IpRangeList, RangeMatch } from './ip-range-index.ts'
export { classifyUserAgent } from './user-agent.ts'
export type { StaleVersion, UaInfo } from './user-agent.ts'
export { compileUaRules, parseUaRules, readUaRulesDocument, TOKEN_NAME, UA_BOT_KINDS } from './user-agent-rules.ts'
export type { BrowserVersionBounds, UaBotKind, UaRule, UaRules } from './user-agent-rules.ts'
