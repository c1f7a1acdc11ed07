/**
 * The WAF as a stream detector, so `vigil detect` and ingest find injection payloads in
 * stored traffic with the same rules and verdicts as the inline guard and `vigil waf
 * scan` (it is their `WafScan`, fed one event at a time). Opt-in by the caller because
 * inspecting every request costs far more than the behavioural detectors.
 * @module
 */
import type { WafEngine } from '../waf/engine.ts'
import { WAF_SCAN_DETECTORS, WafScan } from '../waf/scan.ts'
import type { StreamDetector } from './detector.ts'

export const WAF_DETECTOR_ID = 'waf'

export function createWafDetector(engine: WafEngine): StreamDetector {
  const scan = new WafScan(engine)
  return {
    id: WAF_DETECTOR_ID,
    reports: WAF_SCAN_DETECTORS,
    onHttp(event, sink) {
      for (const d of scan.add(event)) sink.report(d)
    },
  }
}
