/**
 * The one-time login token printed with the console's URL, as Jupyter does: whoever
 * started `vigil serve` owns the terminal, so the link grants admin, once.
 * @module
 */
import { timingSafeEqual } from 'node:crypto'
import { hashToken, newSecret } from './token-file.ts'

export class LoginLink {
  #hash: Buffer | null

  private constructor(hash: Buffer) {
    this.#hash = hash
  }

  static create(): { link: LoginLink; token: string } {
    const token = newSecret()
    return { link: new LoginLink(Buffer.from(hashToken(token), 'hex')), token }
  }

  /** True once for the right token; the link is spent afterwards. */
  redeem(token: string): boolean {
    if (this.#hash === null || token.length > 200) return false
    const ok = timingSafeEqual(this.#hash, Buffer.from(hashToken(token), 'hex'))
    if (ok) this.#hash = null
    return ok
  }
}
