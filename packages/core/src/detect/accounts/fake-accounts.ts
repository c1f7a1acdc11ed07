/**
 * Fake-account creation (OAT-019): many registrations from one device, IP or subnet,
 * disposable e-mail domains, usernames cut from one pattern, fresh accounts redeeming
 * new-customer coupons, and devices that register accounts without ever browsing the shop —
 * one by one, or several sharing one browser build within the hour (a farm rotates devices
 * and proxies, rarely its browser).
 * Volume alone does not convict (a family registers on one tablet): a source is flagged
 * when volume meets a pattern or disposable addresses, or when volume is twice its
 * threshold. The farm's accounts are flagged with it. Staff registering customers (phone
 * orders) are not a farm. Registrations whose addresses are aliases of one mailbox (`+tags`,
 * Gmail's dots) are one operator's, however many devices and proxies they came through.
 * @module
 */
import type { AppEvent } from '../../events/app-event.ts'
import type { EntityRef } from '../../events/detection.ts'
import type { HttpEvent } from '../../events/http-event.ts'
import type { DetectionSink, StreamDetector } from '../detector.ts'
import type { HttpFacts } from '../signals/http-facts.ts'
import { requestKind, requestPath } from '../signals/request-kind.ts'
import { BoundedMap } from '../state/bounded-map.ts'
import { KeyedWindows } from './bounded-state.ts'
import type { AccountsConfig } from './config.ts'
import { aliasVariantOf, isDisposableEmail, mailboxOf } from './disposable-email.ts'
import { DetectionBook, Members, fmtCount, fmtDuration } from './findings.ts'
import type { Finding } from './findings.ts'
import { accountOf, isStaff, sourcesOf, subnetOf } from './keys.ts'
import { nameStemOf, shapeOf } from './name-shape.ts'

export const FAKE_ACCOUNTS_ID = 'account.fake_accounts'
const THREAT = 'OAT-019'
const CATEGORY = 'fake_accounts'
const MAX_MEMBERS = 50
const MAX_SHAPES = 64
/** Cards remembered per new account until it is flagged or forgotten. */
const MAX_CARDS = 4
/** Longest user agent kept as a key; a longer one is cut, which only merges look-alikes. */
const MAX_UA = 512

interface SourceStats {
  start: number
  registrations: number
  disposable: number
  /** Registrations whose name carries a shape (digits in it): the look of generated names. */
  generated: number
  /** Registrations from a device that had browsed nothing else (see `bareRegistrationsPerDevice`). */
  bare: number
  shapes: Map<string, number>
  accounts: string[]
  freshRedeemers: Set<string>
  /** Sessions and IPs the registrations came through. */
  members: Members
  /** Browser builds only: the bare registrations, by the device each came from. */
  bareDevices: Map<string, Members>
  /** Mailboxes only: the random-looking `+tags` and the Gmail dot placements it was registered under. */
  tags: Set<string>
  dots: Set<string>
}

const newStats = (start: number): SourceStats => ({
  start,
  registrations: 0,
  disposable: 0,
  generated: 0,
  bare: 0,
  shapes: new Map(),
  accounts: [],
  freshRedeemers: new Set(),
  members: new Members(),
  bareDevices: new Map(),
  tags: new Set(),
  dots: new Set(),
})

export function buildFakeAccounts(config: AccountsConfig): StreamDetector {
  const c = config.fakeAccounts
  const book = new DetectionBook(FAKE_ACCOUNTS_ID, config.maxKeys)
  const networkWindows = new KeyedWindows(config.maxKeys, c.windowMs, newStats)
  const deviceWindows = new KeyedWindows(config.maxKeys, c.deviceWindowMs, newStats)
  const browserWindows = new KeyedWindows(config.maxKeys, c.windowMs, newStats)
  /**
   * Successful logins and orders per IP and per subnet (a carrier NAT hands its people the
   * addresses of a block), over the device window: a shared address keeps being one, and an
   * hour's window turning over just before a registration would forget it.
   */
  const established = new KeyedWindows(config.maxKeys, c.deviceWindowMs, (start) => ({ start, count: 0 }))
  /** The finding each flagged account was flagged by: the cards that later pay for it go with it. */
  const farmed = new BoundedMap<string, Finding>({ maxEntries: config.maxKeys })
  /**
   * Cards that paid for (or were added to) accounts registered in this stream before any was
   * flagged: a farm's first accounts often check out before its later ones expose it.
   */
  const earlierCards = new BoundedMap<string, string[]>({ maxEntries: config.maxKeys })
  /** Registrations per mailbox (see `mailboxOf`) and per numbered name stem (see `nameStemOf`), over the device window. */
  const operators = new KeyedWindows(config.maxKeys, c.deviceWindowMs, newStats)
  const windowsFor = (source: EntityRef) => (source.type === 'device' ? deviceWindows : networkWindows)
  const registeredAt = new BoundedMap<string, number>({ maxEntries: config.maxKeys })
  /** Page views per device over the device window: people browse, a farm only registers. */
  const devicePages = new BoundedMap<string, { start: number; pages: number }>({ maxEntries: config.maxKeys })
  /** Without HTTP logs in the stream nobody appears to browse, so the signal stays off. */
  let pagesSeen = false
  const thresholds: Partial<Record<EntityRef['type'], number>> = {
    device: c.registrationsPerDevice,
    ip: c.registrationsPerIp,
    subnet: c.registrationsPerSubnet,
  }

  /** Flags an account as the farm's: its later cards go with `finding`, and so do those it paid with already. */
  function markFarmed(account: string, finding: Finding, ts: number, sink: DetectionSink): void {
    farmed.set(account, finding, ts)
    const cards = earlierCards.peek(account)
    if (cards === undefined) return
    earlierCards.delete(account)
    book.recordMembers(finding, cards.map((value) => ({ type: 'card', value })), sink)
  }

  function evaluate(source: EntityRef, s: SourceStats, ts: number, sink: DetectionSink): void {
    const threshold = thresholds[source.type]
    if (threshold === undefined) return
    let topShape = ''
    let topShapeCount = 0
    for (const [shape, n] of s.shapes) {
      if (n > topShapeCount) [topShape, topShapeCount] = [shape, n]
    }
    const volume = s.registrations >= threshold
    const patterned = topShapeCount >= c.patternedRegistrations
    const disposable = s.disposable >= c.disposableRegistrations
    // Many people share an IP; a device whose registrations all look generated is one operator.
    const generated = source.type === 'device' && volume && s.generated >= c.generatedNamesPerDevice
    // A device that registers generated-looking accounts and browses nothing else is a farm
    // worker even below the volume threshold: people register while shopping.
    const pages = source.type === 'device' ? (devicePages.peek(source.value)?.pages ?? 0) : 0
    const bare = source.type === 'device' && pagesSeen && s.registrations >= c.bareRegistrationsPerDevice &&
      s.generated === s.registrations && pages <= c.pagesPerBareRegistration * s.registrations
    // A farm rotates devices in one address block; each of its registrations is bare on its own.
    const bareBlock = source.type === 'subnet' && s.registrations >= c.bareRegistrationsPerDevice &&
      s.bare === s.registrations && s.generated === s.registrations
    // Where people sign in to their accounts and buy (a carrier NAT, an office), an address's
    // registrations and new customers' welcome coupons are its people's: neither makes it a farm.
    const shared = (source.type === 'ip' || source.type === 'subnet') &&
      (established.peek(`${source.type}:${source.value}`)?.count ?? 0) >= s.registrations
    const busy = s.registrations >= 2 * threshold && !shared
    const coupons = s.freshRedeemers.size >= c.freshCouponRedemptions && !shared
    const flagged = (volume && (patterned || disposable)) || busy || generated ||
      (patterned && disposable) || coupons || bare || bareBlock
    if (!flagged) return
    const signals = [patterned || generated || bare || bareBlock, disposable, coupons, volume, bare || bareBlock].filter(Boolean).length
    const score = Math.min(98, 50 + 12 * signals + Math.max(0, Math.min(12, s.registrations - threshold)))
    const parts = [`${fmtCount(s.registrations)} registrations in ${fmtDuration(ts - s.start)}`]
    if (patterned) parts.push(`${fmtCount(topShapeCount)} sharing the name pattern "${topShape}"`)
    else if (generated || bare || bareBlock) parts.push(`${fmtCount(s.generated)} with generated-looking names`)
    if (s.disposable > 0) parts.push(`${fmtCount(s.disposable)} with disposable e-mail domains`)
    if (s.freshRedeemers.size > 0) {
      parts.push(`${fmtCount(s.freshRedeemers.size)} fresh accounts redeeming coupons`)
    }
    if (bare) parts.push(`${fmtCount(pages)} page ${pages === 1 ? 'view' : 'views'} in all (no browsing)`)
    else if (bareBlock) parts.push(`each from a device that browsed nothing else`)
    const members: EntityRef[] = s.accounts.map((a) => ({ type: 'account', value: a }))
    const evidence = [
      { field: 'registrations', value: s.registrations },
      { field: 'top_name_pattern', value: topShape },
      { field: 'top_name_pattern_count', value: topShapeCount },
      { field: 'disposable_emails', value: s.disposable },
      { field: 'fresh_coupon_redeemers', value: s.freshRedeemers.size },
      ...(source.type === 'device' && pagesSeen ? [{ field: 'page_views', value: pages }] : []),
    ]
    const sourceName = `${source.type === 'ip' ? 'IP' : source.type} ${source.value}`
    const finding: Finding = {
      entity: source,
      threat: THREAT,
      category: CATEGORY,
      score,
      ts,
      windowStart: s.start,
      count: s.registrations,
      explanation: `${sourceName}: ${parts.join(', ')}.`,
      evidence,
      related: members,
    }
    book.record(finding, sink)
    // A subnet's or IP's sessions may be bystanders'; a device's are the farm's own.
    if (source.type === 'device') book.recordMembers(finding, s.members.refs, sink)
    for (const account of members) {
      const accountFinding: Finding = {
        entity: account,
        threat: THREAT,
        category: CATEGORY,
        score: score - 5,
        ts,
        windowStart: s.start,
        count: 1,
        explanation: `Account ${account.value} was registered from ${sourceName}, which made ${parts.join(', ')}.`,
        evidence,
        related: [source],
      }
      book.record(accountFinding, sink)
      markFarmed(account.value, accountFinding, ts, sink)
    }
  }

  /**
   * Several accounts registered on aliases of one mailbox: a person may keep a second account
   * under a `+shop` alias; a farm passes the shop's unique-address check this way. Or several on
   * disposable addresses numbered from one name stem (`leonwilliams3542@…`, `leonwilliams3861@…`):
   * a disposable address is rare among real sign-ups, and two strangers rarely share both a full
   * name run together and a throwaway mailbox within hours. Either is reported as an actor
   * (`mailbox:` or `name-stem:`), with its accounts, devices, sessions and IPs.
   */
  function evaluateOperator(kind: 'mailbox' | 'name-stem', key: string, s: SourceStats, ts: number, sink: DetectionSink): void {
    // One dot placement is how a person writes their address; several on one mailbox are a script's.
    const dotted = s.dots.size >= 2 ? s.dots.size : 0
    const scripted = kind === 'mailbox' && s.tags.size + dotted >= c.generatedAliasRegistrations
    const needed = kind === 'name-stem' ? c.disposableRegistrations : scripted ? c.generatedAliasRegistrations : c.registrationsPerMailbox
    if (s.registrations < needed) return
    const aliases = [
      ...(s.tags.size > 0 ? [`${fmtCount(s.tags.size)} under random-looking +tags`] : []),
      ...(dotted > 0 ? [`${fmtCount(dotted)} under as many dot placements`] : []),
    ]
    const summary = `${fmtCount(s.registrations)} registrations in ${fmtDuration(ts - s.start)} with addresses that ` +
      (kind === 'mailbox'
        ? `all deliver to mailbox ${key}` + (s.disposable > 0 ? `, ${fmtCount(s.disposable)} on disposable e-mail domains` : '') +
          (scripted ? `, ${aliases.join(' and ')}` : '')
        : `all number the name "${key}" on disposable e-mail domains`)
    const accounts: EntityRef[] = s.accounts.map((a) => ({ type: 'account', value: a }))
    const finding: Finding = {
      entity: { type: 'actor', value: `${kind}:${key}` },
      threat: THREAT,
      category: CATEGORY,
      score: Math.min(95, 70 + 3 * (s.registrations - needed)),
      ts,
      windowStart: s.start,
      count: s.registrations,
      explanation: `${summary}.`,
      evidence: [
        { field: 'registrations', value: s.registrations },
        { field: kind === 'mailbox' ? 'mailbox' : 'name_stem', value: key },
      ],
      related: accounts,
    }
    book.record(finding, sink)
    book.recordMembers(finding, [...accounts, ...s.members.refs], sink)
    for (const a of accounts) markFarmed(a.value, finding, ts, sink)
  }

  /**
   * A browser build (user agent) is shared by many people, and a person may land on the
   * sign-up page and register without browsing: a build is only a farm's when bare
   * registrations with generated-looking names come from several devices within the window
   * and make up nearly all the build's registrations in it. Each of those devices is flagged,
   * with its accounts, sessions and IPs.
   */
  function evaluateBrowser(ua: string, s: SourceStats, ts: number, sink: DetectionSink): void {
    // Disposable addresses are rare among real sign-ups: `disposableRegistrations` of them, all bare, are enough.
    const enough = s.bare >= c.bareRegistrationsPerBrowser || (s.disposable >= c.disposableRegistrations && s.disposable === s.bare)
    if (!enough || s.bareDevices.size < 2 || s.bare < c.bareBrowserShare * s.registrations) return
    const signals = s.disposable >= c.disposableRegistrations ? 3 : 2
    const score = Math.min(98, 50 + 12 * signals + Math.min(12, s.bare - c.bareRegistrationsPerBrowser))
    const summary = `${fmtCount(s.bare)} of the ${fmtCount(s.registrations)} registrations in ${fmtDuration(ts - s.start)} ` +
      `with browser "${ua}" came from ${fmtCount(s.bareDevices.size)} devices that browsed nothing else, with generated-looking names` +
      (s.disposable > 0 ? `, ${fmtCount(s.disposable)} on disposable e-mail domains` : '')
    const evidence = [
      { field: 'browser_registrations', value: s.registrations },
      { field: 'bare_registrations', value: s.bare },
      { field: 'bare_devices', value: s.bareDevices.size },
      { field: 'disposable_emails', value: s.disposable },
    ]
    for (const [device, members] of s.bareDevices) {
      const accounts = members.refs.filter((r) => r.type === 'account')
      const finding: Finding = {
        entity: { type: 'device', value: device },
        threat: THREAT,
        category: CATEGORY,
        score,
        ts,
        windowStart: s.start,
        count: accounts.length,
        explanation: `device ${device}: one of a farm's devices; ${summary}.`,
        evidence,
        related: accounts,
      }
      book.record(finding, sink)
      book.recordMembers(finding, members.refs, sink)
      for (const a of accounts) markFarmed(a.value, finding, ts, sink)
    }
  }

  return {
    id: FAKE_ACCOUNTS_ID,
    // onHttp counts a device's page views and returns on anything else.
    httpReads: { kinds: ['page'] },
    onHttp(e: HttpEvent, _sink: DetectionSink, facts?: HttpFacts) {
      if (e.device_id === null || e.http_request_method !== 'GET') return
      if ((e.http_response_status_code ?? 200) >= 400 || (facts === undefined ? requestKind(e, requestPath(e)) : facts.kind) !== 'page') return
      pagesSeen = true
      const p = devicePages.upsert(e.device_id, e.ts, () => ({ start: e.ts, pages: 0 }))
      if (e.ts - p.start >= c.deviceWindowMs) {
        p.start = e.ts
        p.pages = 0
      }
      p.pages++
    },
    onApp(e: AppEvent, sink: DetectionSink) {
      if (e.source_ip !== null && e.event_outcome !== 'failure' && (e.event_action === 'account.login' || e.event_action === 'order.create')) {
        established.at(`ip:${e.source_ip}`, e.ts).count++
        const subnet = subnetOf(e.source_ip)
        if (subnet !== null) established.at(`subnet:${subnet}`, e.ts).count++
        return
      }
      // A card paying for a farm's account is the farm's (or stolen): flagged with the account.
      if (e.card_fingerprint !== null && (e.event_action === 'payment.authorize' || e.event_action === 'payment.method_add')) {
        const account = accountOf(e)
        const finding = account === null ? undefined : farmed.peek(account)
        if (finding !== undefined) book.recordMembers(finding, [{ type: 'card', value: e.card_fingerprint }], sink)
        else if (account !== null && registeredAt.peek(account) !== undefined) {
          const cards = earlierCards.upsert(account, e.ts, () => [])
          if (cards.length < MAX_CARDS && !cards.includes(e.card_fingerprint)) cards.push(e.card_fingerprint)
        }
        return
      }
      if (e.event_action === 'account.register') {
        if (e.event_outcome === 'failure' || isStaff(e.user_name, e.attributes, config)) return
        const account = accountOf(e)
        if (account !== null) registeredAt.set(account, e.ts, e.ts)
        const shape = shapeOf(e.user_email ?? e.user_name ?? '')
        const disposable = e.user_email !== null && isDisposableEmail(e.user_email)
        const device = e.device_id === null ? null : deviceWindows.at(`device:${e.device_id}`, e.ts)
        const bareRegistration = pagesSeen && e.device_id !== null && device !== null &&
          (devicePages.peek(e.device_id)?.pages ?? 0) <= c.pagesPerBareRegistration * (device.registrations + 1)
        for (const source of sourcesOf(e)) {
          if (thresholds[source.type] === undefined) continue
          const s = windowsFor(source).at(`${source.type}:${source.value}`, e.ts)
          s.registrations++
          if (bareRegistration) s.bare++
          if (disposable) s.disposable++
          if (shape !== '') s.generated++
          if (shape !== '' && (s.shapes.has(shape) || s.shapes.size < MAX_SHAPES)) {
            s.shapes.set(shape, (s.shapes.get(shape) ?? 0) + 1)
          }
          if (account !== null && s.accounts.length < MAX_MEMBERS) s.accounts.push(account)
          if (e.session_id !== null) s.members.add({ type: 'session', value: e.session_id })
          if (e.source_ip !== null) s.members.add({ type: 'ip', value: e.source_ip })
          if (e.user_name !== null && e.user_name !== account) s.members.add({ type: 'account', value: e.user_name })
          evaluate(source, s, e.ts, sink)
        }
        const mailbox = e.user_email === null ? null : mailboxOf(e.user_email)
        const stem = e.user_email === null || !disposable ? null : nameStemOf(e.user_email)
        for (const [kind, key] of [['mailbox', mailbox], ['name-stem', stem]] as const) {
          if (key === null) continue
          const m = operators.at(`${kind}:${key}`, e.ts)
          m.registrations++
          if (disposable) m.disposable++
          const variant = kind === 'mailbox' && e.user_email !== null ? aliasVariantOf(e.user_email) : null
          const variants = variant?.kind === 'tag' ? m.tags : m.dots
          if (variant !== null && variants.size < MAX_MEMBERS) variants.add(variant.value)
          if (account !== null && m.accounts.length < MAX_MEMBERS) m.accounts.push(account)
          m.members.add(e.session_id === null ? null : { type: 'session', value: e.session_id })
          m.members.add(e.source_ip === null ? null : { type: 'ip', value: e.source_ip })
          m.members.add(e.device_id === null ? null : { type: 'device', value: e.device_id })
          evaluateOperator(kind, key, m, e.ts, sink)
        }
        if (e.user_agent_original !== null) {
          const ua = e.user_agent_original.slice(0, MAX_UA)
          const b = browserWindows.at(ua, e.ts)
          b.registrations++
          if (bareRegistration && shape !== '' && e.device_id !== null) {
            b.bare++
            if (disposable) b.disposable++
            let members = b.bareDevices.get(e.device_id)
            if (members === undefined && b.bareDevices.size < MAX_MEMBERS) b.bareDevices.set(e.device_id, (members = new Members()))
            members?.add(account === null ? null : { type: 'account', value: account })
            // The name it signs in with is the same account: a shop acts on either.
            members?.add(e.user_name === null || e.user_name === account ? null : { type: 'account', value: e.user_name })
            members?.add(e.session_id === null ? null : { type: 'session', value: e.session_id })
            members?.add(e.source_ip === null ? null : { type: 'ip', value: e.source_ip })
          }
          evaluateBrowser(ua, b, e.ts, sink)
        }
        return
      }
      if (e.event_action === 'coupon.redeem' && e.event_outcome !== 'failure') {
        const account = accountOf(e)
        const born = account === null ? undefined : registeredAt.peek(account)
        if (account === null || born === undefined || e.ts - born > c.freshAccountMs) return
        for (const source of sourcesOf(e)) {
          if (thresholds[source.type] === undefined) continue
          const s = windowsFor(source).at(`${source.type}:${source.value}`, e.ts)
          if (s.freshRedeemers.size < MAX_MEMBERS) s.freshRedeemers.add(account)
          if (!s.accounts.includes(account) && s.accounts.length < MAX_MEMBERS) s.accounts.push(account)
          evaluate(source, s, e.ts, sink)
        }
      }
    },
    tick(_nowMs: number, sink: DetectionSink) {
      book.flush(sink)
    },
    finish(sink: DetectionSink) {
      book.flush(sink)
    },
  }
}
