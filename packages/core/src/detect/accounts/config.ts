/**
 * Thresholds of the account and device detectors, as data: the `detect.accounts` section
 * of `vigil.config.yaml`. Every key has a default so an empty section is valid.
 * @module
 */
import { z } from 'zod'
import smsCountries from './data/sms-pumping-countries.json' with { type: 'json' }

const MINUTE = 60_000
const HOUR = 60 * MINUTE

const ms = (defaultMs: number) => z.number().int().min(1_000).max(30 * 24 * HOUR).default(defaultMs)
const count = (n: number) => z.number().int().min(1).max(1_000_000).default(n)
const ratio = (r: number) => z.number().min(0).max(1).default(r)

/** Distinct-username thresholds per aggregation level. */
const perSource = (ip: number, subnet: number, asn: number, device: number, ja4: number) =>
  z
    .object({
      ip: count(ip),
      subnet: count(subnet),
      asn: count(asn),
      device: count(device),
      ja4: count(ja4),
    })
    .strict()
    .prefault({})

const credentialStuffingSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Burst window: fast runs from few sources. */
    windowMs: ms(10 * MINUTE),
    burstDistinctUsers: perSource(8, 12, 25, 6, 25),
    /** Long window: low-and-slow runs that stay under the per-burst thresholds. */
    slowWindowMs: ms(6 * HOUR),
    slowDistinctUsers: perSource(15, 20, 40, 12, 40),
    minFailureRatio: ratio(0.7),
    /** Endpoint-wide success-rate collapse, the signal of a run spread over many sources. */
    endpointBucketMs: ms(5 * MINUTE),
    endpointMinAttempts: count(40),
    /** The bucket's success rate below this fraction of the baseline is a collapse. */
    endpointCollapseRatio: ratio(0.5),
    endpointBaselineAlpha: ratio(0.2),
    endpointWarmupBuckets: count(3),
    /**
     * The other campaign signal, independent of a baseline: logins for accounts that do not
     * exist (combo lists are mostly other shops' users) making up this share of the attempts
     * in `campaignWindowMs`, at least `campaignMinUnknown` of them.
     */
    campaignWindowMs: ms(30 * MINUTE),
    campaignMinUnknown: count(10),
    campaignUnknownShare: ratio(0.25),
    /**
     * The same logins as a burst against the stream's own rate of them: at least this many,
     * at the share above, that a Poisson process at the learned rate gives with probability
     * at most `surgePValue`.
     */
    surgeMinUnknown: count(4),
    surgePValue: z.number().min(0).max(0.01).default(1e-6),
    /**
     * During a campaign, a source that never succeeded joins it when it failed for this many
     * distinct accounts, or once for an account that does not exist.
     */
    campaignMemberDistinctUsers: count(2),
  })
  .strict()

const accountTakeoverSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** How long after a suspicious login sensitive changes and orders join the chain. */
    chainWindowMs: ms(24 * HOUR),
    /** A country change between two logins faster than this is impossible travel. */
    impossibleTravelMs: ms(2 * HOUR),
    /** Orders at or above this amount count as high value. */
    highValueAmount: z.number().min(0).default(300),
    /** Devices, ASNs, countries and addresses remembered per account. */
    historySize: count(8),
    /** Minimum chain score reported. */
    minScore: z.number().min(0).max(100).default(60),
  })
  .strict()

const fakeAccountsSchema = z
  .object({
    enabled: z.boolean().default(true),
    windowMs: ms(HOUR),
    /** Devices are judged over a longer window: a farm spreads its registrations over hours. */
    deviceWindowMs: ms(6 * HOUR),
    registrationsPerDevice: count(3),
    /** Registrations from one device with generated-looking names (letters then digits). */
    generatedNamesPerDevice: count(3),
    /**
     * Registrations from one device, all with generated-looking names, that flag it when the
     * device viewed at most `pagesPerBareRegistration` pages per registration (it never browsed).
     */
    bareRegistrationsPerDevice: count(2),
    pagesPerBareRegistration: count(2),
    /**
     * Bare registrations (as above) with generated-looking names from at least two devices
     * sharing one browser build (user agent) within `windowMs`, making up at least
     * `bareBrowserShare` of that build's registrations there: a farm rotating devices and proxies.
     */
    bareRegistrationsPerBrowser: count(3),
    bareBrowserShare: ratio(0.75),
    registrationsPerIp: count(5),
    registrationsPerSubnet: count(10),
    /** Registrations within `deviceWindowMs` whose addresses deliver to one mailbox (aliases: `+tag`, Gmail's dots). */
    registrationsPerMailbox: count(3),
    /**
     * Fewer registrations on one mailbox when each is under a random-looking `+tag` or another dot
     * placement of a Gmail address (see `aliasVariantOf`): a script's aliases, not a person's `+shop`.
     */
    generatedAliasRegistrations: count(2),
    /** Registrations from one source sharing one username/email shape. */
    patternedRegistrations: count(3),
    disposableRegistrations: count(2),
    /** An account this young redeeming a coupon counts as a new-customer coupon abuse. */
    freshAccountMs: ms(24 * HOUR),
    freshCouponRedemptions: count(3),
  })
  .strict()

const cardingSchema = z
  .object({
    enabled: z.boolean().default(true),
    windowMs: ms(HOUR),
    /** Distinct cards tried by one account, device or IP (card testing, OAT-001). */
    distinctCards: count(5),
    /** Fewer distinct cards suffice when every authorization failed and was for at most `testAmount` (tester's checks). */
    tinyDistinctCards: count(3),
    testAmount: z.number().min(0).max(1_000_000).default(10),
    minFailureRatio: ratio(0.6),
    /** Attempts on one card with cvv/expiry failures (card cracking, OAT-010). */
    crackingAttempts: count(4),
    /**
     * Failed authorizations for at most `testAmount` (card tests), at least this many and this
     * share of all authorizations over their span, that a Poisson process at the stream's own
     * rate of them would give with probability at most `surgePValue`: a campaign spread over
     * many addresses, one card each.
     */
    surgeMinTests: count(5),
    surgeTestShare: ratio(0.25),
    surgePValue: z.number().gt(0).max(0.01).default(1e-6),
  })
  .strict()

const tokenCrackingSchema = z
  .object({
    enabled: z.boolean().default(true),
    windowMs: ms(HOUR),
    distinctCodes: count(8),
    minFailureRatio: ratio(0.8),
    /**
     * Rejected codes nobody has redeemed (guesses), at least this many and this share of the
     * kind's attempts, that a Poisson process at the stream's learned rate of guesses gives
     * with probability at most `surgePValue`: their IPs whose every attempt was rejected are raised.
     */
    surgeMinGuesses: count(5),
    surgeGuessShare: ratio(0.5),
    surgePValue: z.number().min(0).max(0.01).default(1e-6),
    /**
     * While the stream carries page views: the fewest guesses from clients that viewed no page of
     * the shop lately that make a surge (at the same share and p-value). A shopper tries codes
     * while shopping, so such guesses are rarer than guesses at large, and fewer of them are telling.
     */
    surgeMinBareGuesses: count(3),
    /**
     * A session that viewed no page of the shop and whose every attempt, at least this many at
     * distinct codes, was a guess is a script walking codes: a shopper tries codes at checkout.
     */
    bareSessionGuesses: count(4),
  })
  .strict()

const smsPumpingSchema = z
  .object({
    enabled: z.boolean().default(true),
    windowMs: ms(HOUR),
    /** OTP sends to distinct phones from one source, whatever the destinations. */
    distinctPhones: count(25),
    /** Share of a source's sends going to high-risk destinations that marks pumping. */
    highRiskShare: ratio(0.75),
    minHighRiskSends: count(8),
    /** Distinct high-risk phones sent codes with no account signed in (sign-up or login by SMS). */
    anonymousHighRiskPhones: count(3),
    /** Distinct phones, any destination, sent codes from one device with no account signed in. */
    anonymousDevicePhones: count(6),
    /**
     * OTP sends to high-risk destinations, at least this many and this share of all OTP sends
     * over their span, that a Poisson process at the stream's own rate of sends to the same
     * destinations would give with probability at most `surgePValue`: a campaign spread over many
     * addresses. The same for codes to unserved destinations (unused, or asked for by bare sessions).
     */
    surgeMinSends: count(5),
    surgeSendShare: ratio(0.5),
    surgePValue: z.number().gt(0).max(0.01).default(1e-6),
    /**
     * How long a code can be used (Twilio Verify's and most providers' default is ten minutes):
     * a code to a destination off the list is judged once this is over, used or not.
     */
    codeLifetimeMs: ms(10 * MINUTE),
    /**
     * A destination off the list is one the shop serves once this share of its customers (where
     * they sign in from, their addresses, the codes they used) is there; below it, codes nobody
     * used surging against the shop's own rate of them open a campaign.
     */
    customerShare: ratio(0.01),
    highRiskCountries: z.array(z.string().length(2)).default([...smsCountries.list]),
  })
  .strict()

const scalpingSchema = z
  .object({
    enabled: z.boolean().default(true),
    windowMs: ms(HOUR),
    /** Orders of one product by one device or IP (scalping, OAT-005). */
    ordersPerSource: count(3),
    /**
     * Distinct accounts buying one product (two orders or more) from one device or account;
     * two are enough from a device or session raised for polling stock without browsing.
     */
    accountsPerSource: count(3),
    /** Cart adds of one product by one device or account never followed by an order (OAT-021). */
    heldCartAdds: count(10),
    holdMs: ms(30 * MINUTE),
    /**
     * Stock polling: GETs of one product's stock endpoint by one device or session that
     * browses nothing (no page, no other GET), within `pollWindowMs` — a bot waiting for a drop.
     */
    pollsPerClient: count(4),
    pollWindowMs: ms(10 * MINUTE),
    /** Path segments that mark an inventory endpoint (`/api/products/{id}/stock`). */
    stockPathSegments: z.array(z.string().min(1).max(64)).default(['stock', 'inventory', 'availability']),
    /**
     * A product's machine-readable record, which carries its availability (`/products/{handle}.js`
     * on Shopify): the directory it sits in and its extensions; polled like a stock endpoint.
     */
    productRecordDirs: z.array(z.string().min(1).max(64)).default(['products']),
    productRecordExtensions: z.array(z.string().min(2).max(16)).default(['.js', '.json']),
    /**
     * A source buying one product again and again is scalping while the product is in demand
     * (or the source polled its stock like a bot): its orders over the last `demandWindowMs` at
     * least `demandMinOrders` and far more than its share of the shop's earlier orders would give
     * (Poisson tail at most `demandPValue`) within the last `windowMs`.
     */
    demandWindowMs: ms(10 * MINUTE),
    demandMinOrders: count(5),
    demandPValue: z.number().gt(0).lt(1).default(1e-6),
  })
  .strict()

const bolaSchema = z
  .object({
    enabled: z.boolean().default(true),
    windowMs: ms(30 * MINUTE),
    /** Distinct foreign object ids read under one route by one principal. */
    distinctObjects: count(15),
    /** Numeric ids this close to the previous one count as a sequential walk. */
    sequentialGap: count(3),
    /**
     * A walk is raised before `distinctObjects` at this many objects, when at least this share
     * of its reads are sequential and one was refused or is known to be another account's: two
     * neighbouring ids, neither the principal's, one of them refused or another's, are a probe
     * (a customer's own orders are far apart, and a typo of one id is one object).
     */
    earlyDistinctObjects: count(2),
    earlySequentialShare: ratio(0.75),
  })
  .strict()

const graphSchema = z
  .object({
    enabled: z.boolean().default(true),
    maxNodes: count(200_000),
    /** A device or IP shared by more accounts than this (CGNAT, office) is too weak to link. */
    superNodeAccounts: count(30),
    /** Accounts sharing a card, phone or address that make a ring. */
    minStrongRing: count(4),
    /** Fewer accounts still make a ring when all were registered within `freshAccountMs` and share `minFreshSharedNodes` nodes. */
    minFreshRing: count(3),
    /**
     * One shared node can be chance (two customers typing the same address, a recycled
     * number); a shop that keeps phones and e-mails unique per account may set 1.
     */
    minFreshSharedNodes: count(2),
    /**
     * Score of the early ring raised when two accounts registered within `freshAccountMs` pay with
     * one card and share no device, IP or name (0: off). Lower than a ring's, since one card is a
     * couple's as well as a crew's; the detection grows when a third account joins.
     */
    cardPairScore: z.number().int().min(0).max(100).default(45),
    /**
     * Score of the early ring raised when two accounts registered within `freshAccountMs` registered
     * with one phone number and share no device, IP or name (0: off). Lower than a card pair's: a
     * number may be made up (typed by strangers alike) or recycled by the carrier.
     */
    phonePairScore: z.number().int().min(0).max(100).default(40),
    freshAccountMs: ms(24 * HOUR),
    /** Accounts in a device/IP community that make a ring. */
    minWeakRing: count(6),
    /**
     * A device or IP used by at most this many accounts, at least half of them a strong
     * ring's, ties its other accounts (and their strong components) to the ring when all of
     * them were registered within `freshAccountMs`.
     */
    maxTieAccounts: count(3),
    /** Up to this many accounts sharing one address and one device or IP are a household, not a ring. */
    maxHouseholdAccounts: count(6),
    /** How often (event time) all rings, weak ones included, are recomputed before the end of the stream. */
    intervalMs: ms(15 * MINUTE),
    /** A strong link's ring is judged this long after it (event time), once the checkout that made it is in. */
    settleMs: ms(10_000),
  })
  .strict()

export const accountsConfigSchema = z
  .object({
    /** Staff user ids/names (support agents act on many accounts by design). */
    staffUsers: z.array(z.string().min(1)).default([]),
    /** Attribute or label values of `user.roles`/`role` that mark staff. */
    staffRoles: z.array(z.string().min(1)).default(['staff', 'support', 'admin']),
    /** Bound on tracked keys per detector map; the oldest are evicted beyond it. */
    maxKeys: count(100_000),
    credentialStuffing: credentialStuffingSchema.prefault({}),
    accountTakeover: accountTakeoverSchema.prefault({}),
    fakeAccounts: fakeAccountsSchema.prefault({}),
    carding: cardingSchema.prefault({}),
    tokenCracking: tokenCrackingSchema.prefault({}),
    smsPumping: smsPumpingSchema.prefault({}),
    scalping: scalpingSchema.prefault({}),
    bola: bolaSchema.prefault({}),
    graph: graphSchema.prefault({}),
  })
  .strict()

export type AccountsConfig = Readonly<z.output<typeof accountsConfigSchema>>
export type AccountsUserConfig = z.input<typeof accountsConfigSchema>

export function resolveAccountsConfig(input?: AccountsUserConfig): AccountsConfig {
  return accountsConfigSchema.parse(input ?? {})
}
