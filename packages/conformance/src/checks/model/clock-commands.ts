import type fc from 'fast-check'
import { ModelCommand } from './model-command.js'
import { VOID } from './outcome.js'
import { advanceMs } from './pools.js'

/** Moves the store clock forward (never back, so generated dates stay ahead of the wall clock). */
export function clockCommands(): fc.Arbitrary<ModelCommand>[] {
  return [
    advanceMs().map(
      (ms) =>
        new ModelCommand(`clock.advance(${ms})`, async (run) => {
          run.store.clock.advance(ms)
          const done = { ok: true, value: VOID } as const
          return { call: `clock.advance(${ms})`, actual: done, expected: done, sync: true }
        }),
    ),
  ]
}
