/**
 * @vigil/core/testing — shared suites and sample records for implementations of the ports.
 * Test-only: imports vitest.
 * @module
 */
export { storeConformance, sampleAppEvent, sampleDetection, sampleHttpEvent } from './store-conformance.ts'
