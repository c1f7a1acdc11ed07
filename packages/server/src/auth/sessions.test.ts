import { describe, expect, it } from 'vitest'
import { SESSION_TTL_MS, SessionStore } from './sessions.ts'
import { LoginLink } from './login-link.ts'

describe('sessions', () => {
  it('expire after their time to live', () => {
    let now = 1_000_000
    const sessions = new SessionStore(() => now)
    const { id } = sessions.create('viewer', 'x')
    expect(sessions.get(id)?.role).toBe('viewer')
    now += SESSION_TTL_MS
    expect(sessions.get(id)).toBeNull()
  })

  it('give each session its own CSRF token and forget deleted ones', () => {
    const sessions = new SessionStore()
    const a = sessions.create('admin', 'a')
    const b = sessions.create('admin', 'b')
    expect(a.session.csrf).not.toBe(b.session.csrf)
    sessions.delete(a.id)
    expect(sessions.get(a.id)).toBeNull()
    expect(sessions.get(b.id)?.subject).toBe('b')
  })

  it('stay bounded: the oldest session goes when the store is full', () => {
    const sessions = new SessionStore()
    const first = sessions.create('viewer', 'first')
    for (let i = 0; i < 1000; i++) sessions.create('viewer', `s${i}`)
    expect(sessions.get(first.id)).toBeNull()
  })
})

describe('login link', () => {
  it('redeems once, and only for its own token', () => {
    const { link, token } = LoginLink.create()
    expect(link.redeem('wrong')).toBe(false)
    expect(link.redeem(token)).toBe(true)
    expect(link.redeem(token)).toBe(false)
  })
})
