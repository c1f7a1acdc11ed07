export * from './vigil-error.ts'
