/// <reference lib="dom" />
/**
 * The console in real headless Chromium: every page loads with data, filters work, the
 * entity graph renders, and log values full of XSS payloads never run as script.
 * One browser and one server for the file; the store is seeded through the Store port.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { DuckDbStore } from '@vigil/storage-duckdb'
import { ensureWebBuilt, startConsole } from '@vigil/server'
import type { StartedConsole } from '@vigil/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HOSTILE_STRINGS } from '../../packages/server/src/fixtures/hostile-strings.ts'
import { SCRAPER_IP, STUFFER_DEVICE, STUFFER_IP, seedStore } from '../../packages/server/src/fixtures/seed-store.ts'

/** Screenshots for the README land in docs/ only when asked, so a test run leaves the tree clean. */
const SHOTS = process.env.VIGIL_UPDATE_SCREENSHOTS === '1' ? join(import.meta.dirname, '../../docs') : null

let dir: string
let store: DuckDbStore
let server: StartedConsole
let browser: Browser
let context: BrowserContext
let page: Page
const dialogs: string[] = []
const cspViolations: string[] = []
const pageErrors: string[] = []

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-e2e-'))
  const storePath = join(dir, 'vigil.duckdb')
  store = await DuckDbStore.open(storePath)
  await seedStore(store)
  const webDist = await ensureWebBuilt()
  server = await startConsole({ store, storePath, port: 0, webDist })
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  context = await browser.newContext({ viewport: { width: 1366, height: 900 } })
  page = await context.newPage()
  page.on('dialog', (d) => {
    dialogs.push(d.message())
    void d.dismiss()
  })
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) cspViolations.push(m.text())
  })
  page.on('pageerror', (e) => pageErrors.push(e.message))
  await page.goto(server.url)
  await page.waitForSelector('[data-page="overview"][data-ready="true"]')
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  await store?.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Runs a UI action that changes the route and waits for the next render of `pageName` to finish. */
async function act(pageName: string, action: () => Promise<unknown>): Promise<void> {
  const before = Number(await page.locator('.page').getAttribute('data-render'))
  await action()
  await page.waitForFunction(
    ([n, name]) => {
      const el = document.querySelector<HTMLElement>('.page')
      return el !== null && Number(el.dataset.render) > Number(n) && el.dataset.page === name && el.dataset.ready === 'true'
    },
    [before, pageName] as const,
  )
}

/** Moves within the single page (no reload) and waits for the new route's data. */
async function open(hash: string, pageName: string): Promise<void> {
  await act(pageName, () =>
    page.evaluate((h) => {
      if (location.hash === h) window.dispatchEvent(new HashChangeEvent('hashchange'))
      else location.hash = h
    }, hash),
  )
}

async function screenshot(name: string): Promise<void> {
  const target = SHOTS ?? join(dir, 'shots')
  mkdirSync(target, { recursive: true })
  const png = await page.screenshot({ path: join(target, `console-${name}.png`), fullPage: false })
  // A PNG, not a blank capture: the signature and more than a trivial size.
  expect(png.subarray(1, 4).toString()).toBe('PNG')
  expect(png.length).toBeGreaterThan(10_000)
}

describe('console pages in Chromium', () => {
  it('logs in with the printed link and drops the token from the address bar', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/login\?token=/)
    expect(page.url()).toBe(`${server.origin}/`)
    const cookies = await context.cookies()
    const session = cookies.find((c) => c.name === 'vigil_session')
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' })
    expect(await page.evaluate(() => document.cookie)).toBe('')
  })

  it('shows the overview with figures, charts and top attackers', async () => {
    await open('#/overview', 'overview')
    expect(await page.locator('.card').first().textContent()).toContain('432')
    expect(await page.locator('[data-chart] canvas').count()).toBeGreaterThanOrEqual(3)
    expect(await page.locator('[data-top="source_ip"] tbody tr').first().textContent()).toContain(SCRAPER_IP)
    await screenshot('overview')
  })

  it('filters detections and shows their explanations', async () => {
    await open('#/detections', 'detections')
    expect(await page.locator('article.detection').count()).toBe(4)
    await page.selectOption('select[name="entity_type"]', 'device')
    await act('detections', () => page.click('#detection-filters button[type="submit"]'))
    expect(await page.locator('article.detection').count()).toBe(1)
    expect(await page.locator('article.detection .explanation').textContent()).toContain('One device tried 50 accounts')
    await open('#/detections?min_score=80', 'detections')
    expect(await page.locator('article.detection').count()).toBe(2)
    await open('#/detections', 'detections')
    await screenshot('detections')
  })

  it('renders the entity page with risk, timeline and an interactive graph', async () => {
    await open(`#/entity?type=ip&value=${STUFFER_IP}`, 'entity')
    expect(await page.locator('#entity-risk').textContent()).toMatch(/risk \d+/)
    await page.waitForFunction(() => Number(document.getElementById('entity-graph')?.dataset.nodes) > 3)
    expect(await page.locator('#entity-graph canvas').count()).toBeGreaterThan(0)
    await screenshot('entity')
  })

  it('opens a related entity by clicking its node in the graph', async () => {
    await open(`#/entity?type=ip&value=${STUFFER_IP}`, 'entity')
    await page.waitForFunction(() => document.getElementById('entity-graph')?.dataset.layout !== undefined)
    const layout = JSON.parse((await page.locator('#entity-graph').getAttribute('data-layout'))!) as { id: string; x: number; y: number }[]
    const device = layout.find((n) => n.id === `device:${STUFFER_DEVICE}`)!
    await act('entity', () => page.locator('#entity-graph').click({ position: { x: device.x, y: device.y } }))
    expect(await page.locator('#entity-value').textContent()).toBe(STUFFER_DEVICE)
    await page.waitForFunction(() => Number(document.getElementById('entity-graph')?.dataset.nodes) > 1)
  })

  it('includes and excludes values with one click in the events explorer', async () => {
    await open('#/events', 'events')
    const total = async (): Promise<number> => Number(await page.locator('#events-table').getAttribute('data-total'))
    expect(await total()).toBe(432)
    await open(`#/events?filters=${encodeURIComponent(JSON.stringify([{ field: 'source_ip', value: SCRAPER_IP }]))}`, 'events')
    expect(await total()).toBe(180)
    await act('events', () => page.locator('#events-table tbody tr:not(.detail)').first().locator('td').nth(5).locator('button.exc').click())
    expect(await page.locator('#active-filters .chip').count()).toBe(2)
    expect(await total()).toBeLessThan(180)
    await act('events', () => page.locator('#active-filters .chip').first().click())
    expect(await page.locator('#active-filters .chip').count()).toBe(1)
    expect(await page.locator('#active-filters .chip').textContent()).toContain('NOT')
    await open('#/events', 'events')
    await act('events', () => page.locator('#events-table tbody tr:not(.detail)').first().locator('td').nth(2).locator('button.inc').click())
    expect(await page.locator('#active-filters .chip').count()).toBe(1)
    expect(await total()).toBeLessThan(432)
    await open('#/events', 'events')
    await screenshot('events')
  })

  it('narrows events with the time range picker', async () => {
    await open('#/events', 'events')
    await act('events', () => page.selectOption('.time-range select', { label: 'Last 15 min' }))
    expect(page.url()).toContain('from=')
    const n = Number(await page.locator('#events-table').getAttribute('data-total'))
    expect(n).toBeGreaterThan(0)
    expect(n).toBeLessThan(432)
  })

  it('runs read-only SQL and shows the store refusing writes', async () => {
    await open('#/sql', 'sql')
    await page.fill('#sql-input', 'SELECT threat, count(*) AS n FROM detections GROUP BY threat ORDER BY n DESC, threat')
    await page.click('#sql-run')
    await page.waitForSelector('#sql-result table')
    expect(await page.locator('#sql-result tbody tr').first().textContent()).toContain('OAT-008')
    await screenshot('sql')
    await page.fill('#sql-input', 'DELETE FROM detections')
    await page.click('#sql-run')
    await page.waitForSelector('#sql-result .error')
    expect(await page.locator('#sql-result .error').textContent()).toMatch(/not allowed|read-only/i)
  })
})

describe('hostile log data', () => {
  const visits: [string, string][] = [
    ['#/overview', 'overview'],
    ['#/detections', 'detections'],
    ['#/detections?q=script', 'detections'],
    [`#/entity?type=ip&value=${STUFFER_IP}`, 'entity'],
    [`#/entity?type=request&value=${encodeURIComponent(HOSTILE_STRINGS[1]!)}`, 'entity'],
    ...HOSTILE_STRINGS.slice(0, 4).map((s): [string, string] => [`#/entity?type=account&value=${encodeURIComponent(s)}`, 'entity']),
    [`#/events?filters=${encodeURIComponent(JSON.stringify([{ field: 'source_ip', value: STUFFER_IP }]))}`, 'events'],
    ['#/events?table=app', 'events'],
  ]

  it('renders every payload as text on every page and runs none of them', async () => {
    for (const [hash, name] of visits) {
      await open(hash, name)
      // Expand every event row, so each field of each hostile event is in the DOM.
      await page.evaluate(() => {
        document.querySelectorAll<HTMLButtonElement>('button.expand').forEach((b) => b.click())
      })
    }
    await open(`#/events?filters=${encodeURIComponent(JSON.stringify([{ field: 'source_ip', value: STUFFER_IP }]))}`, 'events')
    const text = await page.locator('#events-table').textContent()
    expect(text).toContain(HOSTILE_STRINGS[0])
    expect(text).toContain(HOSTILE_STRINGS[1])
    expect(await page.locator('#events-table img, #events-table script, #events-table svg, #events-table iframe').count()).toBe(0)
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined()
    expect(dialogs).toEqual([])
    expect(cspViolations).toEqual([])
    expect(pageErrors).toEqual([])
  })

  it('serves a page whose CSP would stop injected script anyway', async () => {
    const res = await page.request.get(`${server.origin}/`)
    expect(res.headers()['content-security-policy']).toContain("script-src 'self'")
    const ran = await page.evaluate(() => {
      const s = document.createElement('script')
      s.textContent = 'window.__cspProbe = 1'
      document.body.append(s)
      return (window as unknown as { __cspProbe?: unknown }).__cspProbe
    })
    expect(ran).toBeUndefined()
  })
})
