/**
 * `vigil entity TYPE VALUE [--db P] [--json] [--limit N]`: one entity's profile — first
 * and last seen, event counts, risk with the detections behind it, its timeline and the
 * entities linked to it.
 * @module
 */
import type { Command } from 'commander'
import { parseNumberOption } from './simulate.ts'
import { printJson } from '../output/json.ts'
import { printTable } from '../output/table.ts'

interface EntityFlags {
  db?: string
  json?: boolean
  limit: string
}

export function register(program: Command): void {
  program
    .command('entity')
    .description('profile, risk, timeline and links of one entity (account, device, ip, session, card, asn, actor, …)')
    .argument('<type>', 'entity type, e.g. account, device, ip')
    .argument('<value>', 'entity value, e.g. an account id or an IP address')
    .option('--db <path>', 'store file (default: VIGIL_DB or ./.vigil/vigil.duckdb)')
    .option('--json', 'print the profile as one JSON document')
    .option('--limit <n>', 'timeline events to show (the most recent)', '30')
    .action(async (type: string, value: string, flags: EntityFlags) => {
      const { buildEntityProfile, openReadOnlyStore, parseEntityRef } = await import('@vigil/runtime')
      const entity = parseEntityRef(type, value)
      const timelineLimit = parseNumberOption('--limit', flags.limit, true)
      const store = await openReadOnlyStore(flags.db)
      try {
        const p = await buildEntityProfile(store, entity, { timelineLimit })
        if (flags.json === true) {
          printJson(p)
          return
        }
        const out = process.stdout
        out.write(`${p.entity.type} ${p.entity.value}\n`)
        out.write(`first seen ${p.first_seen ?? '—'}, last seen ${p.last_seen ?? '—'}; ${p.app_events} app events, ${p.http_events} HTTP requests\n`)
        if (p.actions.length > 0) out.write(`actions: ${p.actions.map((a) => `${a.action} ${a.events}`).join(', ')}\n`)
        out.write(`\nrisk ${p.risk.score} (${p.risk.severity})\n`)
        if (p.risk.reasons.length > 0) {
          printTable(['score', 'link', 'detector', 'threat', 'explanation'], p.risk.reasons.map((r) => [r.score, r.link, r.detector, r.threat, r.explanation]))
        }
        if (p.timeline.length > 0) {
          out.write('\ntimeline\n')
          printTable(['time', 'source', 'event', 'outcome', 'ip', 'device'], p.timeline.map((t) => [t.ts, t.source, t.what, t.outcome, t.ip, t.device]))
        }
        if (p.links.length > 0) {
          out.write('\nlinked entities\n')
          printTable(['type', 'value', 'events'], p.links.map((l) => [l.type, l.value, l.events]))
        }
      } finally {
        await store.close()
      }
    })
}
