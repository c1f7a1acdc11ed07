/**
 * The account and device detectors, built from the `detect.accounts` config section.
 * The credential-stuffing and takeover detectors share the set of flagged stuffing
 * sources; the list order is the order they see each event, so stuffing comes first.
 * @module
 */
import type { StreamDetector } from '../detector.ts'
import { buildEntityGraph } from '../graph/entity-graph.ts'
import { buildAccountTakeover } from './account-takeover.ts'
import { buildBola } from './bola.ts'
import { buildCarding } from './carding.ts'
import { resolveAccountsConfig } from './config.ts'
import type { AccountsConfig, AccountsUserConfig } from './config.ts'
import { buildCredentialStuffing } from './credential-stuffing.ts'
import { buildFakeAccounts } from './fake-accounts.ts'
import { buildScalping } from './scalping.ts'
import { SessionPaths } from './session-paths.ts'
import { buildSmsPumping } from './sms-pumping.ts'
import { StuffingSources } from './stuffing-sources.ts'
import { buildTokenCracking } from './token-cracking.ts'

export { accountsConfigSchema, resolveAccountsConfig } from './config.ts'
export type { AccountsConfig, AccountsUserConfig } from './config.ts'
export { isDisposableEmail } from './disposable-email.ts'

/** Fresh detector instances (each run needs its own state) for the enabled detectors. */
export function buildAccountDetectors(input?: AccountsConfig | AccountsUserConfig): StreamDetector[] {
  const config = resolveAccountsConfig(input)
  const sources = new StuffingSources(config.maxKeys, config.accountTakeover.chainWindowMs)
  // Credential stuffing, takeovers and SMS pumping ask whether a session requested one path only.
  const sessionPaths = new SessionPaths(config.maxKeys)
  const out: StreamDetector[] = []
  if (config.credentialStuffing.enabled) out.push(buildCredentialStuffing(config, sources, sessionPaths))
  if (config.accountTakeover.enabled) out.push(buildAccountTakeover(config, sources, sessionPaths))
  if (config.fakeAccounts.enabled) out.push(buildFakeAccounts(config))
  if (config.carding.enabled) out.push(buildCarding(config))
  if (config.tokenCracking.enabled) out.push(buildTokenCracking(config))
  if (config.smsPumping.enabled) out.push(buildSmsPumping(config, sessionPaths))
  if (config.scalping.enabled) out.push(buildScalping(config))
  if (config.bola.enabled) out.push(buildBola(config))
  if (config.graph.enabled) out.push(buildEntityGraph(config))
  return out
}
