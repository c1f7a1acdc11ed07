/**
 * @vigil/server — the web console's API and static UI, started by `vigil serve`.
 * @module
 */
export { buildConsole } from './server.ts'
export type { ConsoleOptions } from './server.ts'
export { startConsole } from './start.ts'
export type { StartOptions, StartedConsole } from './start.ts'
export { TokenRegistry, tokenFilePath } from './auth/token-file.ts'
export type { TokenRecord } from './auth/token-file.ts'
export { ROLES, isRole } from './auth/roles.ts'
export type { Role } from './auth/roles.ts'
export { ensureWebBuilt, WEB_APP_DIR } from './web-build.ts'
