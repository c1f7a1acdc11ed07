/**
 * Whether a request comes from an exit many people share at once and move between mid-visit (a
 * Tor exit, an iCloud Private Relay egress): without a cookie, such an address is no one client.
 * @module
 */
import type { HttpEvent } from '../../events/http-event.ts'

export const sharedExit = (e: HttpEvent): boolean => e.source_ip_flags !== null && (e.source_ip_flags.includes('tor') || e.source_ip_flags.includes('relay'))
