/**
 * Account takeover (threat `ato`), scored per account as a chain: a suspicious successful
 * login (out of a credential-stuffing source, from a new device on a new network or
 * country, impossible travel) followed by sensitive changes and high-value orders to new
 * addresses. A login alone from a new place is not a takeover: people travel and buy
 * phones, so the chain has to carry the score. A password change that follows the owner's
 * own reset request is recovery, not a step of the chain.
 * @module
 */
import type { AppEvent } from '../../events/app-event.ts'
import type { EntityRef, Evidence } from '../../events/detection.ts'
import type { DetectionSink, StreamDetector } from '../detector.ts'
import { BoundedMap } from '../state/bounded-map.ts'
import { RecentSet } from './bounded-state.ts'
import type { AccountsConfig } from './config.ts'
import { DetectionBook, Members, fmtCount, fmtDuration, fmtPct } from './findings.ts'
import type { Finding } from './findings.ts'
import { isStaff, refKey } from './keys.ts'
import { sharesName } from './name-shape.ts'
import type { SessionPaths } from './session-paths.ts'
import type { StuffingSources } from './stuffing-sources.ts'

export const ACCOUNT_TAKEOVER_ID = 'account.takeover'
const THREAT = 'ato'
const CATEGORY = 'account_takeover'
/**
 * Points when the login's session carries on from another device on another network: a
 * browser keeps its fingerprint for the life of its cookie, and a phone moving from Wi-Fi to
 * mobile data changes network, not device. A stolen session cookie replayed elsewhere does both.
 */
const SESSION_MOVED_POINTS = 35
/** Login sessions a chain remembers. */
const MAX_ORIGINS = 8
/** Steps kept in a chain's timeline; later steps still add to the score. */
const MAX_STEPS = 12

/** Login points from which a login plus a sensitive step is a takeover (a new device on a new network). */
const SUSPICIOUS_LOGIN = 35
/** Login points for a device or IP already used in another account's takeover. */
const REPEAT_POINTS = 50
/**
 * Login points for an account with nothing on record (not seen logging in, not registered in
 * this stream): its device cannot be told new or known, so the login is unverified, not
 * suspicious — it only adds to a chain that locks the owner out.
 */
const UNRECORDED_POINTS = 15
/** Login points when the password was got wrong just before: guessed, or a mistyping owner. */
const FAILED_PASSWORD_POINTS = 10
/** Failed logins this long before a success count against it. */
const FAILED_PASSWORD_MS = 15 * 60_000
/**
 * A login this soon after the owner's password reset was completed (requested, then the password
 * changed) signs in with the password the reset link set: whoever does so read the mailbox on
 * record, so the login's new device and network are the owner's new phone, not a stranger's.
 */
const RESET_LOGIN_MS = 15 * 60_000
/** Extra points for an e-mail change to an address that shares no name with the old one. */
const UNRELATED_EMAIL_POINTS = 10
/**
 * Login points for a device new to the account that signed in to another account, also new
 * to it, from another network (ASN or country) within `DEVICE_HOP_MS`: one rig working
 * through accounts over proxies. A family tablet or a library computer signs in to several
 * accounts from one network, or from networks the accounts already use (home, then mobile
 * data); a device an account already used is its owner's.
 */
const DEVICE_HOP_POINTS = 45
/** Points for each further such account, up to two. */
const DEVICE_HOP_EXTRA = 10
const DEVICE_HOP_MS = 60 * 60_000
/** Recent successful logins remembered per device. */
const DEVICE_HOP_LOGINS = 6
/**
 * Login points for a login made the way a stuffing run makes them, while one is failing logins:
 * no device fingerprint where the shop's logins carry one (a script posting the form never runs
 * the shop's fingerprinting code), from a session that requested the login form and nothing else.
 * With the unverified account's points it raises the login at once.
 */
const RUN_HIT_POINTS = 45
/** Successful logins seen before the shop's fingerprint coverage is judged. */
const FINGERPRINT_MIN_LOGINS = 50
/** The share of successful logins with a device fingerprint from which a login without one stands out. */
const FINGERPRINT_SHARE = 0.95

const STEP_POINTS: Record<string, [number, string]> = {
  'account.email_change': [25, 'email change'],
  'account.phone_change': [20, 'phone change'],
  'account.mfa_change': [25, 'MFA change'],
  'account.password_change': [20, 'password change'],
  'account.address_change': [15, 'address change'],
  'payment.method_add': [15, 'card added'],
}

/** Steps that lock the owner out; without a suspicious login, a chain needs one of them. */
const LOCKOUT = new Set(['account.email_change', 'account.phone_change', 'account.mfa_change'])
/**
 * The lock-out step on an account with nothing on record: recovery goes through the mailbox, so
 * a phone, MFA or password change there is what an owner setting up a new phone does, and the
 * owner can undo it; a thief keeps the account by moving its e-mail.
 */
const UNRECORDED_LOCKOUT = 'account.email_change'

interface Chain {
  start: number
  /** The login's session: its later events are this chain's, whichever chain is the account's latest. */
  session: string | null
  /** The login itself was reported (its device's evidence): the chain is a takeover from the start. */
  raisedAtLogin: boolean
  /** The account had nothing on record at the login: whose purchase an order is cannot be told. */
  unrecorded: boolean
  loginScore: number
  stepScore: number
  lockout: boolean
  /** The chain changed the account's address: an order to that address is a drop. */
  addressChanged: boolean
  /** A change to credentials, contact, address or payment, or a high-value order. */
  sensitive: boolean
  steps: Array<{ ts: number; what: string }>
  /** The login's session, device and IP, the login name and cards added: flagged with the account. */
  related: Members
  /**
   * The device and ASN of each login session the chain holds (its own, and the owner's later
   * logins from known devices that left it open), to tell a session moving elsewhere.
   */
  origins: Map<string, { device: string | null; asn: string | null }>
  /**
   * The session seen carrying on elsewhere (another network, without the device it signed in
   * on): the owner's login is not the attacker's origin, and this session is the one to revoke.
   */
  moved: string | null
}

interface AccountState {
  /** Registered in this stream: a first login is the new customer's own, not unverified. */
  registered: boolean
  /** The account's e-mail as last seen (a login name that is an address, or `user.email`). */
  email: string | null
  logins: number
  lastLoginTs: number
  lastCountry: string | null
  devices: RecentSet
  asns: RecentSet
  countries: RecentSet
  addresses: RecentSet
  resetRequestedAt: number
  /** When a password change completed the owner's reset request. */
  resetCompletedAt: number
  chain: Chain | null
  /**
   * The open chain a login from another session displaced: an attacker signs in, the owner
   * signs in on their phone minutes later, and the attacker's changes are still the attacker's.
   */
  displaced: Chain | null
}

/** A suspicious login followed only by an ordinary order is a customer somewhere new. */
function isSuspicious(chain: Chain): boolean {
  return chain.lockout || chain.raisedAtLogin || (chain.loginScore >= SUSPICIOUS_LOGIN && chain.sensitive)
}

/** A successful login as a device's recent logins remember it. */
interface DeviceLogin {
  account: string
  ts: number
  asn: string | null
  country: string | null
  /** The device was new to the account (or the account had nothing on record). */
  newToAccount: boolean
}

/** The login's session and, when it differs from the account key, the name typed at login. */
function loginMembers(e: AppEvent, account: string): EntityRef[] {
  const out: EntityRef[] = []
  if (e.session_id !== null) out.push({ type: 'session', value: e.session_id })
  if (e.user_name !== null && e.user_name !== account) out.push({ type: 'account', value: e.user_name })
  return out
}

export function buildAccountTakeover(config: AccountsConfig, sources: StuffingSources, sessionPaths: SessionPaths): StreamDetector {
  const c = config.accountTakeover
  /** Successful logins seen, and those carrying a device fingerprint: whether the shop's logins do. */
  let logins = 0
  let fingerprinted = 0
  const book = new DetectionBook(ACCOUNT_TAKEOVER_ID, config.maxKeys)
  const accounts = new BoundedMap<string, AccountState>({ maxEntries: config.maxKeys })
  // Devices and IPs of reported takeovers: one taking over accounts is likely to take more.
  const takeoverOrigins = new BoundedMap<string, { account: string; ts: number }>({ maxEntries: config.maxKeys })
  // Logins may name the account by user name and later events by id; join them.
  const idByName = new BoundedMap<string, string>({ maxEntries: config.maxKeys })
  // Failed logins per account, kept apart from the account state so that a stuffing run's
  // misses on names that do not exist never create one.
  const failures = new BoundedMap<string, { last: number; count: number }>({ maxEntries: config.maxKeys })
  const deviceLogins = new BoundedMap<string, DeviceLogin[]>({ maxEntries: config.maxKeys })

  const newState = (registered = false): AccountState => ({
    registered,
    email: null,
    logins: 0,
    lastLoginTs: 0,
    lastCountry: null,
    devices: new RecentSet(c.historySize),
    asns: new RecentSet(c.historySize),
    countries: new RecentSet(c.historySize),
    addresses: new RecentSet(c.historySize),
    resetRequestedAt: -Infinity,
    resetCompletedAt: -Infinity,
    chain: null,
    displaced: null,
  })

  function keyOf(e: AppEvent): string | null {
    if (e.user_id !== null && e.user_name !== null) idByName.set(e.user_name, e.user_id, e.ts)
    if (e.user_id !== null) return e.user_id
    if (e.user_name === null) return null
    return idByName.peek(e.user_name) ?? e.user_name
  }

  function onLogin(account: string, s: AccountState, e: AppEvent, sink: DetectionSink): void {
    const asn = e.source_as_number === null ? null : String(e.source_as_number)
    const country = e.source_geo_country_iso_code
    const history = s.logins > 0
    const newDevice = history && e.device_id !== null && !s.devices.has(e.device_id)
    const newAsn = history && asn !== null && !s.asns.has(asn)
    const newCountry = history && country !== null && !s.countries.has(country)
    const travelMs = e.ts - s.lastLoginTs
    const impossibleTravel =
      history && country !== null && s.lastCountry !== null && country !== s.lastCountry &&
      travelMs < c.impossibleTravelMs
    const origin: EntityRef[] = []
    if (e.source_ip !== null) origin.push({ type: 'ip', value: e.source_ip })
    if (e.device_id !== null) origin.push({ type: 'device', value: e.device_id })
    const stuffing = sources.find(origin, e.ts)
    const firstSeen = !history
    // The device first: it alone may raise the login.
    const repeat = priorTakeover(origin.filter((o) => o.type === 'device'), account, e.ts) ?? priorTakeover(origin, account, e.ts)
    const newToAccount = e.device_id !== null && !s.devices.has(e.device_id)
    const hop = e.device_id === null ? null : deviceHop(e.device_id, { account, ts: e.ts, asn, country, newToAccount }, s.asns)
    const failed = failures.peek(account)
    if (failed !== undefined) failures.delete(account)
    const failedBefore = failed !== undefined && e.ts - failed.last <= FAILED_PASSWORD_MS ? failed.count : 0
    const unrecorded = firstSeen && !s.registered
    const runHit = stuffing === null && e.device_id === null && (unrecorded || newAsn || newCountry) ? stuffingRunShape(e) : null

    const reasons: string[] = []
    let score = 0
    if (stuffing !== null) {
      score += 70
      reasons.push(`out of credential-stuffing source ${stuffing.type} ${stuffing.value}`)
    }
    if (repeat !== null) {
      score += REPEAT_POINTS
      reasons.push(repeat.text)
    }
    if (hop !== null) {
      score += DEVICE_HOP_POINTS + DEVICE_HOP_EXTRA * Math.min(2, hop.length - 1)
      reasons.push(`from device ${e.device_id}, which signed in to ${hop.length === 1 ? 'account' : 'accounts'} ` +
        `${hop.map((h) => `${h.account} ${fmtDuration(e.ts - h.ts)} before${h.asn === null ? '' : ` on ASN ${h.asn}`}`).join(', ')} from another network`)
    }
    const afterReset = e.ts - s.resetCompletedAt <= RESET_LOGIN_MS
    if (newDevice && (newAsn || newCountry) && afterReset) {
      reasons.push(`from new device ${e.device_id} right after the owner's password reset through the mailbox on record`)
    } else if (newDevice && (newAsn || newCountry)) {
      score += 35
      reasons.push(
        `from new device ${e.device_id}` +
          (newAsn ? ` on new ASN ${asn}` : '') +
          (newCountry ? ` in new country ${country}` : ''),
      )
    }
    // No points: a shop's events may carry no device fingerprint at all; but nothing ties the
    // login to the owner's device either (see the open chain below).
    const unknownDevice = e.device_id === null && (newAsn || newCountry)
    if (unknownDevice) reasons.push(`from ${newAsn ? `new ASN ${asn}` : `new country ${country}`} without a device fingerprint`)
    if (runHit !== null) {
      score += RUN_HIT_POINTS
      reasons.push(runHit)
    }
    if (impossibleTravel) {
      score += newDevice ? 20 : 10
      reasons.push(`${s.lastCountry} to ${country} in ${fmtDuration(travelMs)} (impossible travel)`)
    }
    if (unrecorded) {
      score += UNRECORDED_POINTS
      reasons.push('with no earlier login on record')
    }
    if (failedBefore > 0) {
      score += FAILED_PASSWORD_POINTS
      reasons.push(`after ${fmtCount(failedBefore)} failed ${failedBefore === 1 ? 'password' : 'passwords'}`)
    }

    s.logins++
    s.lastLoginTs = e.ts
    if (country !== null) {
      s.lastCountry = country
      s.countries.add(country)
    }
    if (e.device_id !== null) s.devices.add(e.device_id)
    if (asn !== null) s.asns.add(asn)

    // Every login opens a chain, but one from a known place (or a new place alone: people
    // travel) is only reported when the changes that follow lock the owner out. A takeover
    // under way stays the chain: the owner logging in meanwhile must not inherit its steps.
    // A login from a device the account has not used opens its own chain even when it scores
    // less than the open one: the open chain's points may only say the account had no record,
    // and the changes that follow from the new device must not be laid at the owner's device.
    // So does a login that sends no device fingerprint from a network the account has not used:
    // nothing ties it to the owner's device.
    const open = s.chain !== null && e.ts - s.chain.start < c.chainWindowMs
    if (open && (isSuspicious(s.chain!) || (s.chain!.loginScore >= score && !newDevice && !unknownDevice))) {
      const origins = s.chain!.origins
      if (e.session_id !== null && origins.size < MAX_ORIGINS) origins.set(e.session_id, { device: e.device_id, asn })
      return
    }
    if (reasons.length === 0) reasons.push(firstSeen ? 'as the first login of an account registered here' : newDevice ? `from new device ${e.device_id}` : 'from a known device')
    const related = new Members(24)
    for (const r of [...origin, ...loginMembers(e, account)]) related.add(r)
    // Evidence on the device itself (it is working through accounts, or took one over already)
    // raises the login at once when it reaches the threshold; an IP is shared too widely for that.
    // A device working through accounts with nothing on record may be a bot signing in to accounts
    // it holds itself (a scalper's, over proxies), which knows their passwords: without a failed
    // password first, that is a takeover only once it changes one.
    const deviceEvidence = (hop !== null && (!unrecorded || failedBefore > 0)) || repeat?.via.type === 'device'
    const raisedAtLogin = (deviceEvidence || runHit !== null) && score >= c.minScore
    s.displaced = open && s.chain!.session !== null && s.chain!.session !== e.session_id ? s.chain : null
    s.chain = {
      start: e.ts,
      session: e.session_id,
      raisedAtLogin,
      unrecorded,
      loginScore: score,
      stepScore: 0,
      lockout: false,
      addressChanged: false,
      sensitive: false,
      steps: [{ ts: e.ts, what: `login ${reasons.join(', ')}` }],
      related,
      origins: new Map(e.session_id === null ? [] : [[e.session_id, { device: e.device_id, asn }]]),
      moved: null,
    }
    if (raisedAtLogin && hop !== null) raiseEarlierHops(hop, e.device_id!, account, e.ts, sink)
    if (raisedAtLogin) markOrigins(account, s.chain, e.ts)
    if (stuffing !== null || raisedAtLogin) report(account, s.chain, e.ts, sink)
  }

  /**
   * Why a login without a device fingerprint looks like a stuffing run's hit, or null: a
   * login-wide campaign failed a login within the stuffing window, the session requested nothing
   * but the login form, and the shop's successful logins carry a fingerprint. A customer whose
   * browser blocks the fingerprinting script and who opens a bookmarked login page during a run
   * looks the same; nothing in a customer's ordinary login does.
   */
  function stuffingRunShape(e: AppEvent): string | null {
    if (logins < FINGERPRINT_MIN_LOGINS || fingerprinted < FINGERPRINT_SHARE * logins) return null
    if (!sources.campaignUnderWay(e.ts, config.credentialStuffing.windowMs)) return null
    const bare = sessionPaths.only(e.session_id)
    if (bare === null) return null
    return `without a device fingerprint (${fmtPct(fingerprinted / logins)} of the shop's logins carry one), from a session that ` +
      `requested nothing but ${bare}, while a credential-stuffing campaign was failing logins`
  }

  /**
   * The accounts a device raised at a login for working through accounts signed in to before it,
   * from other networks within the hour, each new to the device: the same rig's earlier victims,
   * whose own logins showed nothing yet. Each one's chain opened at that login gets the hop's
   * points and is raised with it when they reach `minScore`.
   */
  function raiseEarlierHops(hop: readonly DeviceLogin[], device: string, account: string, ts: number, sink: DetectionSink): void {
    for (const h of hop) {
      const s = accounts.peek(h.account)
      const chain = s === undefined ? undefined : [s.chain, s.displaced].find((x) => x !== null && x.start === h.ts)
      if (chain === undefined || chain === null || chain.raisedAtLogin) continue
      chain.loginScore += DEVICE_HOP_POINTS
      if (chain.steps.length < MAX_STEPS) {
        chain.steps.push({ ts, what: `device ${device} went on to sign in to account ${account} ${fmtDuration(ts - h.ts)} later from another network` })
      }
      if (chain.loginScore + chain.stepScore < c.minScore) continue
      chain.raisedAtLogin = true
      markOrigins(h.account, chain, ts)
      report(h.account, chain, ts, sink)
    }
  }

  /**
   * Remembers the login on its device and returns the device's logins, within the hour, to
   * other accounts from another network, when the device was new to both accounts.
   */
  function deviceHop(device: string, login: DeviceLogin, knownAsns: RecentSet): DeviceLogin[] | null {
    const recent = deviceLogins.upsert(device, login.ts, () => [])
    while (recent.length > 0 && (login.ts - recent[0]!.ts > DEVICE_HOP_MS || recent.length >= DEVICE_HOP_LOGINS)) recent.shift()
    const others = new Map<string, DeviceLogin>()
    for (const r of recent) {
      const elsewhere = (r.asn !== null && login.asn !== null && r.asn !== login.asn) ||
        (r.country !== null && login.country !== null && r.country !== login.country)
      // A household: a new tablet one parent signs in on at home and the other on mobile data
      // comes from a network each account already uses; a rig's proxies are the victims' strangers.
      const household = (r.asn !== null && knownAsns.has(r.asn)) ||
        (login.asn !== null && accounts.peek(r.account)?.asns.has(login.asn) === true)
      if (r.account !== login.account && r.newToAccount && elsewhere && !household) others.set(r.account, r)
    }
    recent.push(login)
    return login.newToAccount && others.size > 0 ? [...others.values()] : null
  }

  /** The chain's devices and IPs, remembered as a takeover's: one taking over accounts is likely to take more. */
  function markOrigins(account: string, chain: Chain, ts: number): void {
    for (const r of chain.related.refs) {
      if (r.type === 'device' || r.type === 'ip') takeoverOrigins.set(refKey(r), { account, ts }, ts)
    }
  }

  /** `from device X, already used to take over account Y` when one of `origin` did so lately. */
  function priorTakeover(origin: readonly EntityRef[], account: string, ts: number): { via: EntityRef; text: string } | null {
    for (const o of origin) {
      const prior = takeoverOrigins.peek(refKey(o))
      if (prior !== undefined && prior.account !== account && ts - prior.ts < c.chainWindowMs) {
        return { via: o, text: `from ${o.type} ${o.value}, already used to take over account ${prior.account}` }
      }
    }
    return null
  }

  /** The chain an event belongs to: the displaced one's when it comes from that chain's session. */
  function chainFor(s: AccountState, e: AppEvent): Chain | null {
    const d = s.displaced
    return d !== null && e.session_id !== null && d.session === e.session_id ? d : s.chain
  }

  function onStep(account: string, s: AccountState, e: AppEvent, sink: DetectionSink): void {
    const chain = chainFor(s, e)
    if (chain === null) return
    if (e.ts - chain.start > c.chainWindowMs) {
      if (chain === s.chain) s.chain = null
      else s.displaced = null
      return
    }
    // The session's device may be exposed as a takeover device only after this chain's login.
    if (chain.loginScore < REPEAT_POINTS && e.device_id !== null) {
      const repeat = priorTakeover([{ type: 'device', value: e.device_id }], account, e.ts)
      if (repeat !== null) {
        chain.loginScore += REPEAT_POINTS
        chain.steps.push({ ts: e.ts, what: `activity ${repeat.text}` })
      }
    }
    // The card the chain's own login session pays with is the takeover's too (the owner's stored
    // card charged by the thief, or the thief's own), flagged with the account at the next report;
    // the owner's later sessions that the chain holds pay with the owner's.
    if (e.event_action === 'payment.authorize') {
      if (e.card_fingerprint !== null && e.event_outcome === 'success' && e.session_id !== null && (e.session_id === chain.session || e.session_id === chain.moved)) {
        chain.related.add({ type: 'card', value: e.card_fingerprint })
      }
      return
    }
    if (STEP_POINTS[e.event_action] !== undefined || e.event_action === 'order.create') sessionMoved(chain, e)
    let points = 0
    let what = ''
    const step = STEP_POINTS[e.event_action]
    if (step !== undefined) {
      ;[points, what] = step
      if (e.event_action === 'account.password_change' && e.ts - s.resetRequestedAt < c.chainWindowMs) {
        return
      }
      if (e.event_action === 'account.address_change' && e.address_hash !== null && !s.addresses.has(e.address_hash)) {
        points += 5
        what = `address change to new address ${e.address_hash}`
      }
      if (e.event_action === 'account.address_change') chain.addressChanged = true
      if (e.event_action === 'account.email_change' && e.user_email !== null && s.email !== null && !sharesName(s.email, e.user_email)) {
        points += UNRELATED_EMAIL_POINTS
        what = 'email change to an address sharing no name with the old one'
      }
      if (e.card_fingerprint !== null) chain.related.add({ type: 'card', value: e.card_fingerprint })
      if (LOCKOUT.has(e.event_action) && (!chain.unrecorded || e.event_action === UNRECORDED_LOCKOUT)) chain.lockout = true
      chain.sensitive = true
    } else if (e.event_action === 'order.create') {
      const amount = e.order_amount ?? 0
      const high = amount >= c.highValueAmount
      // An address is new only against a record: with none on file (an account first seen
      // in this stream) it is unknown, unless this chain itself changed the address.
      const newAddress = e.address_hash !== null && !s.addresses.has(e.address_hash) &&
        (s.addresses.size > 0 || chain.addressChanged)
      if (!high && !newAddress) return
      points = (high ? 20 : 5) + (newAddress ? 15 : 0)
      // On an account with nothing on record an order is no sign of whose hands it is in: a
      // bot's own accounts buy too, and a thief shows in changing the account (or its address).
      // Nor is one shipped to an address the record holds, or that no record can call new: the
      // goods reach the owner, or whoever the owner abroad sends them to. A thief's order goes
      // to an address the account never used, or nowhere (a gift card sent by mail).
      if (high && !chain.unrecorded && (newAddress || e.address_hash === null)) chain.sensitive = true
      what = `${high ? 'high-value ' : ''}order of ${fmtCount(amount)}${e.order_currency === null ? '' : ` ${e.order_currency}`}` +
        (newAddress ? ' to a new address' : '')
    } else {
      return
    }
    chain.stepScore += points
    if (chain.steps.length < MAX_STEPS) chain.steps.push({ ts: e.ts, what })
    if (isSuspicious(chain) && chain.loginScore + chain.stepScore >= c.minScore) {
      markOrigins(account, chain, e.ts)
      report(account, chain, e.ts, sink)
    }
  }

  /**
   * A step in one of the chain's login sessions from another network, and not from the device
   * that signed in, is that session's cookie used elsewhere: the chain's origin becomes the
   * place the step came from (its IP, its device if it sent one) and the session that moved,
   * not the owner's login. From another device it also counts as a suspicious login; a step
   * that carries no device fingerprint moves the origin but adds nothing, since a shop's
   * server-side events may carry none.
   */
  function sessionMoved(chain: Chain, e: AppEvent): void {
    const asn = e.source_as_number === null ? null : String(e.source_as_number)
    const origin = e.session_id === null ? undefined : chain.origins.get(e.session_id)
    if (chain.moved !== null || origin === undefined) return
    const { device, asn: loginAsn } = origin
    if (device === null || e.device_id === device || asn === null || loginAsn === null || asn === loginAsn) return
    chain.moved = e.session_id
    if (e.device_id !== null) chain.loginScore += SESSION_MOVED_POINTS
    if (chain.steps.length < MAX_STEPS) {
      const from = e.device_id === null ? `IP ${e.source_ip ?? '(none)'} without a device fingerprint` : `device ${e.device_id}`
      chain.steps.push({ ts: e.ts, what: `session ${e.session_id} carried on from ${from} on ASN ${asn} (signed in on device ${device}, ASN ${loginAsn})` })
    }
    const related = new Members(24)
    for (const r of chain.related.refs) if (r.type !== 'device' && r.type !== 'ip' && r.type !== 'session') related.add(r)
    if (e.session_id !== null) related.add({ type: 'session', value: e.session_id })
    if (e.device_id !== null) related.add({ type: 'device', value: e.device_id })
    if (e.source_ip !== null) related.add({ type: 'ip', value: e.source_ip })
    chain.related = related
  }

  function report(account: string, chain: Chain, ts: number, sink: DetectionSink): void {
    const score = Math.min(100, chain.loginScore + chain.stepScore)
    const [login, ...rest] = chain.steps
    const then = rest.length > 0 ? ` then ${rest.map((x) => x.what).join(', ')}` : ''
    const evidence: Evidence[] = chain.steps.map((x, i) => ({
      field: `timeline_${i + 1}`,
      value: `${new Date(x.ts).toISOString()} ${x.what}`,
    }))
    evidence.push({ field: 'chain_score', value: score })
    const finding: Finding = {
      entity: { type: 'account', value: account },
      threat: THREAT,
      category: CATEGORY,
      score,
      ts,
      windowStart: chain.start,
      count: chain.steps.length,
      explanation:
        `Account ${account}: ${login?.what ?? 'login'}${then} within ${fmtDuration(ts - chain.start)} ` +
        `(chain score ${score}).`,
      evidence,
      related: [...chain.related.refs],
    }
    book.record(finding, sink)
    book.recordMembers(finding, chain.related.refs, sink)
  }

  return {
    id: ACCOUNT_TAKEOVER_ID,
    onApp(e: AppEvent, sink: DetectionSink) {
      const account = keyOf(e)
      if (account === null) return
      // Support agents change other people's accounts on purpose; those steps are not the owner's.
      if (isStaff(e.user_name, e.attributes, config) || config.staffUsers.includes(account)) return
      if (e.event_action === 'account.login') {
        if (e.event_outcome !== 'success') {
          const f = failures.upsert(account, e.ts, () => ({ last: e.ts, count: 0 }))
          if (e.ts - f.last > FAILED_PASSWORD_MS) f.count = 0
          f.last = e.ts
          f.count++
          return
        }
        const s = accounts.upsert(account, e.ts, newState)
        onLogin(account, s, e, sink)
        logins++
        if (e.device_id !== null) fingerprinted++
        s.email = e.user_email ?? (e.user_name?.includes('@') ? e.user_name : s.email)
        return
      }
      const s = accounts.peek(account)
      if (s === undefined) {
        if (e.event_action === 'account.register') {
          const fresh = newState(true)
          fresh.email = e.user_email
          accounts.set(account, fresh, e.ts)
        }
        return
      }
      if (e.event_action === 'account.password_reset_request') {
        s.resetRequestedAt = e.ts
        return
      }
      if (e.event_action === 'account.password_change' && e.ts - s.resetRequestedAt < c.chainWindowMs) s.resetCompletedAt = e.ts
      onStep(account, s, e, sink)
      if (e.event_action === 'account.email_change' && e.user_email !== null) s.email = e.user_email
      // Addresses used outside a suspicious chain are the owner's; inside one they stay new,
      // and an address changed within a chain waits for an order to count as the owner's.
      const chain = chainFor(s, e)
      const owners = chain === null || (!isSuspicious(chain) && e.event_action !== 'account.address_change')
      if (e.address_hash !== null && owners) s.addresses.add(e.address_hash)
    },
    tick(_nowMs: number, sink: DetectionSink) {
      book.flush(sink)
    },
    finish(sink: DetectionSink) {
      book.flush(sink)
    },
  }
}
