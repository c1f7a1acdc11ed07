/**
 * Disposable e-mail domains, from the bundled MISP warninglist (see data/README.md).
 * @module
 */
import list from './data/disposable-email-domains.json' with { type: 'json' }

const DOMAINS: ReadonlySet<string> = new Set(list.list)
/** Longest address considered; RFC 5321 caps a path at 256 octets. */
const MAX_EMAIL = 320

/** True when the address's domain, or any parent domain of it, is a disposable-mail provider. */
export function isDisposableEmail(email: string): boolean {
  if (email.length > MAX_EMAIL) return false
  const at = email.lastIndexOf('@')
  if (at < 0) return false
  let domain = email.slice(at + 1).toLowerCase()
  for (;;) {
    if (DOMAINS.has(domain)) return true
    const dot = domain.indexOf('.')
    if (dot < 0) return false
    domain = domain.slice(dot + 1)
  }
}
