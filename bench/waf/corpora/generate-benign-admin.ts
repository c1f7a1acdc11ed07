/**
 * What shop staff save from admin screens and what a storefront's error reporter sends, placed as their browsers send it,
 * built from transcripts in bench/waf/corpora/admin/ (which files, commits, licences: benign-admin-sources.json and
 * bench/waf/corpora/README.md): Magento's transactional e-mail templates (`{{var order.increment_id}}`, `{{trans …}}`,
 * `{{depend}}`, `{{layout handle=…}}`) saved and previewed in the back office, whole and directive by directive as a CMS
 * block; WordPress block markup (Gutenberg's block fixtures, `<!-- wp:cover {"url":…} -->`) saved from the block editor,
 * its autosave, the classic form and a WooCommerce product description; Shopify Liquid templates (Liquid's benchmark
 * themes: `{% for %}`, `{{ x | money }}`, inline `<script>`) saved through the theme asset API, and each Liquid line in a
 * Custom Liquid section of the theme editor; Mustache sections (the Mustache spec's templates) in a notification
 * template; Laravel's validation messages (`:attribute`, `:min`) in a translation editor; cron expressions (cRonstrue's
 * tests: `0 0 0 L-5 * ?`, `MON#3`, `@reboot`) in a scheduled export; normalize.css, rule by rule and
 * whole, in a theme's custom CSS setting; and browser stack traces (Sentry's fixtures, already in benign-apps) posted as
 * one Sentry event JSON document to the store endpoint, not as an envelope. The transcribed text is never changed; the
 * envelopes (headers, cookies, ids, field names) are written here after the platforms' public documentation.
 * Run: npx tsx bench/waf/corpora/generate-benign-admin.ts  (writes benign-admin.ndjson)
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { type Placed, placedLines } from './placed.ts'
import { formBody, seededText, shopperUserAgents } from './seeded-text.ts'
import { shopEnvelopes, T0, type Unit, type Zone } from './shop-envelopes.ts'
import { frames, type Stack } from './stack-frames.ts'

const HERE = new URL('./', import.meta.url)
const read = (file: string): string => readFileSync(new URL(file, HERE), 'utf8')
const lines = (file: string): string[] => read(file).split('\n').filter((l) => l.trim() !== '')
const { pick, int, hex, alnum, uuid } = seededText(0xad317a9e)
const agents = shopperUserAgents()

const { lines: out, add } = placedLines('admin')
const emit = (unit: Unit, zone: Zone, p: Placed): void =>
  add(unit.key, { source: unit.source, kind: p.kind, zone }, p, `${p.method} ${p.uri}\n${p.headers.cookie ?? ''}\n${p.body ?? ''}`)

const SHOP = 'atelier-nord.example'
const { jar, adminJar, post, call } = shopEnvelopes(SHOP, agents, { int, hex, alnum })
const csrf = (): Record<string, string> => ({ 'x-csrf-token': alnum(40) })
const id = (): number => int(1_000, 99_999)

// ---- Magento e-mail templates -----------------------------------------------------------------------------------

/** A Magento e-mail template saved and previewed in Marketing > Email Templates; its subject is the `<!--@subject … @-->` line. */
function emailTemplate(file: string): void {
  const text = read(`admin/${file}`)
  const unit: Unit = { source: 'magento-email-templates', key: file }
  const subject = /<!--@subject (.*?) @-->/.exec(text)?.[1] ?? ''
  const fields: Array<[string, string]> = [
    ['form_key', alnum(16)],
    ['template_code', pick(['Commande (FR)', 'New Order - custom', 'Welcome (boutique)'])],
    ['template_subject', subject],
    ['orig_template_code', file.replace(/^magento-|\.html$/g, '')],
    ['orig_template_variables', ''],
    ['template_text', text],
    ['template_styles', ''],
  ]
  emit(unit, 'admin', { kind: 'admin-email-template-save', method: 'POST', uri: `/admin/admin/email_template/save/id/${int(1, 40)}/`, headers: post(unit, '/admin/admin/email_template/edit/', adminJar()), body: formBody(fields) })
  emit(unit, 'admin', { kind: 'admin-email-template-preview', method: 'POST', uri: '/admin/admin/email_template/preview/', headers: post(unit, '/admin/admin/email_template/edit/', adminJar()), body: formBody([['form_key', alnum(16)], ['type', '2'], ['text', text], ['styles', '']]) })
  // Staff also paste single directives into CMS blocks and page content, one line of the template each.
  for (const line of text.split('\n').filter((l) => l.includes('{{'))) {
    const piece: Unit = { source: 'magento-email-templates', key: line.trim() }
    emit(piece, 'admin', {
      kind: 'admin-cms-block-save',
      method: 'POST',
      uri: '/admin/cms/block/save/',
      headers: post(piece, '/admin/cms/block/edit/', adminJar()),
      body: formBody([['form_key', alnum(16)], ['title', 'Footer contact'], ['identifier', 'footer-contact'], ['store_id[]', '0'], ['is_active', '1'], ['content', line.trim()]]),
    })
  }
}

// ---- WordPress block markup -------------------------------------------------------------------------------------

/** Block markup saved from the block editor (REST save and autosave), the classic editor's form and a WooCommerce product. */
function blocks(markup: string): void {
  const unit: Unit = { source: 'gutenberg-blocks', key: markup }
  const post_ = int(10, 9_999)
  const nonce = { 'x-wp-nonce': hex(10) }
  emit(unit, 'admin', { kind: 'wp-rest-post-save', method: 'POST', uri: `/wp-json/wp/v2/posts/${post_}?_locale=user`, headers: call(unit, `/wp-admin/post.php?post=${post_}&action=edit`, 'application/json', adminJar(), nonce), body: JSON.stringify({ id: post_, title: 'Nouveautés de la saison', content: markup, status: 'draft' }) })
  emit(unit, 'admin', { kind: 'wp-rest-autosave', method: 'POST', uri: `/wp-json/wp/v2/pages/${post_}/autosaves?_locale=user`, headers: call(unit, `/wp-admin/post.php?post=${post_}&action=edit`, 'application/json', adminJar(), nonce), body: JSON.stringify({ id: post_, title: 'À propos', excerpt: '', content: markup }) })
  emit(unit, 'admin', {
    kind: 'wp-classic-post-form',
    method: 'POST',
    uri: '/wp-admin/post.php',
    headers: post(unit, `/wp-admin/post.php?post=${post_}&action=edit`, adminJar()),
    body: formBody([['_wpnonce', hex(10)], ['_wp_http_referer', `/wp-admin/post.php?post=${post_}&action=edit`], ['user_ID', '1'], ['action', 'editpost'], ['post_ID', String(post_)], ['post_title', 'Nouveautés'], ['content', markup], ['save', 'Enregistrer le brouillon']]),
  })
  emit(unit, 'admin', { kind: 'wc-product-description-json', method: 'PUT', uri: `/wp-json/wc/v3/products/${post_}`, headers: call(unit, `/wp-admin/post.php?post=${post_}&action=edit`, 'application/json', adminJar(), nonce), body: JSON.stringify({ description: markup, short_description: '' }) })
}

// ---- Liquid theme templates -------------------------------------------------------------------------------------

/** A Liquid template saved whole through the theme asset API, and each of its Liquid lines in a Custom Liquid section. */
function liquid(file: string, key: string): void {
  const text = read(`admin/${file}`)
  const unit: Unit = { source: 'liquid-themes', key: file }
  const theme = int(120_000_000_000, 139_999_999_999)
  emit(unit, 'admin', { kind: 'admin-theme-asset-put', method: 'PUT', uri: `/admin/api/2024-10/themes/${theme}/assets.json`, headers: call(unit, `/admin/themes/${theme}/editor`, 'application/json', adminJar(), csrf()), body: JSON.stringify({ asset: { key, value: text } }) })
  for (const line of text.split('\n').filter((l) => /\{[{%]/.test(l))) {
    const piece: Unit = { source: 'liquid-themes', key: line.trim() }
    const section = `custom_liquid_${alnum(6).toLowerCase()}`
    emit(piece, 'admin', {
      kind: 'admin-theme-editor-custom-liquid',
      method: 'PUT',
      uri: `/admin/api/2024-10/themes/${theme}/assets.json`,
      headers: call(piece, `/admin/themes/${theme}/editor`, 'application/json', adminJar(), csrf()),
      body: JSON.stringify({ asset: { key: 'templates/index.json', value: JSON.stringify({ sections: { [section]: { type: 'custom-liquid', settings: { custom_liquid: line.trim() } } }, order: [section] }) } }),
    })
  }
}

// ---- Mustache notification templates, translations, schedules ----------------------------------------------------

/** A Mustache template of a notification (order confirmation, back-in-stock) saved from an app's admin page, as JSON and as a form. */
function mustache(template: string): void {
  const unit: Unit = { source: 'mustache-spec', key: template }
  emit(unit, 'admin', { kind: 'admin-notification-template-json', method: 'PUT', uri: `/admin/apps/notify/templates/${id()}`, headers: call(unit, '/admin/apps/notify', 'application/json', adminJar(), csrf()), body: JSON.stringify({ template: { name: 'back_in_stock', subject: 'Back in stock', body_html: template, format: 'mustache' } }) })
  emit(unit, 'admin', { kind: 'admin-notification-template-form', method: 'POST', uri: '/admin/apps/notify/templates/preview', headers: post(unit, '/admin/apps/notify', adminJar()), body: formBody([['authenticity_token', alnum(86)], ['template[body]', template], ['preview_data', JSON.stringify({ customer: { first_name: 'Ana' } })]]) })
}

/** A validation message edited in a translation screen: the key and its text, as a form and as the screen's JSON. */
function translation(line: string): void {
  const [key, message] = line.split('\t') as [string, string]
  const unit: Unit = { source: 'laravel-validation', key: message }
  emit(unit, 'admin', { kind: 'admin-translation-form', method: 'POST', uri: '/admin/translations/en', headers: post(unit, '/admin/translations/en?group=validation', adminJar()), body: formBody([['_token', alnum(40)], ['_method', 'PUT'], ['group', 'validation'], ['key', key], ['value', message], ['locale', pick(['en', 'en_GB', 'fr'])]]) })
  emit(unit, 'admin', { kind: 'admin-translation-json', method: 'PATCH', uri: `/admin/api/translations/validation.${key}`, headers: call(unit, '/admin/translations/en', 'application/json', adminJar(), csrf()), body: JSON.stringify({ locale: 'en', group: 'validation', key, value: message }) })
}

/** A cron expression of a scheduled export: the settings form, the scheduler's JSON and the description the form asks for. */
function schedule(expression: string): void {
  const unit: Unit = { source: 'cronstrue', key: expression }
  emit(unit, 'admin', { kind: 'admin-export-schedule-form', method: 'POST', uri: '/admin/exports/schedules', headers: post(unit, '/admin/exports/schedules/new', adminJar()), body: formBody([['form_key', alnum(16)], ['schedule[name]', pick(['Orders CSV', 'Stock feed', 'Google Merchant feed'])], ['schedule[cron_expr]', expression], ['schedule[format]', 'csv'], ['schedule[email]', 'ops@atelier-nord.example']]) })
  emit(unit, 'admin', { kind: 'admin-export-schedule-json', method: 'PATCH', uri: `/admin/api/jobs/${uuid()}`, headers: call(unit, '/admin/exports/schedules', 'application/json', adminJar(), csrf()), body: JSON.stringify({ job: { schedule: expression, timezone: pick(['Europe/Paris', 'UTC', 'America/New_York']), enabled: true } }) })
  emit(unit, 'admin', { kind: 'admin-cron-describe-get', method: 'GET', uri: `/admin/api/cron/describe?${formBody([['expression', expression], ['locale', 'en']])}`, headers: call(unit, '/admin/exports/schedules/new', null, adminJar()) })
}

// ---- custom CSS ---------------------------------------------------------------------------------------------------

/** CSS pasted into a theme's custom CSS setting: WordPress's Customizer changeset and a theme settings JSON. */
function customCss(css: string): void {
  const unit: Unit = { source: 'normalize-css', key: css }
  emit(unit, 'admin', {
    kind: 'wp-customizer-css',
    method: 'POST',
    uri: `/wp-admin/admin-ajax.php`,
    headers: post(unit, '/wp-admin/customize.php', adminJar()),
    body: formBody([['wp_customize', 'on'], ['customize_theme', 'storefront'], ['nonce', hex(10)], ['customize_changeset_uuid', uuid()], ['customized', JSON.stringify({ 'custom_css[storefront]': { value: css } })], ['customize_changeset_status', 'publish'], ['action', 'customize_save']]),
  })
  emit(unit, 'admin', { kind: 'admin-theme-settings-css', method: 'PUT', uri: `/admin/api/2024-10/themes/${int(120_000_000_000, 139_999_999_999)}/assets.json`, headers: call(unit, '/admin/themes/current/editor', 'application/json', adminJar(), csrf()), body: JSON.stringify({ asset: { key: 'config/settings_data.json', value: JSON.stringify({ current: { custom_css: css } }) } }) })
}

// ---- Sentry events ------------------------------------------------------------------------------------------------

/** A browser error posted as one Sentry event JSON document to the store endpoint, as older SDKs and Raven send it. */
function sentryEvent(s: Stack): void {
  // Keyed on the fixture as benign-apps keys the same stacks, so each falls in the same half in both corpora.
  const unit: Unit = { source: 'sentry-stacks', key: s.fixture }
  const page = `https://${SHOP}/products/${pick(['laine-merinos', 'bonnet-cotele', 'plaid-lin'])}`
  emit(unit, 'storefront', {
    kind: 'sentry-store-event',
    method: 'POST',
    uri: `/monitoring/api/${int(1, 9_999_999)}/store/?sentry_key=${hex(32)}&sentry_version=7&sentry_client=raven-js%2F3.27.2`,
    headers: { ...call(unit, new URL(page).pathname, 'application/json', jar()), 'sec-fetch-mode': 'no-cors' },
    body: JSON.stringify({
      event_id: hex(32),
      platform: 'javascript',
      level: 'error',
      logger: 'javascript',
      timestamp: new Date((T0 + int(0, 9e6)) * 1000).toISOString(),
      exception: { values: [{ type: s.name, value: s.message, stacktrace: { frames: frames(s.stack) }, mechanism: { type: 'onerror', handled: false } }] },
      request: { url: page, headers: { 'User-Agent': agents[int(0, agents.length - 1)]! } },
      sdk: { name: 'raven-js', version: '3.27.2' },
    }),
  })
}

for (const f of ['magento-order_new.html', 'magento-account_new.html']) emailTemplate(f)
for (const r of read('admin/gutenberg-block-fixtures.txt').split('\n%%\n')) blocks(r.replace(/^# .*\n/, ''))
liquid('liquid-tribble-product.liquid', 'templates/product.liquid')
liquid('liquid-dropify-cart.liquid', 'templates/cart.liquid')
for (const t of lines('admin/mustache-sections-templates.txt')) mustache(t)
for (const l of lines('admin/laravel-validation-en.txt')) translation(l)
for (const e of read('admin/cronstrue-expressions.txt').split('\n').filter((l) => l !== '')) schedule(e)
const css = read('admin/normalize.css')
for (const rule of css.split('\n\n/*').map((r, i) => (i === 0 ? r : `/*${r}`))) customCss(rule)
customCss(css)
for (const f of ['apps/sentry-chromium-stacks.ndjson', 'apps/sentry-firefox-stacks.ndjson']) for (const l of lines(f)) sentryEvent(JSON.parse(l) as Stack)

writeFileSync(new URL('./benign-admin.ndjson', HERE), `${out.join('\n')}\n`)
console.log(`${out.length} requests`)
