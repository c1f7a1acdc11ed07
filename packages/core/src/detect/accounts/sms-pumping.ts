/**
 * SMS pumping (toll fraud through OTP sends): one source asking for codes to many
 * distinct phone numbers, mostly in premium-rate or high-risk destinations. Pumpers hit
 * the codes sent before anyone is signed in (sign-up, login by SMS), so a few anonymous
 * sends to distinct high-risk numbers are enough, and so are anonymous sends from one device
 * to several numbers wherever they are (a person verifies their own number, perhaps after a
 * typo; one device cycling through numbers is a pumper working a list); sends tied to accounts (a sign-up
 * verifying its phone, MFA) need a larger burst, and codes only count when they go to more
 * phones than the source has accounts: a farm verifying one phone per new account is fake
 * account creation, not pumping. The cost lands on the shop's SMS bill;
 * the threat has no OAT id, so it is `sms_pumping`. A crew that sends each code from another
 * proxy and browser shows no source; its sends to high-risk destinations surge against the
 * shop's own rate of them and open a campaign (an `actor`) that later sends to the same
 * destination countries join (a customer abroad verifying their phone elsewhere does not);
 * only codes sent before anyone is signed in count, as above.
 *
 * The list of high-risk destinations is a prior, always behind: pumpers follow the operators
 * that pay them. Any other destination is judged against the shop itself: codes to it that
 * nobody used within their lifetime, where the shop has next to no customers, surging against
 * the shop's own rate of such codes, open a campaign too. A shop opening in a new country sees
 * its codes used, customers abroad use theirs, a marketing push at home sends to where the
 * customers are, and a provider's retries go to the same numbers.
 * @module
 */
import type { AppEvent } from '../../events/app-event.ts'
import type { EntityRef } from '../../events/detection.ts'
import type { HttpEvent } from '../../events/http-event.ts'
import type { DetectionSink, StreamDetector } from '../detector.ts'
import { BoundedMap } from '../state/bounded-map.ts'
import { DistinctCounter } from '../state/distinct-counter.ts'
import { KeyedWindows } from './bounded-state.ts'
import type { AccountsConfig } from './config.ts'
import { DetectionBook, Members, fmtCount, fmtDuration, fmtPct } from './findings.ts'
import type { Finding } from './findings.ts'
import { accountOf, sourcesOf } from './keys.ts'
import { OtpConversion } from './otp-conversion.ts'
import type { Surge } from './rare-event-surge.ts'
import { SessionPaths } from './session-paths.ts'
import { SurgeCampaign, campaignFinding } from './surge-campaign.ts'
import type { Campaign } from './surge-campaign.ts'

export const SMS_PUMPING_ID = 'otp.sms_pumping'
const MAX_COUNTRIES = 16

interface OtpStats {
  start: number
  sends: number
  highRisk: number
  /** Distinct high-risk phones sent codes with no account signed in. */
  anonymousPhones: DistinctCounter
  /** Distinct phones sent codes with no account signed in, whatever the destination. */
  anonymousAnyPhones: DistinctCounter
  /**
   * Distinct login names typed for those sends (a code to sign in by SMS): a person's code goes
   * to their own phone, so the anonymous rules need more phones than names.
   */
  typedNames: DistinctCounter
  phones: DistinctCounter
  accounts: DistinctCounter
  countries: Map<string, number>
  /** The sessions of the source's sends: flagged with it. */
  members: Members
}

export function buildSmsPumping(config: AccountsConfig, sessionPaths: SessionPaths = new SessionPaths(config.maxKeys)): StreamDetector {
  const c = config.smsPumping
  const highRisk = new Set(c.highRiskCountries.map((x) => x.toUpperCase()))
  const book = new DetectionBook(SMS_PUMPING_ID, config.maxKeys)
  const windows = new KeyedWindows<OtpStats>(config.maxKeys, c.windowMs, (start) => ({
    start,
    sends: 0,
    highRisk: 0,
    anonymousPhones: new DistinctCounter(),
    anonymousAnyPhones: new DistinctCounter(),
    typedNames: new DistinctCounter(),
    phones: new DistinctCounter(),
    accounts: new DistinctCounter(),
    countries: new Map(),
    members: new Members(),
  }))

  const scopeOf = (e: AppEvent): string | null => e.phone_country?.toUpperCase() ?? null
  // Sends to listed destinations and unused codes to unserved ones surge by the same measure.
  const campaignOptions = {
    name: 'sms-pumping',
    minEvents: c.surgeMinSends,
    maxEvents: 32,
    minShare: c.surgeSendShare,
    pValue: c.surgePValue,
    priorMs: 60_000,
    idleMs: c.windowMs,
    tsOf: (e: AppEvent) => e.ts,
    scopeOf,
    // Sends to the destinations a surge is made of, against the shop's own rate of sends there.
    rateScopeOf: scopeOf,
    maxSpanMs: c.windowMs,
    earlierMs: c.windowMs,
  }
  const surge = new SurgeCampaign<AppEvent>({
    ...campaignOptions,
    describe: (s) =>
      `It opened with ${fmtCount(s.items.length)} OTP sends to high-risk destinations within ${fmtDuration(s.spanMs)} ` +
      `(${s.expected.toPrecision(2)} expected at this shop's rate of them).`,
  })
  const conversion = new OtpConversion(c.codeLifetimeMs, config.maxKeys)
  /** The sentence on a surge of codes to destinations the shop does not serve, `why` saying which codes. */
  const unservedOpening = (s: Surge<AppEvent>, why: string): string => {
    const dests = [...new Set(s.items.map(scopeOf).filter((x) => x !== null))].sort()
    return (
      `It opened with ${fmtCount(s.items.length)} codes within ${fmtDuration(s.spanMs)} ${why}, to destinations where ` +
      `the shop has next to no customers (${dests.map((d) => `${d} ${fmtPct(conversion.customerShare(d))}`).join(', ')} of them), ` +
      `${s.expected.toPrecision(2)} expected at this shop's rate of such codes.`
    )
  }
  const unserved = new SurgeCampaign<AppEvent>({
    ...campaignOptions,
    describe: (s) => unservedOpening(s, `that nobody used within ${fmtDuration(c.codeLifetimeMs)}`),
  })
  /**
   * Codes to destinations the shop does not serve, asked for by sessions that requested nothing
   * but the code (a pumper's script posts to the OTP endpoint; a person asks for it from the
   * sign-up or login page): their surge needs no wait for the codes' lifetime.
   */
  const bare = new SurgeCampaign<AppEvent>({
    ...campaignOptions,
    describe: (s) => unservedOpening(s, 'asked for by sessions that requested nothing else'),
  })
  /** Per phone, when a code was last sent to it: a resend (a provider's retries, a code that did not arrive) is not another number. */
  const lastSent = new BoundedMap<string, number>({ maxEntries: config.maxKeys })
  let watching = false

  function judge(now: number, sink: DetectionSink): void {
    for (const { send, used } of conversion.due(now)) {
      const country = scopeOf(send)
      if (country === null || conversion.customerShare(country) >= c.customerShare) continue
      // Those sends were judged at once, with the campaign their sessions opened.
      if (bare.openAt(send.ts, country) !== null) continue
      unserved.attempt(send.ts)
      if (used) continue
      const joining = unserved.rare(send)
      if (joining !== null) for (const x of joining.joined) joined(joining.campaign, x, sink)
    }
  }

  function joined(cam: Campaign, e: AppEvent, sink: DetectionSink): void {
    const finding = campaignFinding(cam, e, {
      threat: 'sms_pumping',
      category: 'sms_pumping',
      explanation:
        `An SMS-pumping campaign: ${fmtCount(cam.events)} OTP sends to ${[...cam.scopes].sort().join(', ')} in ` +
        `${fmtDuration(e.ts - cam.start)}. ${cam.opening}`,
      evidence: [
        { field: 'otp_sends', value: cam.events },
        { field: 'countries', value: [...cam.scopes].sort().join(',') },
      ],
    })
    const members: EntityRef[] = sourcesOf(e).filter((s) => s.type === 'ip' || s.type === 'device')
    if (e.session_id !== null) members.push({ type: 'session', value: e.session_id })
    const account = accountOf(e)
    if (account !== null) members.push({ type: 'account', value: account })
    book.record(finding, sink)
    book.recordMembers(finding, members, sink)
  }

  return {
    id: SMS_PUMPING_ID,
    onHttp(e: HttpEvent) {
      sessionPaths.observe(e)
    },
    onApp(e: AppEvent, sink: DetectionSink) {
      if (!watching) {
        surge.watchFrom(e.ts)
        unserved.watchFrom(e.ts)
        bare.watchFrom(e.ts)
        watching = true
      }
      conversion.observe(e)
      if (e.event_action !== 'otp.send') return
      const country = scopeOf(e)
      const risky = country !== null && highRisk.has(country)
      const phone = e.user_phone_hash
      const resend = phone !== null && e.ts - (lastSent.peek(phone) ?? -Infinity) < c.windowMs
      if (phone !== null) lastSent.set(phone, e.ts, e.ts)
      // A code for a signed-in account verifies that account's phone (a sign-up farm's is fake
      // account creation); pumpers use the codes sent before anyone is signed in.
      const newAnonymous = e.user_id === null && country !== null && !resend
      const campaigns = risky ? [surge] : [unserved, bare]
      const open = newAnonymous ? (campaigns.find((x) => x.openAt(e.ts, country) !== null) ?? null) : null
      // Another crew's sends are not the shop's traffic a surge is measured against.
      if (open === null && !resend) {
        surge.attempt(e.ts)
        bare.attempt(e.ts)
      }
      const unservedBare = newAnonymous && !risky && open === null && sessionPaths.only(e.session_id) !== null &&
        conversion.customerShare(country) < c.customerShare
      const scoped = newAnonymous && (risky || open !== null || unservedBare) ? (open ?? (risky ? surge : bare)).rare(e) : null
      // While a crew pumps listed destinations, a code to another listed one that opens nothing
      // of its own, asked for by a session that requested nothing else, is the crew's too: its
      // workers stray from their destinations now and then, and one that starts as the campaign
      // winds down sends a code or two; a customer abroad asks for a code from the sign-up or
      // login page. (Another crew's sends still open their own campaign once they surge.)
      const joining = scoped ?? (newAnonymous && risky && open === null && sessionPaths.only(e.session_id) !== null ? surge.joinLatest(e) : null)
      if (joining !== null) for (const x of joining.joined) joined(joining.campaign, x, sink)
      else if (newAnonymous && !risky && open === null) conversion.wait(e)
      const origin: EntityRef[] = sourcesOf(e).filter((s) => s.type === 'ip' || s.type === 'device')
      const account = accountOf(e)
      if (account !== null) origin.push({ type: 'account', value: account })
      for (const source of origin) {
        const s = windows.at(`${source.type}:${source.value}`, e.ts)
        s.sends++
        if (risky) s.highRisk++
        if (e.user_phone_hash !== null) s.phones.add(e.user_phone_hash)
        if (account !== null) s.accounts.add(account)
        // A name typed at the login form signs nobody in: the code is asked for before anyone is.
        if (e.user_id === null && e.user_phone_hash !== null) {
          s.anonymousAnyPhones.add(e.user_phone_hash)
          if (risky) s.anonymousPhones.add(e.user_phone_hash)
          if (e.user_name !== null) s.typedNames.add(e.user_name)
        }
        if (e.session_id !== null) s.members.add({ type: 'session', value: e.session_id })
        if (country !== null && (s.countries.has(country) || s.countries.size < MAX_COUNTRIES)) {
          s.countries.set(country, (s.countries.get(country) ?? 0) + 1)
        }
        const phones = s.phones.count()
        const share = s.highRisk / s.sends
        const strangers = phones > s.accounts.count()
        const manyPhones = phones >= c.distinctPhones && strangers
        const riskyBurst = s.highRisk >= c.minHighRiskSends && share >= c.highRiskShare && phones >= 3 && strangers
        const anonymousStrangers = s.anonymousAnyPhones.count() > s.typedNames.count()
        const anonymousBurst = s.anonymousPhones.count() >= c.anonymousHighRiskPhones && share >= c.highRiskShare && anonymousStrangers
        // Behind one IP (carrier NAT) many people sign in by SMS; a device is one client.
        const deviceCycling = source.type === 'device' && s.anonymousAnyPhones.count() >= c.anonymousDevicePhones && anonymousStrangers
        if (!manyPhones && !riskyBurst && !anonymousBurst && !deviceCycling) continue
        const top = [...s.countries.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3)
        const finding: Finding = {
          entity: source,
          threat: 'sms_pumping',
          category: 'sms_pumping',
          score: Math.min(97, 55 + 2 * phones + 25 * share),
          ts: e.ts,
          windowStart: s.start,
          count: s.sends,
          explanation:
            `${source.type === 'ip' ? 'IP' : source.type} ${source.value} requested ${fmtCount(s.sends)} OTP SMS ` +
            `to ${fmtCount(phones)} distinct phones in ${fmtDuration(e.ts - s.start)}, ${fmtPct(share)} to ` +
            `high-risk destinations (${top.map(([k, n]) => `${k} ${n}`).join(', ')})` +
            (s.anonymousAnyPhones.count() > 0 ? `, ${fmtCount(s.anonymousAnyPhones.count())} with no account signed in.` : '.'),
          evidence: [
            { field: 'otp_sends', value: s.sends },
            { field: 'distinct_phones', value: phones },
            { field: 'high_risk_share', value: Number(share.toFixed(3)) },
            { field: 'top_countries', value: top.map(([k]) => k).join(',') },
          ],
          related: origin.filter((r) => r !== source),
        }
        book.record(finding, sink)
        book.recordMembers(finding, s.members.refs, sink)
      }
    },
    tick(nowMs: number, sink: DetectionSink) {
      judge(nowMs, sink)
      book.flush(sink)
    },
    finish(sink: DetectionSink) {
      book.flush(sink)
    },
  }
}
