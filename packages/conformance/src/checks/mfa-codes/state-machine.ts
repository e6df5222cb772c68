import type { MfaKind } from '@regstack/protocols'
import fc from 'fast-check'
import { sha256Hex } from '../../arbitraries/sha256.js'
import type { Check } from '../../check.js'
import { expectEqual } from '../../harness/assert.js'
import { describeValue } from '../../harness/describe-value.js'
import { MfaCodesOracle } from '../../oracle/mfa-codes-oracle.js'

/** A tiny alphabet, so generated sequences keep hitting the same keys and the right codes. */
const CODES = ['123456', '000000', 'ñ1'] as const
const user = fc.constantFrom('alice', 'bob')
const kind = fc.constantFrom<MfaKind>('login_mfa', 'phone_setup')
const code = fc.constantFrom(...CODES)
const KINDS: readonly MfaKind[] = ['login_mfa', 'phone_setup']

const op = fc.oneof(
  fc.record({
    op: fc.constant('put' as const),
    user,
    kind,
    code,
    attempts: fc.nat({ max: 3 }),
    maxAttempts: fc.nat({ max: 4 }),
    ttlMs: fc.oneof(fc.constantFrom(-1, 0, 1), fc.integer({ min: -2_000, max: 5_000 })),
  }),
  fc.record({ op: fc.constant('verify' as const), user, kind, code }),
  fc.record({ op: fc.constant('verify' as const), user, kind, code }),
  fc.record({
    op: fc.constant('advance' as const),
    ms: fc.oneof(fc.constant(1), fc.integer({ min: 0, max: 3_000 })),
  }),
  fc.record({ op: fc.constant('delete' as const), user, kind: fc.option(kind, { nil: null }) }),
  fc.record({ op: fc.constant('find' as const), user, kind }),
)

/** Checks of the whole `verify` state machine against the suite's MFA oracle (CONTRACT §3.5, P15). */
export const stateMachineChecks: readonly Check[] = [
  {
    id: 'mfaCodes.verify.model-based',
    title: 'Any sequence of put, verify, clock moves, delete and find behaves like the §3.5 state machine.',
    area: 'mfaCodes',
    level: 'MUST',
    clause: '§3.5',
    run: async (ctx) => {
      const store = await ctx.open()
      const { mfaCodes } = store.repos
      let caseNo = 0
      await ctx.property([fc.array(op, { minLength: 1, maxLength: 24 })], async (ops) => {
        caseNo += 1
        // Per-case user ids (`alice-<case>`) keep cases apart in the shared store; the clock only moves forward, so
        // every expiry stays ahead of the wall clock and no engine may reap a row.
        const uid = (name: string): string => `${name}-${caseNo}`
        const model = new MfaCodesOracle(() => store.clock.now())
        const done: string[] = []
        const compareRow = async (name: string, k: MfaKind): Promise<void> => {
          const at = { userId: uid(name), kind: k }
          const row = await mfaCodes.find(at)
          // The oracle learns a row's id the first time it is shown, then expects it on every find.
          const expected = model.find(at, row?.id ?? '')
          const what = `after ${done.join('; ')}: find(${describeValue(at)})`
          expectEqual(row, expected === null ? null : { ...expected, id: row?.id }, what)
          if (row !== null)
            expectEqual(row.id, expected?.id, `${what}.id (a row replaced by put keeps its id)`)
        }
        for (const step of ops) {
          if (step.op === 'put') {
            const now = store.clock.now().getTime()
            const put = {
              userId: uid(step.user),
              kind: step.kind,
              codeHash: sha256Hex(step.code),
              expiresAt: new Date(now + step.ttlMs),
              attempts: step.attempts,
              maxAttempts: step.maxAttempts,
              createdAt: new Date(now),
            }
            await mfaCodes.put(put)
            model.put(put)
            done.push(
              `put(${step.user}, ${step.kind}, ${describeValue(step.code)}, attempts ${step.attempts}/${step.maxAttempts}, ttl ${step.ttlMs} ms)`,
            )
            await compareRow(step.user, step.kind)
          } else if (step.op === 'verify') {
            const actual = await mfaCodes.verify({
              userId: uid(step.user),
              kind: step.kind,
              rawCode: step.code,
            })
            const expected = model.verify({ userId: uid(step.user), kind: step.kind, rawCode: step.code })
            done.push(`verify(${step.user}, ${step.kind}, ${describeValue(step.code)})`)
            expectEqual(actual, expected, `after ${done.join('; ')}: the last verify`)
            await compareRow(step.user, step.kind)
          } else if (step.op === 'advance') {
            store.clock.advance(step.ms)
            done.push(`advance(${step.ms})`)
          } else if (step.op === 'delete') {
            await mfaCodes.delete({ userId: uid(step.user), kind: step.kind })
            model.delete({ userId: uid(step.user), kind: step.kind })
            done.push(`delete(${step.user}, ${step.kind ?? 'every kind'})`)
            for (const k of step.kind === null ? KINDS : [step.kind]) await compareRow(step.user, k)
          } else {
            done.push(`find(${step.user}, ${step.kind})`)
            await compareRow(step.user, step.kind)
          }
        }
        for (const name of ['alice', 'bob']) {
          for (const k of KINDS) await compareRow(name, k)
        }
      })
    },
  },
]
