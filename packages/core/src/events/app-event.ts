/**
 * The normalized application event (DESIGN.md §2): logins, registrations, payments,
 * orders and the rest of the shop's vocabulary. The fields detectors join on have
 * columns of their own; everything else the source sent is kept in `attributes`,
 * so an unknown action is stored, never dropped.
 * @module
 */
import type { IpFlag } from './http-event.ts'

export const KNOWN_APP_ACTIONS = [
  'account.register',
  'account.login',
  'account.logout',
  'account.password_reset_request',
  'account.password_change',
  'account.email_change',
  'account.phone_change',
  'account.mfa_change',
  'account.address_change',
  'payment.method_add',
  'payment.authorize',
  'cart.add',
  'order.create',
  'order.cancel',
  'order.refund',
  'coupon.redeem',
  'giftcard.check',
  'otp.send',
  'review.create',
] as const
export type KnownAppAction = (typeof KNOWN_APP_ACTIONS)[number]

export interface AppEvent {
  event_id: string
  ts: number
  event_action: string
  event_outcome: 'success' | 'failure' | 'unknown' | null
  event_reason: string | null
  user_id: string | null
  user_name: string | null
  user_email: string | null
  user_phone_hash: string | null
  source_ip: string | null
  user_agent_original: string | null
  device_id: string | null
  session_id: string | null
  auth_method: string | null
  card_fingerprint: string | null
  card_bin: string | null
  card_last4: string | null
  order_id: string | null
  order_amount: number | null
  order_currency: string | null
  address_hash: string | null
  address_country: string | null
  coupon_code: string | null
  giftcard_id: string | null
  phone_country: string | null
  product_id: string | null
  /** Every other field of the source record, flattened to dotted keys. */
  attributes: Record<string, unknown> | null

  source_as_number: number | null
  source_as_organization_name: string | null
  source_geo_country_iso_code: string | null
  source_ip_flags: IpFlag[] | null

  log_format: string
  log_file: string
  log_line: number
  message: string
}

export function emptyAppEvent(
  logFile: string,
  logLine: number,
  message: string,
): AppEvent {
  return {
    event_id: '',
    ts: 0,
    event_action: '',
    event_outcome: null,
    event_reason: null,
    user_id: null,
    user_name: null,
    user_email: null,
    user_phone_hash: null,
    source_ip: null,
    user_agent_original: null,
    device_id: null,
    session_id: null,
    auth_method: null,
    card_fingerprint: null,
    card_bin: null,
    card_last4: null,
    order_id: null,
    order_amount: null,
    order_currency: null,
    address_hash: null,
    address_country: null,
    coupon_code: null,
    giftcard_id: null,
    phone_country: null,
    product_id: null,
    attributes: null,
    source_as_number: null,
    source_as_organization_name: null,
    source_geo_country_iso_code: null,
    source_ip_flags: null,
    log_format: 'app-ndjson',
    log_file: logFile,
    log_line: logLine,
    message,
  }
}
