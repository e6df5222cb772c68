import type { MfaKind, NewMfaCode } from '@regstack/protocols'
import fc from 'fast-check'
import { sha256Hex } from '../../arbitraries/sha256.js'
import { callCommand, exchange, ModelCommand, nothing } from './model-command.js'
import { freshIdProblem } from './outcome.js'
import { expiryOffset, maybe, offset } from './pools.js'
import { CodeText, callCode, renderOffset } from './render-code.js'

const userId = fc.constantFrom('user-1', 'user-2')
const kind = fc.constantFrom<MfaKind>('login_mfa', 'phone_setup')
/** Codes are issued from the first two; guesses also use a third that never matches. */
const CODES: readonly string[] = ['111111', '222222', '999999']

const put = fc
  .record({
    userId,
    kind,
    code: fc.constantFrom(CODES[0] as string, CODES[1] as string),
    expiresAt: expiryOffset(),
    // Mostly fresh codes; sometimes pre-used or pre-exhausted rows to reach the early `locked` branch.
    attempts: fc.oneof(
      { weight: 4, arbitrary: fc.constant(0) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) },
    ),
    maxAttempts: fc.oneof(
      { weight: 4, arbitrary: fc.constant(3) },
      { weight: 2, arbitrary: fc.constantFrom(0, 1, 2, 5) },
    ),
  })
  .map((spec) =>
    callCommand(
      `mfaCodes.put(${spec.userId}/${spec.kind}, code ${spec.code}, attempts ${spec.attempts}/${spec.maxAttempts}, expires ${renderOffset(spec.expiresAt)})`,
      'mfaCodes.put',
      (run) => {
        const code: NewMfaCode = {
          userId: spec.userId,
          kind: spec.kind,
          codeHash: sha256Hex(spec.code),
          expiresAt: run.at(spec.expiresAt),
          attempts: spec.attempts,
          maxAttempts: spec.maxAttempts,
          createdAt: run.at(0),
        }
        // Printed as the hash call, so the program shows which raw code is the right guess.
        const shown = { ...code, codeHash: new CodeText(`sha256Hex(${JSON.stringify(spec.code)})`) }
        return [[shown], (r) => r.mfaCodes.put(code), (o) => nothing(o.mfaCodes.put(code))]
      },
    ),
  )

const verify = fc.tuple(userId, kind, fc.constantFrom(...CODES)).map(([u, k, rawCode]) =>
  callCommand(`mfaCodes.verify(${u}/${k}, ${JSON.stringify(rawCode)})`, 'mfaCodes.verify', () => {
    const opts = { userId: u, kind: k, rawCode }
    return [[opts], (r) => r.mfaCodes.verify(opts), (o) => o.mfaCodes.verify(opts)]
  }),
)

const del = fc.tuple(userId, maybe(kind, true)).map(([u, k]) =>
  callCommand(`mfaCodes.delete(${u}/${String(k)})`, 'mfaCodes.delete', () => {
    const opts = k === undefined ? { userId: u } : { userId: u, kind: k }
    return [[opts], (r) => r.mfaCodes.delete(opts), (o) => nothing(o.mfaCodes.delete(opts))]
  }),
)

/** `find` also learns the row's id the first time, and pins it from then on (kept across `put`). */
const find = fc.tuple(userId, kind).map(
  ([u, k]) =>
    new ModelCommand(`mfaCodes.find(${u}/${k})`, async (run) => {
      const opts = { userId: u, kind: k }
      const learning = !run.oracle.mfaCodes.hasKnownId(opts)
      const others = run.oracle.mfaCodes.knownIds()
      const step = await exchange(
        run,
        callCode('mfaCodes.find', [opts], run.nowMs()),
        (r) => r.mfaCodes.find(opts),
        (o, actual) =>
          o.mfaCodes.find(opts, actual.ok ? String((actual.value as { id?: unknown } | null)?.id) : ''),
      )
      if (!learning || !step.actual.ok || step.actual.value === null || !step.expected.ok) return step
      const problem = freshIdProblem((step.actual.value as { id?: unknown }).id, others)
      return problem === undefined ? step : { ...step, problem }
    }),
)

const purgeExpired = maybe(offset()).map((x) =>
  callCommand(
    `mfaCodes.purgeExpired(${x == null ? '' : renderOffset(x)})`,
    'mfaCodes.purgeExpired',
    (run) => {
      const now = x == null ? undefined : run.at(x)
      return [
        now === undefined ? [] : [now],
        (r) => r.mfaCodes.purgeExpired(now),
        (o) => o.mfaCodes.purgeExpired(now),
      ]
    },
  ),
)

/** Every MFA call, verify most often (it is the state machine). */
export function mfaCommands(): fc.Arbitrary<ModelCommand>[] {
  return [put, put, verify, verify, verify, del, find, find, purgeExpired]
}
