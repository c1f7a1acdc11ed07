/**
 * The keys detectors aggregate on: the account an event belongs to, the /24 or /48
 * around an IP, and whether the actor is the shop's own staff.
 * @module
 */
import { parseIp } from '../../enrich/ip-address.ts'
import type { AppEvent } from '../../events/app-event.ts'
import type { EntityRef } from '../../events/detection.ts'

/** The account an event is about: its user id, else the name typed at login. */
export function accountOf(event: Pick<AppEvent, 'user_id' | 'user_name'>): string | null {
  return event.user_id ?? event.user_name ?? null
}

const hex = (n: number): string => n.toString(16)

/** The /24 (IPv4) or /48 (IPv6) network of an address, or null when it does not parse. */
export function subnetOf(ip: string): string | null {
  const parsed = parseIp(ip)
  if (parsed === null) return null
  if (parsed.version === 4) {
    const v = parsed.value
    return `${Math.floor(v / 16777216)}.${Math.floor(v / 65536) % 256}.${Math.floor(v / 256) % 256}.0/24`
  }
  const [w0, w1] = parsed.words
  return `${hex(w0 >>> 16)}:${hex(w0 & 0xffff)}:${hex(w1 >>> 16)}::/48`
}

/** The aggregation sources of an event: ip, subnet, asn and device, those that are known. */
export function sourcesOf(event: {
  source_ip: string | null
  source_as_number: number | null
  device_id: string | null
}): EntityRef[] {
  const out: EntityRef[] = []
  if (event.source_ip !== null) {
    out.push({ type: 'ip', value: event.source_ip })
    const subnet = subnetOf(event.source_ip)
    if (subnet !== null) out.push({ type: 'subnet', value: subnet })
  }
  if (event.source_as_number !== null) out.push({ type: 'asn', value: String(event.source_as_number) })
  if (event.device_id !== null) out.push({ type: 'device', value: event.device_id })
  return out
}

export interface StaffPolicy {
  staffUsers: readonly string[]
  staffRoles: readonly string[]
}

const ROLE_KEYS = ['user.roles', 'user.role', 'role', 'roles'] as const
/** ECS `user.target.*`: the event acts on another user's account, which only staff do. */
const TARGET_KEYS = ['user.target.id', 'user.target.name'] as const

/**
 * Support agents act on many accounts by design: they are named in config, carry a staff
 * role, or act on a `user.target` other than themselves.
 */
export function isStaff(
  principal: string | null,
  attributes: Record<string, unknown> | Record<string, string> | null,
  policy: StaffPolicy,
): boolean {
  if (principal !== null && policy.staffUsers.includes(principal)) return true
  if (attributes === null) return false
  for (const key of TARGET_KEYS) {
    const target = attributes[key]
    if (typeof target === 'string' && target !== '' && target !== principal) return true
  }
  for (const key of ROLE_KEYS) {
    const value = attributes[key]
    const roles = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : []
    for (const role of roles) {
      if (typeof role === 'string' && policy.staffRoles.includes(role.trim().toLowerCase())) return true
    }
  }
  return false
}

export const refKey = (r: EntityRef): string => `${r.type}:${r.value}`
