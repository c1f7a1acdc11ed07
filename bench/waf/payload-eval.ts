/**
 * Detection on public payload lists the WAF was never tuned on, placed where attacks arrive
 * (query value, form field, JSON leaf, cookie, header, path segment), and false positives on
 * seeded benign shop traffic; see bench/waf/corpora/README.md for both corpora.
 * 30 % of the payloads (by hash) are a hold-out, reported apart from the rest.
 * Run: npx tsx bench/waf/payload-eval.ts [--baseline DIR] [--misses LEVEL] [--fps LEVEL] [--print]
 *   --baseline DIR also scores the engine of another checkout (e.g. a git worktree of the
 *   commit before a change) on the same requests, for a before/after table;
 *   --misses / --fps print the development half's misses / the benign false positives at
 *   LEVEL instead of writing RESULTS.md (the hold-out's misses are never printed); --print shows
 *   the section without writing it, as the other corpus scripts' --print does.
 * @module
 */
import { loadavg } from 'node:os'
import { resolve } from 'node:path'
import { createWafEngine, DEFAULT_WAF_LEVEL, WAF_LEVELS, type WafEngine, type WafLevel } from '../../packages/core/src/waf/index.ts'
import { checkoutCommit, machineLine, writeResultsSection } from '../results-file.ts'
import { type Benign, type BenignSet, benignSet, blockedByRule, kindList, readBenign, scoreBenignSet, topRules } from './benign-score.ts'
import { blocks, pct } from './gotestwaf.ts'
import { place, POSITIONS, readPayloads } from './payload-lists.ts'

const browser = readBenign('benign-browser.ndjson')
/**
 * Each benign corpus is scored apart: benign-shop and benign-platforms were tuned on,
 * benign-browser, benign-legacy, benign-modern and benign-content were committed before the engine was run on them; benign-browser's back office (`admin`)
 * is a set of its own so that its false-positive rate is read apart from the storefront's.
 */
const benignSets: BenignSet[] = [
  ['benign-shop', readBenign('benign-shop.ndjson')],
  ['benign-platforms', readBenign('benign-platforms.ndjson')],
  ['benign-browser storefront', browser.filter((r) => r.zone === 'storefront')],
  ['benign-browser admin', browser.filter((r) => r.zone === 'admin')],
  ['benign-legacy', readBenign('benign-legacy.ndjson')],
  ['benign-modern', readBenign('benign-modern.ndjson')],
  ['benign-content', readBenign('benign-content.ndjson')],
].map(([name, requests]) => benignSet(name as string, requests as Benign[]))
const payloads = readPayloads('attack-sources.json')

const baselineDir = process.argv.includes('--baseline') ? resolve(process.argv[process.argv.indexOf('--baseline') + 1]!) : null
const arg = (name: string): WafLevel | null => (process.argv.includes(name) ? (Number(process.argv[process.argv.indexOf(name) + 1]) as WafLevel) : null)
const missesAt = arg('--misses')
const fpsAt = arg('--fps')

/** Detected placements per key, per level (index level-1), and the number of placements. */
type Tally = Map<string, { hit: number[]; n: number }>
const bump = (t: Tally, key: string, level: WafLevel, hit: boolean): void => {
  const c = t.get(key) ?? { hit: [0, 0, 0, 0], n: 0 }
  if (level === 1) c.n++
  if (hit) c.hit[level - 1]!++
  t.set(key, c)
}
const byClass: Tally = new Map()
const byPosition: Tally = new Map()
const byHalf: Tally = new Map()
const byPayload: Tally = new Map()

for (const level of WAF_LEVELS) {
  const engine: WafEngine = createWafEngine({ level })
  for (const p of payloads) {
    let any = false
    for (const at of POSITIONS) {
      const hit = blocks(engine, place(p.text, at))
      any ||= hit
      bump(byClass, p.cls, level, hit)
      bump(byPosition, at, level, hit)
      bump(byHalf, p.holdout ? 'hold-out (30 %)' : 'development (70 %)', level, hit)
      if (!hit && level === missesAt && !p.holdout) console.log('MISS', p.cls, at, JSON.stringify(p.text))
    }
    bump(byPayload, p.holdout ? 'hold-out (30 %)' : 'development (70 %)', level, any)
  }
  for (const set of benignSets) scoreBenignSet(set, engine, level, fpsAt)
}

const levelCells = (c: { hit: number[]; n: number }): string => WAF_LEVELS.map((lv) => pct(c.hit[lv - 1]!, c.n)).join(' | ')
const table = (t: Tally, first: string): string =>
  [`| ${first} | placements | ${WAF_LEVELS.map((l) => `level ${l}`).join(' | ')} |`, `| --- | --- | ${WAF_LEVELS.map(() => '---').join(' | ')} |`, ...[...t.entries()].sort((a, b) => b[1].n - a[1].n).map(([k, c]) => `| ${k} | ${c.n} | ${levelCells(c)} |`)].join('\n')

const attackPlacements = payloads.length * POSITIONS.length
const summary = WAF_LEVELS.map((lv, i) => {
  const tp = [...byClass.values()].reduce((s, c) => s + c.hit[i]!, 0)
  const fp = benignSets.reduce((s, b) => s + b.blocked[i]!, 0)
  return `| ${lv}${lv === DEFAULT_WAF_LEVEL ? ' (default)' : ''} | ${tp}/${attackPlacements} = ${pct(tp, attackPlacements)} | ${benignSets.map((b) => `${b.blocked[i]}/${b.requests.length} = ${pct(b.blocked[i]!, b.requests.length)}`).join(' | ')} | ${pct(tp, tp + fp)} |`
})
const benignCells = (blocked: (set: BenignSet) => number): string => benignSets.map((b) => `${blocked(b)}/${b.requests.length} = ${pct(blocked(b), b.requests.length)}`).join(', ')
/** Per level: attack placements blocked, benign requests blocked, and the hold-out's placements blocked, for another checkout's engine. */
async function baselineRows(dir: string): Promise<string> {
  const commit = checkoutCommit(dir)
  const { createWafEngine: create } = (await import(resolve(dir, 'packages/core/src/waf/index.ts'))) as { createWafEngine: typeof createWafEngine }
  const held = payloads.filter((p) => p.holdout).length * POSITIONS.length
  const rows = WAF_LEVELS.map((level) => {
    const engine = create({ level })
    let tp = 0
    let tpHeld = 0
    for (const p of payloads) {
      for (const at of POSITIONS) {
        if (!blocks(engine, place(p.text, at))) continue
        tp++
        if (p.holdout) tpHeld++
      }
    }
    const fp = new Map(benignSets.map((b) => [b, b.requests.filter((r) => blocks(engine, r)).length]))
    return `| ${level}${level === DEFAULT_WAF_LEVEL ? ' (default)' : ''} | ${pct(tp, attackPlacements)} | ${pct(tpHeld, held)} | ${benignCells((b) => fp.get(b)!)} |`
  })
  const now = WAF_LEVELS.map((lv, i) => {
    const h = byHalf.get('hold-out (30 %)')!
    const tp = [...byClass.values()].reduce((s, c) => s + c.hit[i]!, 0)
    return `| ${lv}${lv === DEFAULT_WAF_LEVEL ? ' (default)' : ''} | ${pct(tp, attackPlacements)} | ${pct(h.hit[i]!, h.n)} | ${benignCells((b) => b.blocked[i]!)} |`
  })
  return `Before and after, same corpus and run: the engine at commit ${commit} (${dir}) and this checkout's.

| level | before: attack requests blocked | before: hold-out blocked | before: benign blocked (${benignSets.map((b) => b.name).join(', ')}) | after: attack requests blocked | after: hold-out blocked | after: benign blocked |
| --- | --- | --- | --- | --- | --- | --- |
${rows.map((r, i) => r + now[i]!.slice(now[i]!.indexOf('|', 2) + 1)).join('\n')}
`
}
const beforeAfter = baselineDir === null ? '' : await baselineRows(baselineDir)


const body = `## WAF on independent payloads and benign shop traffic (bench/waf/payload-eval.ts)

${machineLine()} Load average (1, 5, 15 min) at the end of the run: ${loadavg().map((l) => l.toFixed(1)).join(', ')}; command: \`npx tsx bench/waf/payload-eval.ts${baselineDir === null ? '' : ' --baseline <worktree>'}\`.

Attacks: ${payloads.length} payloads from PayloadsAllTheThings and SecLists (bench/waf/corpora/README.md: files, commits, selection rules), each placed in all ${POSITIONS.length} positions (${POSITIONS.join(', ')}: query \`q\`, form field, JSON leaf, \`pref\` cookie, User-Agent, path segment) = ${attackPlacements} requests. Benign: bench/waf/corpora/benign-shop.ndjson, ${benignSets[0]!.requests.length} seeded requests (${kindList(benignSets[0]!)}); bench/waf/corpora/benign-platforms.ndjson, ${benignSets[1]!.requests.length} seeded third-party and platform requests written by another engineer and committed before the engine was run on it (${kindList(benignSets[1]!)}); bench/waf/corpora/benign-browser.ndjson, committed before the engine was run on it, ${benignSets[2]!.requests.length} storefront requests (${kindList(benignSets[2]!)}) and ${benignSets[3]!.requests.length} back-office requests (${kindList(benignSets[3]!)}), the latter scored apart because a shop often excludes its admin path from the WAF; bench/waf/corpora/benign-legacy.ndjson, ${benignSets[4]!.requests.length} seeded requests of older and regional shops (Latin-1 and Windows-1252 form posts, Java, PHP and ASP shops, XML order feeds), committed before the engine was run on it (${kindList(benignSets[4]!)}); bench/waf/corpora/benign-modern.ndjson, ${benignSets[5]!.requests.length} seeded requests of headless and SPA shops, their search, RUM and payment services, B2B punch-out and shop apps, committed before the engine was run on it (${kindList(benignSets[5]!)}); bench/waf/corpora/benign-content.ndjson, ${benignSets[6]!.requests.length} seeded requests of what people write into shops (technical reviews, Q&A, forum posts and tickets with pasted code, logs and config; maths and chemistry; ad-platform and e-mail macros, affiliate chains and deep links; international text and legacy CJK charsets; commerce search syntaxes; seller listings, shortcodes, personalisation templates and gift messages), committed before the engine was run on it (${kindList(benignSets[6]!)}). Detected = verdict \`block\` (anomaly score ≥ 5), as in gotestwaf.ts. Precision = blocked attack requests / all blocked requests, at this corpus' mix. benign-shop is not a hold-out: the three shapes it had blocked at level 2 (a \`curl\` pasted in a support ticket, a YouTube iframe in CMS content, a page URL ending in \`?\` in an analytics beacon) were fixed in the engine by syntax after being seen here; GoTestWAF's benign requests (waf-gotestwaf) are the other check.

| level | attack requests blocked (recall) | ${benignSets.map((b) => `${b.name} blocked (FP rate)`).join(' | ')} | precision (all benign sets) |
| --- | --- | ${benignSets.map(() => '---').join(' | ')} | --- |
${summary.join('\n')}

${beforeAfter}
Generalisation: a fixed 30 % of payloads (FNV-1a of the text % 10 < 3) was never looked at while fixing the engine. The XPath class (\`xpathi\`, PayloadsAllTheThings' XPATH Injection page) joined the corpus after the rest and was measured before the XPath rules were written: 54 of its 90 placements blocked at level 2, all by the SQL detector.

${table(byHalf, 'half (per placement)')}

${table(byPayload, 'half (payload blocked in at least one position)').replace('placements', 'payloads')}

Per class (all positions):

${table(byClass, 'class')}

Per position (all classes):

${table(byPosition, 'position')}

${topRules(benignSets)}
${benignSets.map(blockedByRule).join('\n')}
benign-platforms is no longer a hold-out: the shapes it had blocked were fixed by syntax after being seen here (a function literal head is not the Function constructor; \`<meta charset>\` and \`<meta name=… content=…>\` are metadata; a backtick code span inside a sentence is level 3; a bare unclosed \`<iframe>\` followed by words is prose; \`.innerHTML =\` counts only when it assigns markup, a string or the URL; a quote closed by \`'#id'\` of the same quote is a CSS selector, not a MySQL comment). benign-browser was committed before the engine was run on it; its first run (engine at commit 4cdaf0d) blocked 13 storefront requests (Word's \`<meta name=ProgId content=Word.Document>\`) and 385 admin requests. What its back office still has blocked at level 2 is what a WAF cannot tell from an attack without knowing the page is an editor: a remote \`<script src>\` (Vimeo's player API beside its iframe, a theme's asset tag) and Twig calls in \`{{…}}\`; an HTML e-mail's W3C DOCTYPE, \`<meta http-equiv=Content-Type>\` and \`<style type=text/css>\`, and Twig tags that assign, extend or loop over an arrow-function filter without a call, pass since this session's changes (after being seen here); a shop that lets staff edit HTML and templates excludes its admin path (\`waf.allow.paths\`). benign-legacy was committed before the engine was run on it (d98a538); its first run blocked 0 requests at level 1, 23 at level 2 (1.0 %: 22 cart comments \`Ø 1/2" -- rosca BSP\`, a \`"…"\` string closed by an inch mark and cut by \`--\`, and one password holding \`@@3v\`, read as a system variable) and 99 at level 3; both level-2 shapes were then fixed by syntax, so for them it is no longer a hold-out. benign-modern was committed before the engine was run on it (0c82cff); its first run blocked 119 requests at level 1, 162 at level 2 (6.8 %: Strapi \`filters[price][$lt]\` names, cXML punch-out DOCTYPEs, LDAP filters of a B2B directory, \`all of the above & more\`, SVG customiser designs with a \`<style>\` of web fonts), 175 at level 3 and 189 at level 4; the shell, NoSQL-name (up to level 2; Strapi's nested filters count at level 3) and SVG shapes were then fixed by syntax, and in session 15 the cXML DOCTYPEs (a standard DTD named by its publisher's URL, no internal subset) and the whole flat LDAP filters (an AND or OR of named attribute tests, which breaks out of nothing), 41 requests, 0 left blocked at level 2 (docs/waf.md, known gaps). benign-content was committed before the engine was run on it (cb8b23b); its first run blocked 93 requests at level 1, 114 at level 2 (4.8 %: shell commands, system file paths and loopback URLs in pasted code, logs and config of reviews, Q&A, forum posts and tickets; PHP blocks, inline handlers and \`<script src>\` in pasted HTML; the ASCII rose \`@}-;-'---\` in gift messages), 155 at level 3 and 275 at level 4 (unreplaced \`{{…}}\` ad and e-mail macros and personalisation templates); system files and loopback URLs named in running text, commands quoted in messages (fenced blocks, sentences, lines after a sentence) and operand-less \`awk\`/\`sed\` were then fixed by syntax, so for them it is no longer a hold-out; in session 15 the rose (a literal whose last word is punctuation only names nothing), PHP open tags in running text, handlers that only call a page function with constants, \`fetch()\` and catalog names in a code span of a sentence and same-site \`location\` assignments, 26 requests, followed (50 → 24 at level 2, 1.0 %); whole command lines, a code runner's scripts, commands after a short label, remote \`<script src>\` and a catalog name outside a code span stay blocked (docs/waf.md, known gaps).`

console.log(body)
if (missesAt === null && fpsAt === null && !process.argv.includes('--print')) writeResultsSection('waf-payloads', body)
