/**
 * Console roles, ordered: each role may do what the ones before it may.
 * viewer sees aggregates and detections; analyst also reads raw events (which carry
 * personal data); admin also runs SQL.
 * @module
 */
export const ROLES = ['viewer', 'analyst', 'admin'] as const
export type Role = (typeof ROLES)[number]

export function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s)
}

export function roleAllows(held: Role, needed: Role): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(needed)
}
