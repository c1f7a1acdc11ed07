import { describe, expect, it } from 'vitest'
import { sampleAppEvent, sampleHttpEvent } from '@vigil/core/testing'
import { DuckDbStore } from './duckdb-store.ts'

describe('event scan', () => {
  it('returns omitted fields as null and every other field as stored, in the same order of fields', async () => {
    const s = await DuckDbStore.open(':memory:')
    try {
      const http = [2, 1, 3].map((i) => sampleHttpEvent(i, { labels: { k: `v${i}` }, source_ip_flags: ['tor'] }))
      const app = [sampleAppEvent(1)]
      await s.commitBatch({ http, app, quarantine: [] }, { source_key: 'k', path: 'p', format: 'combined', lines_done: 4, prefix_bytes: 0, updated_at: 0 })
      const full = []
      for await (const b of s.scanHttpEvents()) full.push(...b)
      const narrow = []
      for await (const b of s.scanHttpEvents({ omit: ['message', 'labels', 'source_port'], batchSize: 2 })) narrow.push(...b)
      expect(narrow).toHaveLength(3)
      for (let i = 0; i < full.length; i++) {
        expect(Object.keys(narrow[i]!)).toEqual(Object.keys(full[i]!))
        expect(narrow[i]).toEqual({ ...full[i], message: null, labels: null, source_port: null })
        expect(full[i]!.labels).toEqual({ k: expect.stringMatching(/^v/) })
      }
      const apps = []
      for await (const b of s.scanAppEvents({ omit: ['attributes'] })) apps.push(...b)
      expect(apps).toEqual([{ ...app[0], attributes: null }])
    } finally {
      await s.close()
    }
  })
})
