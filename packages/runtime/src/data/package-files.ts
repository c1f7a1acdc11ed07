/**
 * Locates files shipped inside installed npm packages and inside this package's
 * data/ directory, failing with VIGIL_ERR_DATA_MISSING rather than ENOENT.
 * @module
 */
import { createRequire } from 'node:module'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { VigilError } from '@vigil/core/errors'

const require = createRequire(import.meta.url)

/** The runtime package's bundled data directory. */
export const BUNDLED_DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url))

export interface PackageFile {
  readonly path: string
  /** The package's version, so caches derived from the file can be keyed on it. */
  readonly version: string
}

export function resolvePackageFile(pkg: string, file: string): PackageFile {
  let manifestPath: string
  try {
    manifestPath = require.resolve(`${pkg}/package.json`)
  } catch (e) {
    throw new VigilError('VIGIL_ERR_DATA_MISSING', `package ${pkg} is not installed; reinstall vigil`, { cause: e })
  }
  const path = join(dirname(manifestPath), file)
  if (!existsSync(path)) {
    throw new VigilError('VIGIL_ERR_DATA_MISSING', `${path} is missing from package ${pkg}; reinstall vigil`)
  }
  const { version } = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version: string }
  return { path, version }
}

export function readDataFile(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (e) {
    throw new VigilError('VIGIL_ERR_DATA_MISSING', `cannot read data file ${path}: ${(e as Error).message}`, { cause: e })
  }
}
