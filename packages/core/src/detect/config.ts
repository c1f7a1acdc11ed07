/**
 * The `detect:` section of vigil.config.yaml. Thresholds, weights and pattern lists are
 * data here, validated once with defaults, so a deployment tunes detection without code.
 * docs/detection.md describes every key.
 * @module
 */
import { z } from 'zod'
import { accountsConfigSchema } from './accounts/config.ts'

const ratio = z.number().min(0).max(1)
const weight = ratio
const positive = z.number().positive()
const count = z.number().int().min(1)

const scrapingSchema = z
  .object({
    /** Non-static requests in a window before the entity is scored at all. */
    minRequests: count.default(50),
    /** Distinct pages fetched successfully (GET, status < 400) in a window: scraping harvests content. */
    minDistinctPages: count.default(30),
    /** Distinct pages per visitor (session or user agent) in a window: a person reaches the low mark, rarely the high one. */
    coverageLow: positive.default(40),
    coverageHigh: positive.default(150),
    /** Share of catalog steps that go to the next or previous numeric id. */
    sequentialRatio: ratio.default(0.5),
    /** Static assets per page below this count as "no assets". */
    assetsPerPageLow: z.number().min(0).default(0.1),
    /** Coefficient of variation of inter-arrival times below this is timer-like. */
    regularCv: z.number().min(0).default(0.35),
    /** Share of requests with no session cookie, or distinct sessions per request, above this. */
    cookielessRatio: ratio.default(0.9),
    /** Consecutive harvesting windows (each with minDistinctPages per visitor) before a run counts as sustained. */
    sustainedWindows: count.default(2),
    /** Distinct pages per visitor summed over such a run: the sustained signal ramps between these. */
    sustainedPagesLow: positive.default(80),
    sustainedPagesHigh: positive.default(160),
    reportScore: z.number().min(0).max(100).default(60),
    weights: z
      .object({
        noAssets: weight.default(0.45),
        coverage: weight.default(0.7),
        /** Harvesting kept up over consecutive windows (a browser-driving scraper's steady pace). */
        sustained: weight.default(0.55),
        sequential: weight.default(0.6),
        regular: weight.default(0.35),
        cookieless: weight.default(0.35),
        noReferrer: weight.default(0.15),
        honeypot: weight.default(0.9),
        automation: weight.default(0.5),
        uaMismatch: weight.default(0.45),
        datacenter: weight.default(0.2),
        staleBrowser: weight.default(0.1),
        /** Harvesting without a single action (POST, PUT, PATCH, DELETE); half of it from a residential address. */
        readOnly: weight.default(0.55),
      })
      .strict()
      .prefault({}),
  })
  .strict()

const scannerSchema = z
  .object({
    minRequests: count.default(10),
    /** Distinct probe paths (known sensitive files, admin panels, injection markers) to call it a scan. */
    minProbes: count.default(3),
    /** Share of responses that are 404 (or 403) in a window to call it enumeration. */
    errorRatio: ratio.default(0.5),
    minDistinctErrorPaths: count.default(20),
    reportScore: z.number().min(0).max(100).default(60),
    /** Path fragments (lower case) of vulnerability probes: OAT-014. */
    vulnerabilityPaths: z
      .array(z.string().min(2))
      .default([
        '/.env', '/.git/', '/.svn/', '/.aws/', '/.ssh/', '/wp-login.php', '/xmlrpc.php', '/wp-admin',
        '/phpmyadmin', '/pma/', '/adminer', '/cgi-bin/', '/vendor/phpunit', '/actuator', '/.ds_store',
        '/config.php', '/config.json', '/web.config', '/.htaccess', '/.htpasswd', '/backup', '.sql',
        '.bak', '/etc/passwd', '/boaform', '/hnap1', '/solr/', '/console/', '/manager/html', '/jmx-console',
        '/shell', '/eval-stdin.php', '/debug/', '/_profiler', '/telescope', '/.vscode/', '/id_rsa',
      ]),
    /** Path fragments that reveal software and versions: OAT-004. */
    fingerprintPaths: z
      .array(z.string().min(2))
      .default([
        '/readme.html', '/readme.txt', '/license.txt', '/changelog.txt', '/changelog.md', '/composer.json',
        '/composer.lock', '/package.json', '/server-status', '/server-info', '/phpinfo', '/info.php',
        '/wp-includes/version.php', '/version', '/.well-known/openid-configuration', '/swagger', '/api-docs',
        '/magento_version', '/install.php', '/crossdomain.xml',
      ]),
    /** Decoded, lower-cased query or path fragments typical of injection payloads. */
    injectionMarkers: z
      .array(z.string().min(2))
      .default(['../', '..\\', '<script', 'union select', "' or '", '" or "', '${jndi:', 'sleep(', 'waitfor delay', '/etc/passwd', 'onerror=', '{{7*7}}', '${7*7}', ';cat ', '|id', '`id`', 'benchmark(']),
  })
  .strict()

const dosSchema = z
  .object({
    windowSeconds: z.number().int().min(1).max(3600).default(30),
    /** Non-static requests in the window from one entity. */
    maxRequests: count.default(600),
  })
  .strict()

const proxyRotationSchema = z
  .object({
    /** Distinct IPs behind one fingerprint, subnet or ASN in a window. */
    minIps: count.default(20),
    /** A rotating client makes few requests per IP. */
    maxRequestsPerIp: positive.default(10),
    minRequests: count.default(60),
    reportScore: z.number().min(0).max(100).default(60),
    /** IPs named per flagged fingerprint (IP-level detections and `related`). */
    maxIpsReported: z.number().int().min(0).max(100_000).default(2000),
  })
  .strict()

const listingWalkSchema = z
  .object({
    /**
     * Entries of one browser build, each at the next page of one listing and from another
     * address than the one before, that make a walk (a farm's work queue, not people landing).
     */
    minSteps: count.default(8),
    /** Distinct addresses among a walk's entries. */
    minAddresses: count.default(6),
    /** Longest pause between two entries of one walk. */
    maxGapMinutes: z.number().positive().max(24 * 60).default(5),
    /** Query parameters that number a listing's pages, as the shop spells them (Magento uses `p`). */
    pageParams: z.array(z.string().min(1)).min(1).default(['page', 'p']),
    /** Addresses (steps) kept and named per walk. */
    maxIpsReported: z.number().int().min(1).max(100_000).default(2000),
  })
  .strict()
  .refine((w) => w.minAddresses <= w.minSteps, { message: 'listingWalk.minAddresses cannot exceed minSteps: each step adds at most one address' })

const productSweepSchema = z
  .object({
    /** Landings of one browser build climbing the catalogue's ids that make a sweep (a sitemap queue, not people landing). */
    minSteps: count.default(16),
    /** Distinct addresses among a sweep's landings. */
    minAddresses: count.default(6),
    /**
     * Largest step up the ids from a sweep's highest id to its next landing: a farm whose W
     * workers take k URLs each moves about W × k between one worker's visits. Once 200 landings
     * have shown the catalogue's ids, a step is also at most a sixteenth of their range.
     */
    maxIdGap: z.number().int().min(1).max(1_000_000).default(400),
    /** Longest pause between two landings of one sweep. */
    maxGapMinutes: z.number().positive().max(24 * 60).default(10),
    /** Addresses kept per sweep. */
    maxIpsReported: z.number().int().min(1).max(100_000).default(2000),
  })
  .strict()
  .refine((w) => w.minAddresses <= w.minSteps, { message: 'productSweep.minAddresses cannot exceed minSteps: each landing adds at most one address' })

const deviceSpreadSchema = z
  .object({
    /** The window over which one device id's addresses are counted. */
    windowMinutes: z.number().min(1).max(24 * 60).default(60),
    /** Distinct addresses of one device id in the window. */
    minAddresses: count.default(10),
    /** Distinct networks (ASNs, or /24 and /48 blocks where the log has no ASN) among them. */
    minNetworks: count.default(4),
    /** Share of the device's page and API requests that were successful GETs (content served) for OAT-011. */
    minHarvestShare: z.number().min(0).max(1).default(0.5),
    /** Addresses kept and named per device. */
    maxIpsReported: z.number().int().min(1).max(10_000).default(500),
  })
  .strict()
  .refine((w) => w.minNetworks <= w.minAddresses, { message: 'deviceSpread.minNetworks cannot exceed minAddresses' })

const sessionSignalsSchema = z
  .object({
    /** The window over which one session cookie's addresses are counted (a profile keeps its cookie for hours). */
    hopWindowMinutes: z.number().min(1).max(24 * 60).default(180),
    /** Distinct addresses of one session cookie, leaving out relays, VPNs, Tor and CDNs, before it has hopped. */
    hopMinAddresses: count.default(6),
    /** And either this many countries among them… */
    hopMinCountries: count.default(2),
    /** …or this many networks (ASNs, else /24 and /48 blocks): a carrier's CGNAT or an office's egress stays in one. */
    hopMinNetworks: count.default(4),
    /** Rendering visits of a user-agent family before its TLS clients are known. */
    tlsLearnVisits: count.default(200),
    /** A family under this share of the rendering visits on a JA4 is not presenting its own TLS client there (or no rendering visit presents it). */
    tlsForeignShare: ratio.default(0.1),
    /** Pages of a client before a user-agent/TLS mismatch is named. */
    tlsMinPages: count.default(2),
    /** Requests naming a shop page the client never fetched before it is named… */
    orphanMinRequests: count.default(3),
    /** …and their share of its requests with a shop referrer. */
    orphanMinShare: ratio.default(0.5),
    /** Above this share of orphans among all shop-referred requests, a cache serves the pages: nothing is judged. */
    orphanSiteShare: ratio.default(0.1),
    /** Silence that ends one poll's round of requests. */
    pollRoundGapSeconds: z.number().min(1).max(3600).default(15),
    /** Longest period between polls followed (a client idle longer is forgotten). */
    pollMaxPeriodMinutes: z.number().min(1).max(24 * 60).default(15),
    /** Rounds, each repeating the one before, and the time they span… */
    pollMinRounds: count.default(12),
    pollMinSpanMinutes: z.number().min(1).default(45),
    /** …at a period whose coefficient of variation is below this. */
    pollMaxCv: z.number().min(0).default(0.25),
    /** Distinct URLs in a round above which it is browsing, not a watch list. */
    pollMaxUrls: count.default(40),
  })
  .strict()

const cohortSurgeSchema = z
  .object({
    /** Silence that ends a visit (an address's requests under one user agent). */
    visitGapSeconds: z.number().int().min(10).max(3600).default(120),
    /** The window over which a cohort's visits and the builds' shares are counted. */
    windowMinutes: z.number().min(5).max(24 * 60).default(30),
    /** Visits of the kind (rendered nothing, read in haste) in one cohort (user agent, referrer host, section landed on) in the window. */
    minVisits: count.default(10),
    /** Distinct addresses among them. */
    minAddresses: count.default(8),
    /**
     * Share of the cohort's visits of the kind that the people of its shape cannot explain: its
     * other visits at people's rate of that kind account for at most the rest.
     */
    minFarmShare: ratio.default(0.95),
    /** Largest Poisson tail probability of the cohort's visits of the kind at people's rate. */
    pValue: z.number().positive().max(0.05).default(1e-6),
    /** Floor of people's rate of a kind (a log with assets shows almost no unrendered visits). */
    minBaselineShare: ratio.default(0.01),
    /** Visits of a browser build in the window before its own share counts towards people's rate. */
    baselineMinVisits: count.default(5),
    /** A visit of this many pages or more, most fetched within `hastyGapSeconds` of the one before and with no action, is read in haste. */
    hastyPages: z.number().int().min(3).default(8),
    hastyGapSeconds: z.number().positive().max(600).default(10),
    /** Cohorts counted at once; past it new shapes wait for old ones to empty. */
    maxCohorts: z.number().int().min(16).max(1_000_000).default(4096),
    /** Addresses kept and named per cohort. */
    maxIpsReported: z.number().int().min(1).max(100_000).default(2000),
  })
  .strict()
  .refine((w) => w.minAddresses <= w.minVisits, { message: 'cohortSurge.minAddresses cannot exceed minVisits: each visit adds at most one address' })

const popularityBlindSchema = z
  .object({
    /** Silence that ends a visit (an address's requests). */
    visitGapSeconds: z.number().int().min(10).max(3600).default(120),
    /** The window over which each page's popularity (distinct visits that read it) is counted. */
    curveMinutes: z.number().min(10).max(7 * 24 * 60).default(180),
    /** The window over which a landing page's judged and off-curve visits are counted. */
    windowMinutes: z.number().min(5).max(24 * 60).default(120),
    /** Distinct pages, addressed by their path, a visit must read to be judged. */
    minPages: z.number().int().min(2).max(32).default(5),
    /** A visit is off the curve below this quantile of the scores of visits that acted or searched. */
    referenceQuantile: z.number().positive().max(0.5).default(0.1),
    /** A visit of a flagged landing page is named only below this quantile: people land on a farm's page too. */
    memberQuantile: z.number().positive().max(0.5).default(0.005),
    /** Latest visits that acted or searched whose scores are kept. */
    referenceVisits: z.number().int().min(50).max(100_000).default(300),
    /** Scored visits that acted or searched before any visit is judged: the curve is not known before. */
    minReferenceVisits: count.default(100),
    /** Off-curve visits entering at one page in the window. */
    minVisits: count.default(5),
    /** Distinct addresses among them. */
    minAddresses: count.default(5),
    /** Share of the landing page's judged visits that are off the curve. */
    minShare: ratio.default(0.5),
    /** Largest Poisson tail probability of that many off-curve visits at people's rate (the quantile). */
    pValue: z.number().positive().max(0.05).default(1e-4),
    /** Landing pages counted at once. */
    maxCohorts: z.number().int().min(16).max(1_000_000).default(4096),
    /** Addresses kept and named per landing page. */
    maxIpsReported: z.number().int().min(1).max(100_000).default(2000),
  })
  .strict()
  .refine((w) => w.minAddresses <= w.minVisits, { message: 'popularityBlind.minAddresses cannot exceed minVisits: each visit adds at most one address' })
  .refine((w) => w.minReferenceVisits <= w.referenceVisits, { message: 'popularityBlind.minReferenceVisits cannot exceed referenceVisits, the scores kept' })
  .refine((w) => w.memberQuantile <= w.referenceQuantile, { message: 'popularityBlind.memberQuantile cannot exceed referenceQuantile: a named visit is off the curve' })

const handoffSchema = z
  .object({
    /** Longest time from a page's fetch to another client's request naming it as referrer. */
    gapSeconds: z.number().min(1).max(600).default(30),
    /** A page fetched by two clients within this is shared: a referrer naming it says nothing of who. */
    uniqueMinutes: z.number().min(1).max(24 * 60).default(10),
    /** The window over which the shop's hand-offs are counted… */
    windowMinutes: z.number().min(1).max(24 * 60).default(30),
    /** …and how many it must show before any address is named: one is a coincidence. */
    minHandoffs: count.default(5),
    /** Share of the window's page fetches that browsers rendered (an asset, script call or write naming them) below which nothing is judged. */
    minRenderedShare: ratio.default(0.1),
  })
  .strict()

const unsharedHopsSchema = z
  .object({
    /** Hops between sibling pages (and nothing else) after landing from outside, before a visit is judged. */
    minHops: count.default(3),
    /** The window the shop's repeat rate and the judged visits are read over. */
    windowMinutes: z.number().min(1).max(24 * 60).default(60),
    /** A hop pair no address has taken for this long is forgotten. */
    pairMinutes: z.number().min(1).max(7 * 24 * 60).default(180),
    /** Hops of other visits in the window, and how many of them repeat, before anything is judged (a small shop, a thin baseline). */
    minBaselineHops: count.default(300),
    minBaselineRepeats: count.default(20),
    /** Judged visits in the window, and their addresses, before they are flagged together. */
    minVisits: count.default(10),
    minAddresses: count.default(5),
    /** The judged visits' repeat share, at most this fraction of the shop's… */
    maxShare: ratio.default(0.5),
    /** …and as few repeats as people's rate gives with at most this probability. */
    pValue: ratio.default(1e-6),
    /** A judged visit is named when its own repeat share is at most this fraction of the shop's. */
    memberShare: ratio.default(0.34),
  })
  .strict()

const unknownLinksSchema = z
  .object({
    /** Links followed from pages other visits clicked from, after landing from outside, before a visit is judged. */
    minClicks: count.default(3),
    /** The window the shop's repeat rates and the judged visits are read over. */
    windowMinutes: z.number().min(1).max(24 * 60).default(60),
    /** A link (page -> page) or a page clicked from that no address has used for this long is forgotten. */
    pairMinutes: z.number().min(1).max(7 * 24 * 60).default(180),
    /** Clicks of other visits in the window, and how many of them repeat, before anything is judged (a small shop, a thin baseline). */
    minBaselineClicks: count.default(300),
    minBaselineRepeats: count.default(20),
    /** Judged visits in the window, and their addresses, before they are flagged together. */
    minVisits: count.default(10),
    minAddresses: count.default(5),
    /** A judged visit is off when its repeats are at most this fraction of what people's rates give for the same pages… */
    memberShare: ratio.default(0.34),
    /** …and as few as they give with at most this probability (so at most this share of people's visits is off). */
    memberPValue: ratio.default(0.05),
    /** People's share of off visits, read from the visits not judged, is taken as at least this. */
    minOffShare: ratio.default(0.01),
    /** Off visits flagged together when that share of the window's judged visits would give as many with at most this probability. */
    pValue: ratio.default(1e-6),
  })
  .strict()

const listingReferrerSchema = z
  .object({
    /** Requests naming an unloaded page of a listing the client loaded another page of, before it is named (a burst counts once)… */
    minRequests: count.default(3),
    /** Such requests this close to the one before are one act: tabs opened in a row from one page, a session restore. */
    burstSeconds: z.number().min(0).max(600).default(5),
    /** …and their share of its requests whose referrer is a page of a listing it loaded. */
    minShare: ratio.default(0.25),
    /** Clients with a referrer judged before anything is (a small shop early on). */
    siteMinClients: count.default(100),
    /** Above this share of those clients naming an unloaded sibling, a cache serves listing pages: nothing is judged. */
    siteMaxShare: ratio.default(0.25),
  })
  .strict()

const searchStreamSchema = z
  .object({
    /** Silence that ends a visit (an address's requests). */
    visitGapSeconds: z.number().int().min(10).max(3600).default(120),
    /** Query parameters that carry a search term (`?s=` WordPress and WooCommerce, `?q=` Shopify and Magento, …). */
    searchParams: z.array(z.string().min(1)).default(['s', 'q', 'query', 'search', 'keyword', 'keywords', 'term', 'text', 'k']),
    /** Distinct terms a visit searches before it is judged. */
    minSearches: z.number().int().min(2).max(16).default(4),
    /** The window over which the shop's visits that searched that much are counted. */
    windowMinutes: z.number().min(5).max(24 * 60).default(60),
    /** Visits that opened nothing they found, from this many addresses, before any is named… */
    minVisits: count.default(5),
    minAddresses: count.default(5),
    /** …and their share of the visits that searched as much. */
    minShare: ratio.default(0.5),
    /** Addresses kept and named. */
    maxIpsReported: z.number().int().min(1).max(100_000).default(2000),
  })
  .strict()
  .refine((w) => w.minAddresses <= w.minVisits, { message: 'searchStream.minAddresses cannot exceed minVisits: each visit adds at most one address' })

const headlessSchema = z
  .object({
    /** Page or API requests with an automation signal before an entity is reported. */
    minRequests: count.default(5),
    /**
     * Pages a client claiming a browser fetches in one visit without one static asset or one
     * referrer before it is reported as not rendering them (where the log shows both for browsers).
     */
    noRenderPages: count.default(2),
    /**
     * Pages of one visit that came with referrers from the shop but without one static asset, API
     * call or write naming a page, all over HTTP/1 on a log whose pages come over HTTP/2, before the
     * visit is reported as not rendering them all the same: a script sets the referrers itself,
     * while a browser showing that many pages fetches something.
     */
    referredPages: count.default(5),
    /**
     * Writes (POST, PUT, PATCH, DELETE to a page path) to one path in one visit of a client
     * claiming a browser, with no page fetched before them, before that address is reported:
     * a form submitted again and again without the form ever being loaded.
     */
    blindWrites: count.default(5),
    /**
     * Addresses that each wrote blind to the same path within `sessionGapMinutes` before every
     * one of them is reported, when they are at least `blindWriteShare` of the path's writers.
     */
    blindWriteAddresses: count.default(10),
    blindWriteShare: z.number().min(0).max(1).default(0.25),
    /**
     * Writes to one page path refused (4xx/5xx) in one visit of a client claiming a browser, at
     * least four for each accepted, before the address is reported: a card tested or an item
     * grabbed at again and again.
     */
    refusedWrites: count.default(10),
  })
  .strict()

const browserReleaseSchema = z
  .object({
    /** Family as the user agent names it in its product token, e.g. `Chrome`, `Firefox`. */
    family: z.string().min(2),
    anchorVersion: z.number().int().min(1),
    /** Release date of anchorVersion (YYYY-MM-DD). */
    anchorDate: z.iso.date(),
    cadenceDays: z.number().positive(),
  })
  .strict()

export const detectConfigSchema = z
  .object({
    /** Detector ids to leave out of the registry. */
    disabled: z.array(z.string().min(1)).default([]),
    /** Cap on entities in every per-entity table. */
    maxEntities: z.number().int().min(100).max(10_000_000).default(50_000),
    windowMinutes: z.number().min(1).max(24 * 60).default(10),
    /** Inactivity that ends a session rebuilt from IP and user agent. */
    sessionGapMinutes: z.number().min(1).max(24 * 60).default(30),
    /** Events before site-wide baselines (asset, cookie and referrer shares) are trusted. */
    baselineMinEvents: z.number().int().min(1).default(500),
    /** Paths no person reaches (links hidden from people, disallowed in robots.txt). */
    honeypotPaths: z.array(z.string().min(1)).default([]),
    /** Declared crawlers whose published IP ranges the enrichment bundles, so a claim can be checked. */
    verifiableCrawlers: z.array(z.string().min(2)).default(['Googlebot', 'GPTBot']),
    /**
     * Networks (AS numbers) each crawler operator crawls from: a claim from the operator's own
     * network is accepted where the bundled ranges lag behind, and crawlers with no bundled
     * ranges become checkable. Weaker than the ranges (a cloud tenant can share the ASN).
     */
    crawlerAsns: z.record(z.string().min(2), z.array(z.number().int().min(1))).default({
      Googlebot: [15169],
      bingbot: [8075],
      Applebot: [714, 6185],
    }),
    /** Browser release cadence, to call a version stale or impossible at the event's date. */
    browsers: z.array(browserReleaseSchema).default([
      // Nominally every four weeks; measured 2023–2025 the majors came about every 31.5 days (Chrome, Edge) and 29 (Firefox).
      { family: 'Chrome', anchorVersion: 142, anchorDate: '2025-10-28', cadenceDays: 31.5 },
      { family: 'Firefox', anchorVersion: 144, anchorDate: '2025-10-14', cadenceDays: 29 },
      { family: 'Edg', anchorVersion: 142, anchorDate: '2025-10-31', cadenceDays: 31.5 },
    ]),
    /** Major versions behind the expected current one before a browser is stale. */
    staleMajors: z.number().int().min(1).default(24),
    /** Major versions ahead of the expected current one that no release has reached yet. */
    futureMajors: z.number().int().min(1).default(4),
    /** Known ja4 `a` sections (protocol, version, SNI, counts, ALPN) per browser family; empty = generic checks only. */
    ja4BrowserPrefixes: z.record(z.string(), z.array(z.string().min(4))).default({}),
    scraping: scrapingSchema.prefault({}),
    scanner: scannerSchema.prefault({}),
    dos: dosSchema.prefault({}),
    proxyRotation: proxyRotationSchema.prefault({}),
    headless: headlessSchema.prefault({}),
    listingWalk: listingWalkSchema.prefault({}),
    productSweep: productSweepSchema.prefault({}),
    deviceSpread: deviceSpreadSchema.prefault({}),
    cohortSurge: cohortSurgeSchema.prefault({}),
    popularityBlind: popularityBlindSchema.prefault({}),
    /** bot.handoff: one navigation carried on by another client. */
    handoff: handoffSchema.prefault({}),
    /** bot.search_stream: visits that search term after term and open nothing they find. */
    searchStream: searchStreamSchema.prefault({}),
    /** bot.listing_referrer: referrers naming a page of a listing the client never loaded, beside one it did. */
    listingReferrer: listingReferrerSchema.prefault({}),
    /** Visits that only follow links between sibling pages, taking pairs no one else takes. */
    unsharedHops: unsharedHopsSchema.prefault({}),
    /** Visits whose links, from pages people click from, go where no one else's do. */
    unknownLinks: unknownLinksSchema.prefault({}),
    /** Per-client signals a farm cannot spread away: hopping sessions, TLS that lies, orphan referrers, polling. */
    sessionSignals: sessionSignalsSchema.prefault({}),
    /** The account and device detectors' section (packages/core/src/detect/accounts/config.ts). */
    accounts: accountsConfigSchema.prefault({}),
  })
  .strict()

export type DetectConfig = z.output<typeof detectConfigSchema>

/** The defaults, for callers without a config file (tests, the guard). */
export function defaultDetectConfig(): DetectConfig {
  return detectConfigSchema.parse({})
}
