import type { Check } from '../../check.js'
import { expectRejects, expectTrue } from '../../harness/assert.js'
import { ALL_METHODS } from './all-methods.js'
import { badCases } from './hostile-cases.js'
import { callEnv, callMethod, expectUnchanged, seedStore, takeSnapshot } from './hostile-store.js'
import { type MethodSpec, methodName } from './method-spec.js'

/**
 * One check per method: every bad input of the table rejects with `INVALID_INPUT` (with a non-empty
 * `field`), and reads of every seeded row afterwards prove nothing was written or deleted. All cases
 * share one seeded store, since a correct adapter never changes it.
 */
function rejectCheck(spec: MethodSpec): Check {
  const name = methodName(spec)
  return {
    id: `hostile.${name}.rejects-bad-input`,
    title: `${name} rejects every ill-typed, malformed or out-of-range argument with INVALID_INPUT before reading or writing anything.`,
    area: 'hostile',
    level: 'MUST',
    clause: '§0.6',
    async run(ctx) {
      const store = await ctx.open()
      const keys = await seedStore(store)
      const before = await takeSnapshot(store.repos, keys)
      for (const hostile of badCases(spec, callEnv(store, keys, 0))) {
        const call = `${name} with ${hostile.label}`
        const error = await expectRejects(
          () => callMethod(store.repos, spec, hostile.args),
          'INVALID_INPUT',
          call,
        )
        expectTrue(
          typeof error.field === 'string' && error.field.length > 0,
          `${call}: InvalidInputError.field must be a non-empty string, got ${JSON.stringify(error.field)}`,
        )
        expectUnchanged(before, await takeSnapshot(store.repos, keys), `${call} rejected`)
      }
    },
  }
}

/** The per-method rejection checks, in table order. */
export const rejectChecks: readonly Check[] = ALL_METHODS.map(rejectCheck)
