/**
 * The console's entry: checks the session, then routes by the URL hash
 * (`#/overview`, `#/detections?…`, `#/entity?type=…&value=…`, `#/events?…`, `#/sql`).
 * @module
 */
import './style.css'
import { ApiFailure, loadMe, postJson } from './api.ts'
import type { Me } from './api.ts'
import { h, routeHash } from './dom.ts'
import { detectionsPage } from './pages/detections.ts'
import { entityPage } from './pages/entity.ts'
import { eventsPage } from './pages/events.ts'
import { overviewPage } from './pages/overview.ts'
import { sqlPage } from './pages/sql.ts'
import type { Page } from './pages/context.ts'

const PAGES: Readonly<Record<string, { title: string; page: Page; role: Me['role']; nav: boolean }>> = Object.freeze({
  overview: { title: 'Overview', page: overviewPage, role: 'viewer', nav: true },
  detections: { title: 'Detections', page: detectionsPage, role: 'viewer', nav: true },
  entity: { title: 'Entity', page: entityPage, role: 'viewer', nav: true },
  events: { title: 'Events', page: eventsPage, role: 'analyst', nav: true },
  sql: { title: 'SQL', page: sqlPage, role: 'admin', nav: true },
})
const RANK: Readonly<Record<Me['role'], number>> = { viewer: 0, analyst: 1, admin: 2 }

const app = document.getElementById('app')!
const nav = document.getElementById('nav')!
const whoami = document.getElementById('whoami')!

function parseHash(): { route: string; params: URLSearchParams } {
  const raw = location.hash.replace(/^#\/?/, '')
  const [route = '', query = ''] = raw.split('?', 2)
  return { route: route in PAGES ? route : 'overview', params: new URLSearchParams(query) }
}

function go(route: string, params: Record<string, string | number | undefined> = {}): void {
  location.hash = routeHash(route, params)
}

/** Counts renders, so a test (or a person in devtools) can tell a fresh page from the last one. */
let renders = 0

async function render(me: Me): Promise<void> {
  const { route, params } = parseHash()
  const entry = PAGES[route]!
  for (const a of nav.querySelectorAll('a')) a.classList.toggle('active', a.dataset.route === route)
  document.title = `${entry.title} · Vigil`
  const root = h('div', { class: 'page', 'data-page': route, 'data-render': ++renders })
  app.replaceChildren(root)
  if (RANK[me.role] < RANK[entry.role]) {
    root.append(h('p', { class: 'empty' }, `This page needs the ${entry.role} role.`))
    return
  }
  try {
    await entry.page(root, { me, params, go })
    root.dataset.ready = 'true'
  } catch (e) {
    root.append(h('p', { class: 'error', role: 'alert' }, e instanceof Error ? e.message : String(e)))
    root.dataset.ready = 'error'
  }
}

function loginView(): void {
  const input = h('input', { type: 'password', name: 'token', placeholder: 'vgl_… or the login token', 'aria-label': 'token', autocomplete: 'off' })
  const form = h('form', { class: 'login' }, h('h2', {}, 'Sign in'), h('p', {}, 'Open the link `vigil serve` printed, or paste an API token (vigil token create).'), input, h('button', { type: 'submit' }, 'Sign in'))
  form.addEventListener('submit', (e) => {
    e.preventDefault()
    location.assign(`/login?token=${encodeURIComponent(input.value.trim())}`)
  })
  app.replaceChildren(form)
}

async function start(): Promise<void> {
  let me: Me
  try {
    me = await loadMe()
  } catch (e) {
    if (e instanceof ApiFailure && e.status === 401) return loginView()
    app.replaceChildren(h('p', { class: 'error', role: 'alert' }, String(e)))
    return
  }
  nav.replaceChildren(
    ...Object.entries(PAGES)
      .filter(([, p]) => p.nav && RANK[me.role] >= RANK[p.role])
      .map(([route, p]) => h('a', { href: routeHash(route), 'data-route': route }, p.title)),
  )
  whoami.replaceChildren(
    `${me.subject} · ${me.role} `,
    me.auth
      ? h('button', { type: 'button', class: 'link', onclick: () => void postJson('/api/logout', {}).then(() => location.reload()) }, 'log out')
      : '',
  )
  window.addEventListener('hashchange', () => void render(me))
  await render(me)
}

void start()
