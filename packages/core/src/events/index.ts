export * from './http-event.ts'
export * from './app-event.ts'
export * from './detection.ts'
export * from './quarantine.ts'
