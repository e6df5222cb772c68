import { sha256Hex } from '../../arbitraries/sha256.js'
import type { Check } from '../../check.js'
import { expectEqual, expectResolves } from '../../harness/assert.js'
import { describeValue } from '../../harness/describe-value.js'
import { ALL_METHODS } from './all-methods.js'
import { unmatchableCases } from './hostile-cases.js'
import { callEnv, callMethod, expectUnchanged, seedStore, takeSnapshot } from './hostile-store.js'
import { methodName, VOID } from './method-spec.js'

const unmatchableLookups: Check = {
  id: 'hostile.lookups.unmatchable-strings-match-nothing',
  title:
    'A lookup string no stored row can hold (over the field limit, a lone surrogate, U+0000) is not an error: it matches nothing and changes nothing.',
  area: 'hostile',
  level: 'MUST',
  clause: '§0.6',
  async run(ctx) {
    const store = await ctx.open()
    const keys = await seedStore(store)
    const before = await takeSnapshot(store.repos, keys)
    for (const spec of ALL_METHODS) {
      for (const hostile of unmatchableCases(spec, callEnv(store, keys, 0))) {
        const call = `${methodName(spec)} with ${hostile.label}`
        const result = await expectResolves(() => callMethod(store.repos, spec, hostile.args), call)
        // A void method's value is not compared: a process bridge answers `null` for it.
        if (spec.nothing !== VOID) {
          expectEqual(result, spec.nothing, `${call} must match nothing (${describeValue(spec.nothing)})`)
        }
        expectUnchanged(before, await takeSnapshot(store.repos, keys), `${call} resolved`)
      }
    }
  },
}

/** Raw codes that no SHA-256 hex digest can match, each of which must count as one wrong guess. */
const STRANGE_CODES: readonly string[] = ['a\ud800', '\udc00', '12\u00003456', '9'.repeat(5000)]

const unmatchableRawCode: Check = {
  id: 'hostile.mfaCodes.verify.unmatchable-raw-code-is-a-wrong-guess',
  title:
    'verify treats a raw code with a lone surrogate, U+0000 or any length as an ordinary wrong guess: it counts an attempt and is never an error.',
  area: 'hostile',
  level: 'MUST',
  clause: '§0.6',
  async run(ctx) {
    const store = await ctx.open()
    const { repos, clock } = store
    const userId = 'strange-code-user'
    const maxAttempts = STRANGE_CODES.length + 1
    await repos.mfaCodes.put({
      userId,
      kind: 'phone_setup',
      codeHash: sha256Hex('123456'),
      expiresAt: new Date(clock.now().getTime() + 86_400_000),
      attempts: 0,
      maxAttempts,
      createdAt: clock.now(),
    })
    let remaining = maxAttempts
    for (const rawCode of STRANGE_CODES) {
      remaining -= 1
      const call = `mfaCodes.verify with rawCode = ${describeValue(rawCode.length > 20 ? `${rawCode.slice(0, 8)}…` : rawCode)}`
      const result = await expectResolves(
        () => repos.mfaCodes.verify({ userId, kind: 'phone_setup', rawCode }),
        call,
      )
      expectEqual(result, { outcome: 'wrong', attemptsRemaining: remaining }, call)
    }
    const code = await repos.mfaCodes.find({ userId, kind: 'phone_setup' })
    expectEqual(code?.attempts, STRANGE_CODES.length, 'attempts after the strange guesses')
  },
}

/** Lookups that can match nothing, and raw codes that can never match. */
export const lookupChecks: readonly Check[] = [unmatchableLookups, unmatchableRawCode]
