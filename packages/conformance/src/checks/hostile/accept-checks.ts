import type { Check } from '../../check.js'
import { expectResolves } from '../../harness/assert.js'
import { ALL_METHODS } from './all-methods.js'
import { type AcceptCase, atLimitCases, rangeEndCases } from './hostile-cases.js'
import { callEnv, callMethod, seedStore } from './hostile-store.js'
import { type MethodSpec, methodName } from './method-spec.js'

/** Runs every accept case of every method in one seeded store; each call gets its own number. */
async function acceptAll(
  ctx: Parameters<Check['run']>[0],
  casesOf: (spec: MethodSpec) => AcceptCase[],
): Promise<void> {
  const store = await ctx.open()
  const keys = await seedStore(store)
  let n = 0
  for (const spec of ALL_METHODS) {
    for (const accepted of casesOf(spec)) {
      n += 1
      const args = accepted.build(callEnv(store, keys, n))
      await expectResolves(
        () => callMethod(store.repos, spec, args),
        `${methodName(spec)} with ${accepted.label}`,
      )
    }
  }
}

const atLimit: Check = {
  id: 'hostile.limits.at-limit-accepted',
  title:
    'Every written string exactly as long as its field limit is accepted (only one unit more is invalid).',
  area: 'hostile',
  level: 'MUST',
  clause: '§0.6',
  run: (ctx) => acceptAll(ctx, atLimitCases),
}

const rangeEnds: Check = {
  id: 'hostile.dates.range-ends-accepted',
  title:
    'Every date parameter and field accepts exactly 1970-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z (the range is inclusive).',
  area: 'hostile',
  level: 'MUST',
  clause: '§0.3',
  run: (ctx) => acceptAll(ctx, rangeEndCases),
}

/** Boundary values that must be accepted. */
export const acceptChecks: readonly Check[] = [atLimit, rangeEnds]
