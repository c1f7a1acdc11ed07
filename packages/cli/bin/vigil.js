#!/usr/bin/env -S node --max-semi-space-size=64
// A 64 MiB young generation: the detectors' per-client state and an ingest batch outlive V8's
// default 16 MiB semi-space, so each scavenge copied them again; `throughput.ts`'s worker ran the
// full detector set 1.09-1.40x as fast with it (median 1.14, six pairs; docs/detection.md).
// `node bin/vigil.js` skips this line: pass the flag (or NODE_OPTIONS) there too.
// Vigil ships TypeScript sources and runs them through tsx, so there is no build step
// between `npm ci` and the first command.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/main.ts')
process.exitCode = await main(process.argv.slice(2))
