/** The memory adapter; its floor is a bare `Map` lookup behind `await`, measured by the op runner. */
import { createMemoryRepos } from '@regstack/adapter-memory'
import { createRawMemoryRepos } from '@regstack/adapter-memory/internal'
import type { BenchEngine } from './bench-engine.js'

export function openMemoryEngine(): BenchEngine {
  return {
    id: 'memory',
    label: `in-process (Node ${process.version})`,
    reference: true,
    counterLabel: 'none (no I/O)',
    openStore: async (clock) => ({
      repos: createMemoryRepos({ clock }),
      // Two separate stores: the unguarded one prices what `guardRepos` (validation, copies) adds.
      unguarded: createRawMemoryRepos({ clock }),
      close: async () => {},
    }),
    close: async () => {},
  }
}
