/**
 * Runs the core simulator and writes access.log, events.ndjson and labels.json into a
 * directory. Lines are written in chunks that respect stream back-pressure, so memory stays
 * flat whatever the run length.
 * @module
 */
import { once } from 'node:events'
import { createWriteStream, type WriteStream } from 'node:fs'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ShopSimulation, VigilError, resolveSimConfig } from '@vigil/core'
import type { SimConfig, SimLabels, SimulateOptions } from '@vigil/core'

const CHUNK_BYTES = 256 * 1024
const MAX_CONFIG_BYTES = 1024 * 1024

/** The default scenarios.yaml shipped beside the core simulator. */
export function defaultScenarioFile(): string {
  const coreEntry = fileURLToPath(import.meta.resolve('@vigil/core'))
  return join(dirname(coreEntry), 'simulate', 'scenarios.yaml')
}

/** Default knobs, with a user's --config file merged over them. */
export async function loadSimConfig(overridePath?: string): Promise<SimConfig> {
  const defaults = await readFile(defaultScenarioFile(), 'utf8').catch((cause: unknown) => {
    throw new VigilError('VIGIL_ERR_DATA_MISSING', `the simulator's scenarios.yaml is missing: ${defaultScenarioFile()}`, { cause })
  })
  if (overridePath === undefined) return resolveSimConfig(defaults)
  const text = await readFile(overridePath, 'utf8').catch((cause: unknown) => {
    throw new VigilError('VIGIL_ERR_CONFIG_NOT_FOUND', `cannot read simulator config ${overridePath}`, { cause })
  })
  if (Buffer.byteLength(text) > MAX_CONFIG_BYTES) {
    throw new VigilError('VIGIL_ERR_CONFIG_INVALID', `${overridePath} is larger than ${MAX_CONFIG_BYTES} bytes`)
  }
  return resolveSimConfig(defaults, { name: overridePath, text })
}

export interface SimulationProgress {
  requests: number
  events: number
}

export interface SimulationSummary {
  dir: string
  files: { accessLog: string; events: string; labels: string }
  requests: number
  events: number
  populations: number
  labels: SimLabels
}

class ChunkWriter {
  readonly #stream: WriteStream
  #buf: string[] = []
  #size = 0

  constructor(path: string) {
    this.#stream = createWriteStream(path, { encoding: 'utf8' })
  }

  async add(line: string): Promise<void> {
    this.#buf.push(line)
    this.#size += line.length + 1
    if (this.#size >= CHUNK_BYTES) await this.flush()
  }

  async flush(): Promise<void> {
    if (this.#buf.length === 0) return
    const text = `${this.#buf.join('\n')}\n`
    this.#buf = []
    this.#size = 0
    if (!this.#stream.write(text)) await once(this.#stream, 'drain')
  }

  async close(): Promise<void> {
    await this.flush()
    this.#stream.end()
    await once(this.#stream, 'finish')
  }
}

/**
 * Simulates and writes the three files into `dir` (created if needed). `onProgress` is
 * called every `progressEvery` access-log lines.
 */
export async function writeSimulation(
  dir: string,
  config: SimConfig,
  options: SimulateOptions,
  onProgress?: (p: SimulationProgress) => void,
  progressEvery = 50_000,
): Promise<SimulationSummary> {
  const sim = new ShopSimulation(config, options)
  await mkdir(dir, { recursive: true }).catch((cause: unknown) => {
    throw new VigilError('VIGIL_ERR_CLI_USAGE', `cannot create output directory ${dir}`, { cause })
  })
  const files = {
    accessLog: join(dir, 'access.log'),
    events: join(dir, 'events.ndjson'),
    labels: join(dir, 'labels.json'),
  }
  const access = new ChunkWriter(files.accessLog)
  const events = new ChunkWriter(files.events)
  let requests = 0
  let appEvents = 0
  for (const line of sim.lines()) {
    if (line.file === 'access') {
      await access.add(line.text)
      requests++
      if (onProgress !== undefined && requests % progressEvery === 0) onProgress({ requests, events: appEvents })
    } else {
      await events.add(line.text)
      appEvents++
    }
  }
  await Promise.all([access.close(), events.close()])
  const labels = sim.labels()
  // Written last and renamed into place, so a labels.json on disk always matches its logs.
  await writeFile(`${files.labels}.tmp`, `${JSON.stringify(labels)}\n`)
  await rename(`${files.labels}.tmp`, files.labels)
  return { dir, files, requests, events: appEvents, populations: Object.keys(labels.populations).length, labels }
}
