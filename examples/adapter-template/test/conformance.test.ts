import { runConformance } from '@regstack/conformance/vitest'
import { makeRepos } from '../src/conformance-target.js'

// One test per check, grouped by area; a failure prints the rule, its clause in the contract, the
// minimal failing case and the line that replays it.
runConformance(makeRepos, { name: 'regstack-adapter-yourengine', engine: 'yourengine' })
