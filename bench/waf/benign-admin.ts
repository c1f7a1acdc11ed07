/**
 * False positives on what shop staff save from admin screens and on a storefront's single-document error reports
 * (bench/waf/corpora/benign-admin.ndjson: Magento e-mail templates, WordPress block markup, Liquid theme templates,
 * Mustache notification templates, Laravel validation messages, cron expressions, normalize.css, Sentry events;
 * sources, licences and placements: bench/waf/corpora/README.md), per source, placement and zone, at every level,
 * the development half and the hold-out (30 % of texts) apart.
 * Run: npx tsx bench/waf/benign-admin.ts [--baseline DIR] [--fps LEVEL] [--print]
 *   --baseline DIR also scores the engine of another checkout on the same requests;
 *   --fps LEVEL prints the development half's blocked requests at LEVEL (never the hold-out's)
 *   instead of writing bench/RESULTS.md; --print shows the section without writing it.
 * @module
 */
import { resolve } from 'node:path'
import { writeResultsSection } from '../results-file.ts'
import { type Benign, benignTables, runLine, scoreBenignCorpus } from './benign-score.ts'

interface AdminRequest extends Benign {
  source: string
  holdout: boolean
}

const { values, requests, score, halves } = scoreBenignCorpus<AdminRequest>('benign-admin.ndjson', 'benign-admin', {
  source: (r) => [r.source],
  kind: (r) => [r.kind],
  zone: (r) => [r.zone ?? 'storefront'],
})

const beforeAfter = values.baseline === undefined ? '' : await score.baseline(resolve(values.baseline))
const held = halves[1].requests.length

const body = `## WAF false positives on what shop staff save from admin screens (bench/waf/benign-admin.ts)

${runLine('benign-admin.ts', values.baseline)}

Benign: bench/waf/corpora/benign-admin.ndjson, ${requests.length} requests carrying code-like text written elsewhere, placed as a browser sends it, most from the back office (\`admin\` zone): Magento's new-order and welcome e-mail templates (\`{{var order.increment_id}}\`, \`{{trans '…' |raw}}\`, \`{{depend}}\`, \`{{var this.getUrl($store,…)}}\`) saved and previewed whole and pasted directive by directive into a CMS block; Gutenberg's block fixtures (\`<!-- wp:cover {"url":"data:image/jpeg;base64,…"} -->\`, \`http://localhost:8888/wp-content/uploads/…\`) saved through the REST API, its autosave, the classic editor's form and a WooCommerce product description; two Liquid templates of Liquid's benchmark themes (\`{% for %}\`, \`{{ x | money }}\`, inline \`<script>\`, \`onclick="remove_item({{item.variant.id}}); return false;"\`) saved whole through the theme asset API and line by line as a Custom Liquid section; the Mustache spec's section templates in a notification template; Laravel's validation messages (\`:attribute\`, \`:min\`) in a translation editor; cRonstrue's cron expressions in a scheduled export's form, its JSON and a describe call; normalize.css rule by rule and whole in a theme's custom CSS; and, from the storefront, Sentry's browser stack fixtures posted as one Sentry event JSON document to a store endpoint. Hold-out: the requests of 30 % of texts by FNV-1a (${held} requests), never printed request by request. A blocked request is a false positive.

First run, engine at af280b4 right after the corpus was committed (its WAF is the session start's, 54af521): at level 1, 32 of 990 blocked (development 23 of 668, hold-out 9 of 322); at level 2, 44 (development 30, hold-out 14); at level 3, 65 (47, 18); at level 4, 152 (106, 46). The development half's 30 at level 2: \`waf.rce.command-chain\` 18 (normalize.css's numbered notes \`/* 1 */ … /* 2 */\` in the custom CSS placements, 16, and the two whole Magento templates, whose licence comment opens \`/**\` and \` * \` lines), \`waf.ssti.mustache-code\` 8 (Magento directives calling a model's getter, \`{{var order.getShippingDescription()}}\`, \`{{depend order.getIsNotVirtual()}}\`, \`{{trans '…' account_url=$store.getUrl('customer/account/') |raw}}\`, in CMS blocks and the whole templates), \`waf.xss.event-handler\` 2 (Liquid lines \`onclick="remove_item({{item.variant.id}}); return false;"\` and \`onfocus="this.select();"\`), \`waf.xss.script-tag\` 1 (a whole Liquid template with its inline \`<script>\`: blocked by design, see bench/waf/corpora/README.md), and three Sentry events posted as one JSON document whose frames name \`http://127.0.0.1:8000/…\` and \`file:///…\` files (\`waf.ssrf.loopback\`, \`waf.path-traversal.file-wrapper\`: last session's leftover). Cron expressions, translation placeholders, Mustache sections and Gutenberg's block markup blocked nothing at level 2. Then, from the development half's misses only, each by syntax (docs/waf.md): a wildcard path of one segment (\`/*\`) matches only the root directory's directories and names no command; inside \`{{…}}\` a quoted string is text and a camelCase getter not chained to another call (\`order.getShippingDescription()\`) reads a value; a click handler calling a page function with a template's placeholder of a named value (\`remove_item({{item.variant.id}})\`) is a page call (level 3), its quotes read when escaped as a JSON string writes them (\`onclick=\\"…\\"\`); and a JSON body's stack frame, parsed, is read as its text is in an envelope, so its script's loopback or \`file:///\` URL counts at level 3. The table below compares the session start's engine (\`--baseline\`) with this checkout.

${benignTables(score, halves, beforeAfter, [['source', 'source', 'Blocked per source'], ['kind', 'placement', 'Blocked per placement'], ['zone', 'zone', 'Blocked per zone']])}`
console.log(body)
if (!values.print) writeResultsSection('waf-benign-admin', body)
