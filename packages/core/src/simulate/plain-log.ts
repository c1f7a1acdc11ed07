/**
 * The simulated traffic as most shops can hand it over: a plain `combined` access log (no
 * session cookie, TLS fingerprint, user or device column, no application events), labelled
 * per IP, the only entity such a log names. Real-world bot data sets come in this shape, so
 * the detectors are measured on it beside the full-field run (bench/detect/eval-bots.ts).
 * @module
 */
import type { SimLabels } from './labels.ts'

/** Where the simulator's appended fields start: `"<ua>" rt=…`; quotes inside strings are written as \x22. */
const APPENDED = '" rt='

/** The `combined` part of a simulated access-log line: everything up to the user agent's closing quote. */
export function plainAccessLine(line: string): string {
  const end = line.lastIndexOf(APPENDED)
  return end < 0 ? line : line.slice(0, end + 1)
}

/** The labels restricted to IP entities, as a plain access log labelled per IP carries them. */
export function perIpLabels(labels: SimLabels): SimLabels {
  return { ...labels, entities: { ip: labels.entities.ip, session: {}, account: {}, device: {}, card: {} }, rings: {} }
}
