import { runConformance } from '@regstack/conformance'
import { createMemoryRepos } from '../src/index.js'

runConformance(({ clock }) => ({ repos: createMemoryRepos({ clock }) }), {
  name: 'memory',
  engine: 'in-process',
})
