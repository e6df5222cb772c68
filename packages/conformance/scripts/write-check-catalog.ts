import { writeFileSync } from 'node:fs'
import { checkCatalog } from './check-catalog.js'

// From packages/conformance/dist-scripts/scripts/ up to the repository root.
const target = new URL('../../../../docs/checks.md', import.meta.url)
writeFileSync(target, checkCatalog())
process.stdout.write(`wrote ${target.pathname}\n`)
