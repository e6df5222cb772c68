import { createMemoryRepos } from '../src/index.js'
import { runConformance } from '@regstack/conformance'
runConformance(({ clock }) => ({ repos: createMemoryRepos({ clock }) }), { name: 'memory', engine: 'in-process' })
