import { isVigilError } from '@vigil/core/errors'

/** Prints an error for a person: the message, the code, and the cause chain when asked. */
export function printError(e: unknown): void {
  if (isVigilError(e)) {
    process.stderr.write(`vigil: ${e.message} [${e.code}]\n`)
  } else if (e instanceof Error) {
    process.stderr.write(`vigil: ${e.message}\n`)
  } else {
    process.stderr.write(`vigil: ${String(e)}\n`)
  }
  if (process.env.VIGIL_DEBUG && e instanceof Error) {
    let cause: unknown = e
    while (cause instanceof Error) {
      process.stderr.write(`${cause.stack ?? cause.message}\n`)
      cause = cause.cause
    }
  }
}
