/**
 * `bot.search_stream` (OAT-011, category `search_stream`): visits that search term after term and
 * open none of what they find. A person searches to find something: they refine a term or two
 * and open a result (a product, a listing), or give up after a few tries. A scraper reading the
 * shop's search results (prices and ranks per keyword, a keyword list walked in order) asks
 * for result page after result page of new terms and never opens one, from a real browser that
 * renders each, at a person's pace, a handful of terms per proxy exit.
 *
 * A visit (an address's requests from its first search on, ending after `visitGapSeconds` of
 * quiet; an address with several user agents is several people and is not judged) is judged once
 * it searched `minSearches` distinct terms (the values of `searchParams` in the query: `?s=`,
 * `?q=`, …): it is a stream when it fetched no other page (a result opened is a product or a
 * listing) and did nothing (no write other than the pages' telemetry, nothing refused). The shop's visits that searched that
 * much are counted over `windowMinutes`; a shop is reading a stream when `minVisits` streams from
 * `minAddresses` addresses are at least `minShare` of them: people who search that much open
 * what they find. Then each stream's address (and the session cookie it carried) is named, later
 * ones as their visits end.
 * @module
 */
import type { EntityRef } from '../../events/detection.ts'
import type { DetectConfig } from '../config.ts'
import type { DetectionSink, StreamDetector } from '../detector.ts'
import { BoundedMap } from '../state/bounded-map.ts'
import { SlidingCounter } from '../state/window-counter.ts'
import { createBotContext, type BotContext } from '../signals/bot-context.ts'
import { fmtDuration, fmtInt } from '../signals/format.ts'
import type { HttpFacts, KeyedEntity } from '../signals/http-facts.ts'
import { isDeclaredBot } from '../signals/network.ts'
import { decodedLower, requestQuery } from '../signals/request-kind.ts'
import { clip } from '../../util/clip.ts'
import { acted, addressesOf, beginVisit, CohortMembers, cohortDetection, memberDetections, noteRequest, noteWrite, VisitTable, visitRounds, type Member as MemberBase, type Visit as VisitBase, WINDOW_BUCKETS } from '../signals/visits.ts'

export const SEARCH_STREAM_ID = 'bot.search_stream'
const THREAT = 'OAT-011'
const CATEGORY = 'search_stream'
// Terms kept per visit: enough to judge it and to show a few.
const MAX_TERMS = 16
const MAX_TERM = 64
const TERMS_SHOWN = 3
const COHORT_VALUE = 'search_stream'

interface Visit extends VisitBase {
  session: KeyedEntity | null
  terms: string[]
  /** Pages fetched that are not a search: a result opened, a listing, the home page. */
  others: number
  views: number
}

interface Member extends MemberBase {
  session: EntityRef | null
  /** Distinct terms searched, and the first few. */
  searches: number
  terms: string[]
}

/** Where in `query` the first of `params` with a value is: its name and its value's bounds. */
function searchParamAt(query: string | null, params: ReadonlySet<string>): { name: string; from: number; to: number } | null {
  if (query === null || query === '') return null
  for (let start = 0; start < query.length;) {
    let end = query.indexOf('&', start)
    if (end < 0) end = query.length
    const eq = query.indexOf('=', start)
    if (eq > start && eq < end - 1) {
      const name = query.slice(start, eq)
      if (params.has(name)) return { name, from: eq + 1, to: end }
    }
    start = end + 1
  }
  return null
}

/** The search parameter a query carries a term in (`s` of `?s=oak&post_type=product`), or null. */
export function searchParamOf(query: string | null, params: ReadonlySet<string>): string | null {
  return searchParamAt(query, params)?.name ?? null
}

/** The search term a query names through one of `params` (decoded, lower case, cut), or null. */
export function searchTermOf(query: string | null, params: ReadonlySet<string>): string | null {
  const at = searchParamAt(query, params)
  if (at === null || query === null) return null
  const term = decodedLower(query.slice(at.from, at.to), 4 * MAX_TERM).trim()
  if (term === '') return null
  return term.length > MAX_TERM ? term.slice(0, MAX_TERM) : term
}

/** `shared`: what the bot detectors of a run share (the registry passes one context to each); alone it has its own. */
export function createSearchStreamDetector(config: DetectConfig, shared: BotContext = createBotContext(config)): StreamDetector {
  const c = config.searchStream
  const windowMs = c.windowMinutes * 60_000
  const params = new Set(c.searchParams)
  const judged = new SlidingCounter(windowMs, WINDOW_BUCKETS)
  const streams = new SlidingCounter(windowMs, WINDOW_BUCKETS)
  const cohort = { value: COHORT_VALUE, first: 0, last: 0, members: [] as Member[], flagged: false, judgedNow: 0, streamsNow: 0, addresses: 0 }
  const members = new CohortMembers(config.maxEntities, c.maxIpsReported)
  const reported = new BoundedMap<string, true>({ maxEntries: config.maxEntities })
  const visits = new VisitTable<Visit>(shared.records, config.maxEntities, c.visitGapSeconds * 1000, close)

  function close(v: Visit, sink: DetectionSink | null): void {
    if (v.mixed || v.refused || v.terms.length < c.minSearches) return
    judged.add(v.last)
    if (cohort.first === 0) cohort.first = v.start
    cohort.last = Math.max(cohort.last, v.last)
    if (v.others > 0 || acted(v, v.views)) return
    streams.add(v.last)
    const m: Member = { ip: v.ip.ref, session: v.session?.ref ?? null, first: v.start, last: v.last, searches: v.terms.length, terms: v.terms.slice(0, TERMS_SHOWN) }
    members.add(cohort.members, m)
    if (cohort.flagged && sink !== null) reportMember(sink, m)
  }

  function describe(): string {
    return `one of ${fmtInt(cohort.streamsNow)} visits in ${c.windowMinutes} min from ${fmtInt(cohort.addresses)} addresses that searched ${c.minSearches} terms or more and opened nothing, of ${fmtInt(cohort.judgedNow)} that searched as much, where people who search that much open what they find`
  }

  function reportMember(sink: DetectionSink, m: Member): void {
    if (reported.peek(m.ip.value) !== undefined) return
    reported.set(m.ip.value, true, m.last)
    const searches = m.searches
    const shown = m.terms.map((t) => `"${clip(t, 40)}"`).join(', ')
    const explanation = `${fmtInt(searches)} searches in ${fmtDuration(m.last - m.first)} (${shown}${searches > m.terms.length ? ', …' : ''}) and not one result opened: ${describe()}; a scraper reading the shop's search results`
    const evidence = [
      { field: 'search_terms', value: searches },
      { field: 'example_term', value: m.terms[0] ?? '' },
      { field: 'stream_visits', value: cohort.streamsNow },
      { field: 'searching_visits', value: cohort.judgedNow },
    ]
    for (const detection of memberDetections(m, COHORT_VALUE, {
      detector: SEARCH_STREAM_ID,
      threat: THREAT,
      category: CATEGORY,
      score: 65,
      count: searches,
      explanation,
      evidence,
    })) sink.report(detection)
  }

  function evaluate(now: number, sink: DetectionSink): void {
    members.expire(cohort.members, now - windowMs)
    cohort.judgedNow = judged.total(now)
    cohort.streamsNow = streams.total(now)
    cohort.flagged = false
    if (cohort.streamsNow < c.minVisits || cohort.streamsNow < c.minShare * cohort.judgedNow) return
    cohort.addresses = addressesOf(cohort.members)
    if (cohort.addresses < c.minAddresses) return
    cohort.flagged = true
    sink.report(
      cohortDetection(cohort, {
        detector: SEARCH_STREAM_ID,
        threat: THREAT,
        category: CATEGORY,
        score: 70,
        count: cohort.streamsNow,
        explanation: `a scraper reading the shop's search results: ${describe().replace(/^one of /, '')}`,
        evidence: [
          { field: 'stream_visits', value: cohort.streamsNow },
          { field: 'searching_visits', value: cohort.judgedNow },
        ],
      }),
    )
    for (const m of cohort.members) reportMember(sink, m)
  }

  return {
    id: SEARCH_STREAM_ID,
    onHttp(e, sink, facts?: HttpFacts) {
      const f = visits.see(e, facts)
      const ip = f.ip
      if (ip === null || f.kind !== 'page' || f.path === null) return
      let v = visits.continued(ip.key, e.ts, sink)
      const method = e.http_request_method ?? 'GET'
      const ua = e.user_agent_original
      const status = e.http_response_status_code
      const term = method === 'GET' ? searchTermOf(requestQuery(e), params) : null
      if (v === undefined) {
        // A visit is followed from its first search: most never search, and what it read before
        // that is a person's as much as a scraper's.
        if (term === null || ua === null || isDeclaredBot(e) || (status !== null && status >= 400)) return
        const fresh = beginVisit(visits.blank(() => ({ terms: [] as string[] }) as Visit), ip, ua, e.ts, f.path, '', '', false)
        fresh.session = f.named
        fresh.terms.length = 0
        fresh.others = 0
        fresh.views = 0
        visits.open(ip.key, fresh, e.ts)
        v = fresh
      } else {
        noteRequest(v, e.ts, ua, status)
        if (v.session === null) v.session = f.named
      }
      if (method === 'GET') {
        v.views++
        if (term === null) v.others++
        else if (v.terms.length < MAX_TERMS && !v.terms.includes(term)) v.terms.push(term)
        return
      }
      if (method !== 'HEAD' && method !== 'OPTIONS') noteWrite(v, f.path)
    },
    ...visitRounds(visits, { sweep: () => {}, evaluate }),
  }
}
