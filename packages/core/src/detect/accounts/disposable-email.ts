/**
 * E-mail addresses as fake-account farms use them: disposable domains, from the bundled MISP
 * warninglist (see data/README.md), and the mailbox behind an address's aliases.
 * @module
 */
import list from './data/disposable-email-domains.json' with { type: 'json' }

const DOMAINS: ReadonlySet<string> = new Set(list.list)
/** Longest address considered; RFC 5321 caps a path at 256 octets. */
const MAX_EMAIL = 320

/** An address's local part and domain, lower case, split at its last `@`; null when too long or without one. */
function addressParts(email: string): { local: string; domain: string } | null {
  if (email.length > MAX_EMAIL) return null
  const at = email.lastIndexOf('@')
  return at < 0 ? null : { local: email.slice(0, at).toLowerCase(), domain: email.slice(at + 1).toLowerCase() }
}

/** True when the address's domain, or any parent domain of it, is a disposable-mail provider. */
export function isDisposableEmail(email: string): boolean {
  const parts = addressParts(email)
  if (parts === null) return false
  let domain = parts.domain
  for (;;) {
    if (DOMAINS.has(domain)) return true
    const dot = domain.indexOf('.')
    if (dot < 0) return false
    domain = domain.slice(dot + 1)
  }
}

/** Providers that ignore dots in the local part, and the domain they deliver for. */
const DOTLESS: ReadonlyMap<string, string> = new Map([['gmail.com', 'gmail.com'], ['googlemail.com', 'gmail.com']])

/**
 * The mailbox an address delivers to: without a `+tag` (sub-addressing, which Gmail, Outlook,
 * iCloud, Proton and Fastmail all deliver to the bare address) and, at Gmail, without dots. A
 * farm signs up `jo.hn+7@gmail.com`, `j.ohn@gmail.com`… to pass a shop's unique-address check,
 * and all of them land in one inbox. Null for what is not an address.
 */
export function mailboxOf(email: string): string | null {
  const parts = addressParts(email)
  if (parts === null || parts.local === '' || parts.domain === '') return null
  let { local, domain } = parts
  const plus = local.indexOf('+')
  if (plus > 0) local = local.slice(0, plus)
  const dotless = DOTLESS.get(domain)
  if (dotless !== undefined) {
    local = local.replaceAll('.', '')
    domain = dotless
  }
  return `${local}@${domain}`
}

/** Shortest `+tag` read as a generator's: `+7` or `+12` may be a person numbering their accounts. */
const MIN_RANDOM_TAG = 3

/**
 * How an address departs from its mailbox (see `mailboxOf`) when a script rather than a person
 * made it so: a `+tag` of hex digits with a digit in it (`+0f84`, `+8591`: a person's tag is a word,
 * `+shop`), or the dots of a Gmail local part (`h.a.na.novak84`), which alone say nothing (people
 * write `anna.mueller`) but, varied between registrations on one mailbox, are a script's way past a
 * shop's unique-address check. Null otherwise.
 */
export function aliasVariantOf(email: string): { kind: 'tag' | 'dots'; value: string } | null {
  const parts = addressParts(email)
  if (parts === null || parts.local === '') return null
  const { local, domain } = parts
  const plus = local.indexOf('+')
  if (plus > 0) {
    const tag = local.slice(plus + 1)
    let digit = false
    for (const ch of tag) {
      const isDigit = ch >= '0' && ch <= '9'
      if (!isDigit && (ch < 'a' || ch > 'f')) return null
      digit ||= isDigit
    }
    return digit && tag.length >= MIN_RANDOM_TAG ? { kind: 'tag', value: tag } : null
  }
  return DOTLESS.has(domain) && local.includes('.') ? { kind: 'dots', value: local } : null
}
