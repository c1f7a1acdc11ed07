/**
 * Errors the API answers with: a stable code and a message for the client, never a
 * stack or an internal detail (those go to the log through `cause`).
 * @module
 */
export class ApiError extends Error {
  readonly statusCode: number
  readonly code: string

  constructor(statusCode: number, code: string, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'ApiError'
    this.statusCode = statusCode
    this.code = code
  }
}
