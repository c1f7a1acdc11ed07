/**
 * Slots of an entity's cache (`KeyedEntity.cache`): one per kind of per-entity table, so the
 * tables an event reaches for its IP, session and device find their records through the
 * interned entity object the engine hands every detector, instead of one hash lookup per
 * table per entity. The table behind each slot stays the authority: a slot is read only
 * after its table checks the record is its own and still holds that entity (another engine
 * in the process, a record reused for another key, an entity object not interned), and
 * falls back to its own lookup otherwise, so the answers never depend on the cache.
 * @module
 */

export const ENTITY_SLOTS = {
  scrapingWindows: 0,
  scannerWindows: 1,
  /** bot.proxy_rotation's windows of a fingerprint, ja4, subnet or ASN. */
  rotationLevels: 2,
  /** bot.proxy_rotation's open visits of an IP, and the IP's subnet and ASN levels. */
  rotationVisits: 3,
  rotationIpLevels: 4,
  dosRates: 5,
} as const

export type EntitySlot = (typeof ENTITY_SLOTS)[keyof typeof ENTITY_SLOTS]

const SLOTS = 6

/** A cache with every slot empty (filled, so its elements stay packed). */
export function newEntityCache(): unknown[] {
  return new Array<unknown>(SLOTS).fill(undefined)
}
