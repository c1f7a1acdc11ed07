/**
 * Whether the codes the shop sends get used, and where its customers are. A code that works
 * is followed within its lifetime by a successful sign-in or a registration from the session,
 * device or login name it was asked for (or the registration carries its phone); a pumper's
 * codes go to numbers nobody reads. DESIGN.md's vocabulary has no "code entered" event, so
 * that sign-in or registration is the evidence. Customers are counted where they sign in
 * from, where their addresses are and where their used codes went: a destination the shop
 * sends many codes to but has next to no customers in is not one it serves.
 * @module
 */
import type { AppEvent } from '../../events/app-event.ts'
import { BoundedMap } from '../state/bounded-map.ts'

/** The keys a code and its use share: the session, the device, the login name, the phone. */
function usesOf(e: AppEvent): string[] {
  const out: string[] = []
  if (e.session_id !== null) out.push(`s:${e.session_id}`)
  if (e.device_id !== null) out.push(`d:${e.device_id}`)
  const name = e.user_name ?? e.user_id
  if (name !== null) out.push(`n:${name}`)
  if (e.user_phone_hash !== null) out.push(`p:${e.user_phone_hash}`)
  return out
}

const MAX_COUNTRIES = 512

export class OtpConversion {
  readonly #lifetimeMs: number
  readonly #maxPending: number
  /** Per key, when a code asked for under it could last have been used. */
  readonly #usedAt: BoundedMap<string, number>
  readonly #pending: AppEvent[] = []
  #head = 0
  readonly #customers = new Map<string, number>()
  #total = 0

  constructor(lifetimeMs: number, maxKeys: number) {
    this.#lifetimeMs = lifetimeMs
    this.#maxPending = maxKeys
    this.#usedAt = new BoundedMap({ maxEntries: maxKeys })
  }

  /** Every application event: a sign-in or registration uses the codes sent before it; customers are counted. */
  observe(e: AppEvent): void {
    const signedIn = e.event_action === 'account.login' && e.event_outcome === 'success'
    if (signedIn || e.event_action === 'account.register') {
      for (const k of usesOf(e)) this.#usedAt.set(k, e.ts, e.ts)
    }
    if (signedIn && e.source_geo_country_iso_code !== null) this.#customer(e.source_geo_country_iso_code)
    if (e.address_country !== null) this.#customer(e.address_country)
  }

  /** A code sent: judged once its lifetime is over. */
  wait(send: AppEvent): void {
    this.#pending.push(send)
    if (this.#pending.length - this.#head > this.#maxPending) this.#head++
  }

  /**
   * The codes whose lifetime ended by `now`, oldest first, each with whether it was used;
   * a used one counts its destination as a customer's.
   */
  due(now: number): Array<{ send: AppEvent; used: boolean }> {
    const out: Array<{ send: AppEvent; used: boolean }> = []
    while (this.#head < this.#pending.length) {
      const send = this.#pending[this.#head]!
      if (now - send.ts < this.#lifetimeMs) break
      this.#head++
      const used = usesOf(send).some((k) => (this.#usedAt.peek(k) ?? -Infinity) >= send.ts)
      if (used && send.phone_country !== null) this.#customer(send.phone_country)
      out.push({ send, used })
    }
    if (this.#head > 1024 && this.#head * 2 > this.#pending.length) {
      this.#pending.splice(0, this.#head)
      this.#head = 0
    }
    return out
  }

  /** The destination's share of the shop's customers so far (0 before any). */
  customerShare(country: string): number {
    return this.#total === 0 ? 0 : (this.#customers.get(country.toUpperCase()) ?? 0) / this.#total
  }

  #customer(country: string): void {
    const c = country.toUpperCase()
    // Countries are a few hundred; a source inventing codes gets no more room than that.
    if (!this.#customers.has(c) && this.#customers.size >= MAX_COUNTRIES) return
    this.#customers.set(c, (this.#customers.get(c) ?? 0) + 1)
    this.#total++
  }
}
