/**
 * The explicit detector registry: one line per detector family, no discovery. Each call
 * builds fresh instances (detectors hold per-run state), leaves out the ids named in
 * `detect.disabled`, and rejects duplicate ids.
 * @module
 */
import { VigilError } from '../errors/vigil-error.ts'
import { buildAccountDetectors } from './accounts/index.ts'
import { createCohortSurgeDetector } from './bots/cohort-surge.ts'
import { createDeviceSpreadDetector } from './bots/device-spread.ts'
import { createDosDetector } from './bots/dos.ts'
import { createFakeCrawlerDetector } from './bots/fake-crawler.ts'
import { createHandoffDetector } from './bots/handoff.ts'
import { createHeadlessDetector } from './bots/headless.ts'
import { createListingReferrerDetector } from './bots/listing-referrer.ts'
import { createListingWalkDetector } from './bots/listing-walk.ts'
import { createOrphanReferrerDetector } from './bots/orphan-referrer.ts'
import { createPollingDetector } from './bots/polling.ts'
import { createPopularityBlindDetector } from './bots/popularity-blind.ts'
import { createProductSweepDetector } from './bots/product-sweep.ts'
import { createProxyRotationDetector } from './bots/proxy-rotation.ts'
import { createScannerDetector } from './bots/scanner.ts'
import { createScrapingDetector } from './bots/scraping.ts'
import { createSearchStreamDetector } from './bots/search-stream.ts'
import { createSessionHopDetector } from './bots/session-hop.ts'
import { createTlsLieDetector } from './bots/tls-lie.ts'
import { createUnknownLinksDetector } from './bots/unknown-links.ts'
import { createUnsharedHopsDetector } from './bots/unshared-hops.ts'
import { defaultDetectConfig, type DetectConfig } from './config.ts'
import type { StreamDetector } from './detector.ts'
import { createBotContext } from './signals/bot-context.ts'
import { createSessionSpreads } from './signals/session-spread.ts'
import { createClientState } from './signals/sessions.ts'

/** Builds the detectors of one family from the `detect` config section. */
export type DetectorFactory = (config: DetectConfig) => StreamDetector[]

/** The bot and scraping family: what the guard runs inline. */
export const BOT_DETECTORS: DetectorFactory = (c) => {
  // One user-agent finding per event, and one record per client key that the per-client visit tables
  // (headless, cohort_surge, tls_lie, orphan_referrer, polling, the sessions and session spreads) live in.
  const shared = createBotContext(c)
  // bot.scraping and bot.scanner follow the same clients over the same events: one table of windows and one of sessions for both.
  const clients = createClientState(c, shared.records)
  // bot.proxy_rotation and bot.session_hop read the same fact: where each session cookie has been.
  const spreads = createSessionSpreads(c, shared.records)
  return [
    createScrapingDetector(c, clients, shared),
    createScannerDetector(c, clients),
    createFakeCrawlerDetector(c),
    createProxyRotationDetector(c, spreads, shared),
    createHeadlessDetector(c, shared),
    createDosDetector(c, shared),
    createListingWalkDetector(c),
    createProductSweepDetector(c),
    createDeviceSpreadDetector(c),
    createCohortSurgeDetector(c, shared),
    createSessionHopDetector(c, spreads),
    createTlsLieDetector(c, shared),
    createOrphanReferrerDetector(c, shared),
    createPollingDetector(c, shared),
    createPopularityBlindDetector(c, shared),
    createHandoffDetector(c),
    createSearchStreamDetector(c, shared),
    createListingReferrerDetector(c, shared),
    createUnsharedHopsDetector(c, shared),
    createUnknownLinksDetector(c, shared),
  ]
}

export const DETECTOR_FACTORIES: readonly DetectorFactory[] = Object.freeze([BOT_DETECTORS, (c: DetectConfig) => buildAccountDetectors(c.accounts)])

export function buildDetectors(
  config: DetectConfig = defaultDetectConfig(),
  factories: readonly DetectorFactory[] = DETECTOR_FACTORIES,
): StreamDetector[] {
  const disabled = new Set(config.disabled)
  const seen = new Set<string>()
  const out: StreamDetector[] = []
  for (const factory of factories) {
    for (const detector of factory(config)) {
      if (seen.has(detector.id)) {
        throw new VigilError('VIGIL_ERR_CONFIG_INVALID', `two detectors share the id ${detector.id}; detector ids must be unique`)
      }
      seen.add(detector.id)
      if (!disabled.has(detector.id)) out.push(detector)
    }
  }
  return out
}
