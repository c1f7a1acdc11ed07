import { describe, expect, it } from 'vitest'
import { detectConfigSchema } from './config.ts'
import { buildDetectors, type DetectorFactory } from './registry.ts'
import { resolveConfig } from '../config/schema.ts'
import { isVigilError } from '../errors/vigil-error.ts'

describe('detector registry', () => {
  it('builds every bot detector with unique ids, fresh each call', () => {
    const ids = buildDetectors().map((d) => d.id)
    for (const id of ['bot.scraping', 'bot.scanner', 'bot.fake_crawler', 'bot.proxy_rotation', 'bot.headless', 'bot.dos']) {
      expect(ids).toContain(id)
    }
    expect(new Set(ids).size).toBe(ids.length)
    expect(buildDetectors()[0]).not.toBe(buildDetectors()[0])
  })

  it('leaves out disabled detectors', () => {
    const ids = buildDetectors(detectConfigSchema.parse({ disabled: ['bot.dos'] })).map((d) => d.id)
    expect(ids).not.toContain('bot.dos')
    expect(ids).toContain('bot.scraping')
  })

  it('rejects duplicate ids with a config error', () => {
    const twice: DetectorFactory = () => [{ id: 'x.same' }, { id: 'x.same' }]
    try {
      buildDetectors(undefined, [twice])
      expect.unreachable()
    } catch (e) {
      expect(isVigilError(e) && e.code).toBe('VIGIL_ERR_CONFIG_INVALID')
    }
  })
})

describe('detect config', () => {
  it('is part of vigil.config.yaml with defaults, and rejects unknown keys and bad values', () => {
    expect(resolveConfig({}).detect.scraping.reportScore).toBe(60)
    expect(resolveConfig({ detect: { windowMinutes: 5 } }).detect.windowMinutes).toBe(5)
    expect(() => resolveConfig({ detect: { scraping: { weights: { coverage: 2 } } } })).toThrow()
    expect(() => resolveConfig({ detect: { nope: 1 } })).toThrow()
  })
})
