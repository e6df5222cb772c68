import { runConformance } from '@regstack/conformance/vitest'
import { createMemoryRepos } from '../src/index.js'

runConformance(({ clock }) => ({ repos: createMemoryRepos({ clock }) }), {
  name: 'memory',
  engine: 'in-process',
})
