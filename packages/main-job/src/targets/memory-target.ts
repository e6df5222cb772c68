import { createMemoryRepos } from '@regstack/adapter-memory'
import type { EngineTarget } from './target.js'

/** The in-memory reference adapter: nothing to open, nothing to close. */
export function memoryTarget(): EngineTarget {
  return {
    id: 'memory',
    adapter: '@regstack/adapter-memory',
    engine: 'in-process',
    makeRepos: ({ clock }) => ({ repos: createMemoryRepos({ clock }), revision: '2026-07' }),
    teardown: async () => {},
  }
}
