export { runConformance } from './runner/run-conformance-vitest.js'
