/**
 * @vigil/core/waf — the WAF engine alone, for the guard and anything else that must not
 * load the rest of the core.
 * @module
 */
export * from './types.ts'
export * from './config.ts'
export { DEFAULT_WAF_LIMITS, type WafLimits } from './limits.ts'
export { createWafEngine, type WafEngine, type WafEngineOptions } from './engine.ts'
export { decodeValue, percentDecode, htmlEntityDecode, jsUnescape, decodeBase64Text } from './normalize/decode.ts'
export { normalizePath } from './normalize/path.ts'
export { parseWafRequestLine, verdictToJson, type WafCheckLine } from './ndjson.ts'
export { WafScan, WAF_SCAN_DETECTORS, httpEventToWafRequest } from './scan.ts'
export { compileIpList, type IpList } from './ip-list.ts'
export { bodyText } from './targets/extract.ts'
