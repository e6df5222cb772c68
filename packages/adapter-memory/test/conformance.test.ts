import { runConformance } from '@regstack/conformance/vitest'
import { createMemoryRepos } from '../src/index.js'

runConformance(({ clock }) => ({ repos: createMemoryRepos({ clock }), revision: '2026-07' }), {
  name: 'memory',
  engine: 'in-process',
})
