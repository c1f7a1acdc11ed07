/**
 * API tokens, kept as SHA-256 hashes in a JSON file beside the store
 * (`<store>.tokens.json`, mode 0600). A token is 32 random bytes, so a fast hash is
 * enough: there is nothing to brute-force. The plain token is shown once, at creation.
 * @module
 */
import { createHash, randomBytes } from 'node:crypto'
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { VigilError } from '@vigil/core'
import { z } from 'zod'
import { ROLES } from './roles.ts'
import type { Role } from './roles.ts'

const TOKEN_PREFIX = 'vgl_'
/** Refuse absurd files rather than parse them: a token file lists people, not millions. */
const MAX_TOKEN_FILE_BYTES = 1_000_000

const TokenRecordSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().max(200),
  role: z.enum(ROLES),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  created_at: z.string(),
})
export type TokenRecord = z.infer<typeof TokenRecordSchema>

const TokenFileSchema = z.object({ tokens: z.array(TokenRecordSchema) })

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

export function newSecret(): string {
  return randomBytes(32).toString('base64url')
}

/** The path of the token file for a store path; in-memory stores keep tokens in memory. */
export function tokenFilePath(storePath: string): string | null {
  return storePath === ':memory:' ? null : `${storePath}.tokens.json`
}

export class TokenRegistry {
  readonly path: string | null
  #records: TokenRecord[]

  private constructor(path: string | null, records: TokenRecord[]) {
    this.path = path
    this.#records = records
  }

  /** Reads the file when it exists; a missing file is an empty registry. */
  static load(path: string | null): TokenRegistry {
    if (path === null) return new TokenRegistry(null, [])
    let text: string
    try {
      text = readFileSync(path, 'utf8')
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new TokenRegistry(path, [])
      throw e
    }
    const invalid = (why: string): VigilError =>
      new VigilError('VIGIL_ERR_DATA_INVALID', `The token file ${path} ${why}. Fix it, or move it away and create tokens again.`)
    if (text.length > MAX_TOKEN_FILE_BYTES) throw invalid(`is larger than ${MAX_TOKEN_FILE_BYTES} bytes`)
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      throw invalid('is not JSON')
    }
    const parsed = TokenFileSchema.safeParse(json)
    if (!parsed.success) throw invalid(`does not match its schema (${parsed.error.issues[0]?.message ?? 'invalid'})`)
    return new TokenRegistry(path, parsed.data.tokens)
  }

  list(): readonly TokenRecord[] {
    return this.#records
  }

  /** Adds a token and saves the file; returns the plain token, which is not stored. */
  create(role: Role, name: string): { token: string; record: TokenRecord } {
    const token = `${TOKEN_PREFIX}${newSecret()}`
    const sha256 = hashToken(token)
    const record: TokenRecord = {
      id: sha256.slice(0, 12),
      name,
      role,
      sha256,
      created_at: new Date().toISOString(),
    }
    this.#records = [...this.#records, record]
    this.#save()
    return { token, record }
  }

  verify(token: string): TokenRecord | null {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null
    const sha256 = hashToken(token)
    return this.#records.find((r) => r.sha256 === sha256) ?? null
  }

  #save(): void {
    if (this.path === null) return
    const tmp = `${this.path}.tmp`
    writeFileSync(tmp, `${JSON.stringify({ tokens: this.#records }, null, 2)}\n`, { mode: 0o600 })
    renameSync(tmp, this.path)
  }
}
