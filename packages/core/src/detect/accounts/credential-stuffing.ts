/**
 * Credential stuffing and password spraying (OAT-008). Fast runs show as many distinct
 * usernames failing from one IP, subnet, ASN, device or TLS fingerprint; slow runs spread
 * over many sources stay under those counts but still collapse the success rate of the
 * whole login endpoint, so a collapse opens a campaign (an `actor`) and the sources that
 * only fail for several accounts during it become its members.
 * @module
 */
import type { AppEvent } from '../../events/app-event.ts'
import type { EntityRef, EntityType } from '../../events/detection.ts'
import type { HttpEvent } from '../../events/http-event.ts'
import type { DetectionSink, StreamDetector } from '../detector.ts'
import { BoundedMap } from '../state/bounded-map.ts'
import { DistinctCounter } from '../state/distinct-counter.ts'
import { KeyedWindows } from './bounded-state.ts'
import type { AccountsConfig } from './config.ts'
import { DetectionBook, Members, fmtCount, fmtDuration, fmtPct, scoreOver } from './findings.ts'
import type { Finding } from './findings.ts'
import { accountOf, sourcesOf } from './keys.ts'
import { RareEventSurge } from './rare-event-surge.ts'
import type { Surge } from './rare-event-surge.ts'
import { SessionPaths } from './session-paths.ts'
import type { StuffingSources } from './stuffing-sources.ts'

export const CREDENTIAL_STUFFING_ID = 'account.credential_stuffing'
const THREAT = 'OAT-008'
const CATEGORY = 'credential_stuffing'

type Level = 'ip' | 'subnet' | 'asn' | 'device' | 'ja4'
const LEVEL_ENTITY: Record<Level, EntityType> = {
  ip: 'ip',
  subnet: 'subnet',
  asn: 'asn',
  device: 'device',
  // A TLS fingerprint is shared by one client stack across IPs: the campaign's actor.
  ja4: 'actor',
}
const LEVEL_NAME: Record<Level, string> = {
  ip: 'IP',
  subnet: 'subnet',
  asn: 'ASN',
  device: 'device',
  ja4: 'TLS fingerprint',
}

interface LoginStats {
  start: number
  attempts: number
  failures: number
  unknownUser: number
  successes: number
  failedUsers: DistinctCounter
  /** Sessions and accounts of the first failures, flagged with the source once it crosses a threshold. */
  members: Members
}

const newStats = (start: number): LoginStats => ({
  start,
  attempts: 0,
  failures: 0,
  unknownUser: 0,
  successes: 0,
  failedUsers: new DistinctCounter(),
  members: new Members(),
})

interface Campaign {
  start: number
  lastCollapse: number
  attempts: number
  failures: number
  members: BoundedMap<string, EntityRef>
  reportedAttempts: number
  /** The burst of logins for unknown accounts that opened it, when that was the signal. */
  surge: Surge<AppEvent> | null
}

type StuffingConfig = AccountsConfig['credentialStuffing']

export function buildCredentialStuffing(
  config: AccountsConfig,
  sources: StuffingSources,
  sessionPaths: SessionPaths = new SessionPaths(config.maxKeys),
): StreamDetector {
  const c: StuffingConfig = config.credentialStuffing
  const book = new DetectionBook(CREDENTIAL_STUFFING_ID, config.maxKeys)
  const burst = new KeyedWindows(config.maxKeys, c.windowMs, newStats)
  const slow = new KeyedWindows(config.maxKeys, c.slowWindowMs, newStats)
  const ja4BySession = new BoundedMap<string, string>({ maxEntries: config.maxKeys })
  const ja4ByIp = new BoundedMap<string, string>({ maxEntries: config.maxKeys })

  let bucketStart = -1
  let bucketAttempts = 0
  let bucketSuccesses = 0
  let baseline = -1
  let warmBuckets = 0
  let campaign: Campaign | null = null
  let unknownStart = -1
  let unknownAttempts = 0
  let unknownFailures = 0
  const unknownSurge = new RareEventSurge<AppEvent>({
    minEvents: c.surgeMinUnknown,
    maxEvents: 32,
    minShare: c.campaignUnknownShare,
    pValue: c.surgePValue,
    priorMs: 60_000,
  })

  function closeBucket(): void {
    if (bucketStart < 0 || bucketAttempts === 0) return
    const rate = bucketSuccesses / bucketAttempts
    const collapsed = campaign !== null && campaign.lastCollapse >= bucketStart
    // Collapsed buckets stay out of the baseline so a long run cannot become normal.
    if (!collapsed && bucketAttempts >= Math.min(10, c.endpointMinAttempts)) {
      baseline = baseline < 0 ? rate : baseline + c.endpointBaselineAlpha * (rate - baseline)
      warmBuckets++
    }
  }

  function openCampaign(ts: number): void {
    campaign ??= {
      start: ts,
      lastCollapse: ts,
      attempts: 0,
      failures: 0,
      members: new BoundedMap({ maxEntries: 500 }),
      reportedAttempts: 0,
      surge: null,
    }
    campaign.lastCollapse = Math.max(campaign.lastCollapse, ts)
  }

  /**
   * Unknown-account logins surging: against the stream's own rate of them (a burst a few
   * attempts long opens the campaign, and the sources of that burst join it at once), or
   * as a share of all attempts over a longer window, which needs no history at all.
   */
  function observeUnknown(event: AppEvent, unknown: boolean, sink: DetectionSink): void {
    const ts = event.ts
    unknownSurge.attempt(ts)
    // During a campaign its own unknown-account logins stay out of the learned rate.
    const surge = unknown && campaign === null ? unknownSurge.rare(ts, event) : null
    if (surge !== null) {
      openCampaign(ts - surge.spanMs)
      const cam = campaign as Campaign | null
      if (cam !== null) {
        cam.surge = surge
        // The current event joins through the per-source loop, the burst's earlier ones here.
        for (const e of surge.items.slice(0, -1)) {
          const ip = e.source_ip
          const s = ip === null ? undefined : slow.peek(`ip:${ip}`)
          if (ip !== null && s !== undefined) joinCampaign(e, s, ip, sink, ts)
        }
      }
    }
    if (unknownStart < 0 || ts - unknownStart >= c.campaignWindowMs) {
      unknownStart = ts
      unknownAttempts = 0
      unknownFailures = 0
    }
    unknownAttempts++
    if (unknown) unknownFailures++
    if (unknownFailures >= c.campaignMinUnknown && unknownFailures / unknownAttempts >= c.campaignUnknownShare) {
      openCampaign(unknownStart)
      if (campaign !== null) campaign.lastCollapse = ts
    }
  }

  function observeEndpoint(ts: number, success: boolean): boolean {
    const b = ts - (ts % c.endpointBucketMs)
    if (b !== bucketStart) {
      closeBucket()
      bucketStart = b
      bucketAttempts = 0
      bucketSuccesses = 0
    }
    bucketAttempts++
    if (success) bucketSuccesses++
    if (campaign !== null && ts - campaign.lastCollapse > c.slowWindowMs) campaign = null
    if (warmBuckets < c.endpointWarmupBuckets || bucketAttempts < c.endpointMinAttempts) {
      return campaign !== null
    }
    const rate = bucketSuccesses / bucketAttempts
    if (rate < baseline * c.endpointCollapseRatio) openCampaign(bucketStart)
    return campaign !== null
  }

  function levelsOf(event: AppEvent): Array<[Level, string]> {
    const out: Array<[Level, string]> = []
    for (const s of sourcesOf(event)) out.push([s.type as Level, s.value])
    const ja4 =
      (event.session_id !== null ? ja4BySession.peek(event.session_id) : undefined) ??
      (event.source_ip !== null ? ja4ByIp.peek(event.source_ip) : undefined)
    if (ja4 !== undefined) out.push(['ja4', ja4])
    return out
  }

  function related(event: AppEvent, except: Level): EntityRef[] {
    return sourcesOf(event).filter((s) => s.type !== except)
  }

  function evaluate(
    level: Level,
    value: string,
    s: LoginStats,
    threshold: number,
    event: AppEvent,
    sink: DetectionSink,
  ): void {
    const users = s.failedUsers.count()
    const failureRatio = s.failures / s.attempts
    if (users < threshold || failureRatio < c.minFailureRatio) return
    const unknownRatio = s.unknownUser / Math.max(1, s.failures)
    const perUser = s.failures / Math.max(1, users)
    const spraying = perUser <= 2 && unknownRatio < 0.5
    const entity: EntityRef = { type: LEVEL_ENTITY[level], value: level === 'ja4' ? `ja4:${value}` : value }
    const span = event.ts - s.start
    const pattern = spraying
      ? `; ${perUser.toFixed(1)} attempts per account, a password-spraying pattern`
      : ''
    const finding: Finding = {
      entity,
      threat: THREAT,
      category: CATEGORY,
      score: scoreOver(users, threshold, 60, 92) + 6 * unknownRatio,
      ts: event.ts,
      windowStart: s.start,
      count: s.attempts,
      explanation:
        `${LEVEL_NAME[level]} ${value} failed logins for ${fmtCount(users)} distinct accounts in ` +
        `${fmtDuration(span)} (${fmtPct(failureRatio)} of ${fmtCount(s.attempts)} attempts failed, ` +
        `${fmtPct(unknownRatio)} for unknown users)${pattern}.`,
      evidence: [
        { field: 'distinct_failed_accounts', value: users },
        { field: 'attempts', value: s.attempts },
        { field: 'failure_ratio', value: Number(failureRatio.toFixed(3)) },
        { field: 'unknown_user_ratio', value: Number(unknownRatio.toFixed(3)) },
        { field: 'window_ms', value: span },
        { field: 'pattern', value: spraying ? 'password_spraying' : 'credential_stuffing' },
      ],
      related: related(event, level),
    }
    book.record(finding, sink)
    // Subnets and ASNs mix in bystanders; only a source's own sessions and targets go with it.
    if (level === 'ip' || level === 'device' || level === 'ja4') {
      book.recordMembers(finding, s.members.takeUnrecorded(), sink)
      if (joinsThrough(level, event)) book.recordMembers(finding, membersOf(event), sink)
    }
    if (level === 'ip' || level === 'device') sources.flag(entity, event.ts)
  }

  /** `ts` is now: later than the event when the burst that opened the campaign took it in. */
  function joinCampaign(event: AppEvent, s: LoginStats, ip: string, sink: DetectionSink, ts = event.ts): void {
    const cam = campaign
    if (cam === null) return
    const users = s.failedUsers.count()
    if (s.successes > 0) return
    // One wrong password for a real account is what a customer's typo looks like, unless its
    // session did nothing but log in.
    const bare = sessionPaths.only(event.session_id)
    if (users < c.campaignMemberDistinctUsers && s.unknownUser === 0 && bare === null) return
    const member: EntityRef = { type: 'ip', value: ip }
    cam.members.set(ip, member, ts)
    sources.flag(member, ts)
    const finding: Finding = {
      entity: member,
      threat: THREAT,
      category: CATEGORY,
      score: 55 + Math.min(20, 4 * users),
      ts,
      windowStart: s.start,
      count: s.attempts,
      explanation:
        `IP ${ip} failed logins for ${fmtCount(users)} distinct accounts with no success in ` +
        `${fmtDuration(ts - s.start)}${bare === null ? '' : `, from a session that requested nothing but ${bare}`} while a login-wide campaign was under way (success-rate collapse or unknown-account surge), ` +
        `a member of a distributed credential-stuffing run.`,
      evidence: [
        { field: 'distinct_failed_accounts', value: users },
        { field: 'attempts', value: s.attempts },
        { field: 'campaign_start', value: new Date(cam.start).toISOString() },
      ],
      related: [{ type: 'actor', value: campaignValue(cam) }, ...related(event, 'ip')],
    }
    book.record(finding, sink)
    book.recordMembers(finding, s.members.takeUnrecorded(), sink)
    book.recordMembers(finding, membersOf(event), sink)
  }

  function reportCampaign(ts: number, sink: DetectionSink): void {
    const cam = campaign
    if (cam === null || cam.reportedAttempts === cam.attempts) return
    cam.reportedAttempts = cam.attempts
    const rate = bucketAttempts > 0 ? bucketSuccesses / bucketAttempts : 0
    const members = [...cam.members.entries()].map(([, m]) => m)
    book.record(
      {
        entity: { type: 'actor', value: campaignValue(cam) },
        threat: THREAT,
        category: CATEGORY,
        score: 70 + Math.min(25, members.length),
        ts,
        windowStart: cam.start,
        count: cam.attempts,
        explanation:
          surgeText(cam.surge) +
          `Logins for unknown accounts made up ${fmtPct(unknownFailures / Math.max(1, unknownAttempts))} of the last ` +
          `${fmtCount(unknownAttempts)} attempts and the success rate was ${fmtPct(rate)} against a baseline of ${fmtPct(Math.max(0, baseline))} ` +
          `over ${fmtCount(cam.attempts)} attempts (${fmtPct(cam.failures / Math.max(1, cam.attempts))} failed) ` +
          `since ${new Date(cam.start).toISOString()}, with ${fmtCount(members.length)} sources failing for several accounts each.`,
        evidence: [
          { field: 'success_rate', value: Number(rate.toFixed(3)) },
          { field: 'unknown_user_share', value: Number((unknownFailures / Math.max(1, unknownAttempts)).toFixed(3)) },
          { field: 'baseline_success_rate', value: Number(baseline.toFixed(3)) },
          { field: 'attempts', value: cam.attempts },
          { field: 'member_sources', value: members.length },
          ...(cam.surge === null ? [] : [
            { field: 'surge_unknown_logins', value: cam.surge.items.length },
            { field: 'surge_span_ms', value: cam.surge.spanMs },
            { field: 'surge_expected', value: Number(cam.surge.expected.toPrecision(3)) },
          ]),
        ],
        related: members,
      },
      sink,
    )
  }

  return {
    id: CREDENTIAL_STUFFING_ID,
    onHttp(event: HttpEvent) {
      sessionPaths.observe(event)
      if (event.tls_client_ja4 === null) return
      if (event.session_id !== null) ja4BySession.set(event.session_id, event.tls_client_ja4, event.ts)
      if (event.source_ip !== null) ja4ByIp.set(event.source_ip, event.tls_client_ja4, event.ts)
    },
    onApp(event: AppEvent, sink: DetectionSink) {
      if (event.event_action !== 'account.login') return
      if (event.event_outcome !== 'success' && event.event_outcome !== 'failure') return
      const success = event.event_outcome === 'success'
      const user = accountOf(event)
      observeUnknown(event, event.event_reason === 'unknown_user', sink)
      const campaignActive = observeEndpoint(event.ts, success)
      if (campaign !== null) {
        campaign.attempts++
        if (!success) {
          campaign.failures++
          sources.noteCampaignFailure(event.ts)
        }
      }
      for (const [level, value] of levelsOf(event)) {
        const key = `${level}:${value}`
        for (const [windows, thresholds] of [
          [burst, c.burstDistinctUsers],
          [slow, c.slowDistinctUsers],
        ] as const) {
          const s = windows.at(key, event.ts)
          s.attempts++
          if (success) s.successes++
          else {
            s.failures++
            if (event.event_reason === 'unknown_user') s.unknownUser++
            if (user !== null) s.failedUsers.add(user)
            if (joinsThrough(level, event)) for (const m of membersOf(event)) s.members.add(m)
          }
          evaluate(level, value, s, thresholds[level], event, sink)
          if (!success && campaignActive && level === 'ip' && windows === slow) {
            joinCampaign(event, s, value, sink)
          }
        }
      }
      if (campaignActive && !success && campaign !== null && campaign.attempts === 1) {
        reportCampaign(event.ts, sink)
      }
    },
    tick(nowMs: number, sink: DetectionSink) {
      if (campaign !== null) reportCampaign(Math.max(nowMs, campaign.lastCollapse), sink)
      book.flush(sink)
    },
    finish(sink: DetectionSink) {
      book.flush(sink)
    },
  }
}

/**
 * Whether a login's session and account go with a finding on this source. A TLS fingerprint
 * names a client stack, not who is behind each of its logins: a stuffing tool that copies
 * Chrome's hello shares it with every Chrome user, and however few of their logins the window
 * has seen so far, a wrong password through it is what a typo looks like. Only a login for an
 * account that does not exist (a combo-list entry) is the run's through it.
 */
function joinsThrough(level: Level, event: AppEvent): boolean {
  return level !== 'ja4' || event.event_reason === 'unknown_user'
}

/**
 * The session, the device fingerprint and the account (by id and by the name typed) of a
 * login attempt: a run that rotates fingerprints shows each one once, so its devices are named
 * through the flagged source they came with.
 */
function membersOf(event: AppEvent): EntityRef[] {
  const out: EntityRef[] = []
  if (event.session_id !== null) out.push({ type: 'session', value: event.session_id })
  if (event.device_id !== null) out.push({ type: 'device', value: event.device_id })
  if (event.user_id !== null) out.push({ type: 'account', value: event.user_id })
  if (event.user_name !== null && event.user_name !== event.user_id) out.push({ type: 'account', value: event.user_name })
  return out
}

/** The burst that opened a campaign, against what the shop's own rate of such logins predicts. */
function surgeText(surge: Surge<AppEvent> | null): string {
  if (surge === null) return ''
  return `It opened with ${fmtCount(surge.items.length)} logins for unknown accounts from ` +
    `${fmtCount(new Set(surge.items.map((e) => e.source_ip)).size)} sources in ${fmtDuration(surge.spanMs)} ` +
    `(${surge.expected.toPrecision(2)} expected at this shop's rate of such logins). `
}

function campaignValue(cam: Campaign): string {
  return `credential-stuffing:${new Date(cam.start).toISOString()}`
}
