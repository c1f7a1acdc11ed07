#!/usr/bin/env node
// Vigil ships TypeScript sources and runs them through tsx, so there is no build step
// between `npm ci` and the first command.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/main.ts')
process.exitCode = await main(process.argv.slice(2))
