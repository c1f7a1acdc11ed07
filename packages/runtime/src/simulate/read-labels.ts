/**
 * Reads a labels.json written by `vigil simulate` for `vigil eval`.
 * @module
 */
import { stat, readFile } from 'node:fs/promises'
import { VigilError, parseLabels } from '@vigil/core'
import type { SimLabels } from '@vigil/core'

/** Large enough for weeks of simulated traffic; a bigger file is not a labels file. */
export const MAX_LABELS_BYTES = 512 * 1024 * 1024

export async function readLabelsFile(path: string): Promise<SimLabels> {
  const info = await stat(path).catch((cause: unknown) => {
    throw new VigilError('VIGIL_ERR_INGEST_SOURCE_UNREADABLE', `cannot read labels file ${path}`, { cause, exitCode: 3 })
  })
  if (info.size > MAX_LABELS_BYTES) {
    throw new VigilError('VIGIL_ERR_DATA_INVALID', `${path} is larger than ${MAX_LABELS_BYTES} bytes; not a labels file`)
  }
  return parseLabels(await readFile(path, 'utf8'), path)
}
