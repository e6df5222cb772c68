import type { NewPendingRegistration } from '@regstack/protocols'
import fc from 'fast-check'
import { sha256Hex } from '../../arbitraries/sha256.js'
import { callCommand, exchange, ModelCommand, nothing } from './model-command.js'
import { freshIdProblem } from './outcome.js'
import { expiryOffset, maybe, offset, pooledEmail } from './pools.js'
import { CodeText, callCode, renderOffset } from './render-code.js'

/** Three token hashes for up to four emails: re-used tokens across emails collide often. */
const RAW_TOKENS: readonly string[] = ['t1', 't2', 't3']
const TOKENS: readonly string[] = RAW_TOKENS.map(sha256Hex)
const token = fc.constantFrom(...TOKENS)

const upsert = fc
  .record({
    email: pooledEmail(),
    hashedPassword: fc.constantFrom('hash-1', 'hash-2'),
    fullName: fc.constantFrom('Ann', null),
    tokenHash: token,
    createdAt: fc.constantFrom(-1_000, 0),
    expiresAt: expiryOffset(),
  })
  .map(
    (spec) =>
      new ModelCommand(
        `pending.upsert(${JSON.stringify(spec.email)}, token#${TOKENS.indexOf(spec.tokenHash) + 1}, expires ${renderOffset(spec.expiresAt)})`,
        async (run) => {
          const input: NewPendingRegistration = {
            ...spec,
            createdAt: run.at(spec.createdAt),
            expiresAt: run.at(spec.expiresAt),
          }
          const replacing = run.oracle.pending.has(spec.email)
          const live = run.oracle.pending.ids()
          const step = await exchange(
            run,
            callCode(
              'pending.upsert',
              [
                {
                  ...input,
                  tokenHash: new CodeText(
                    `sha256Hex(${JSON.stringify(RAW_TOKENS[TOKENS.indexOf(input.tokenHash)])})`,
                  ),
                },
              ],
              run.nowMs(),
            ),
            (r) => r.pending.upsert(input),
            (o, actual) =>
              o.pending.upsert(input, actual.ok ? (actual.value as { id: string }).id : '(no id)'),
          )
          // A replaced row keeps its id, which the comparison already pins; a new row needs a fresh one.
          if (replacing || !step.actual.ok || !step.expected.ok) return step
          const problem = freshIdProblem((step.actual.value as { id?: unknown } | null)?.id, live)
          return problem === undefined ? step : { ...step, problem }
        },
      ),
  )

const findByTokenHash = token.map((t) =>
  callCommand(`pending.findByTokenHash(token#${TOKENS.indexOf(t) + 1})`, 'pending.findByTokenHash', () => [
    [t],
    (r) => r.pending.findByTokenHash(t),
    (o) => o.pending.findByTokenHash(t),
  ]),
)

const findByEmail = pooledEmail().map((email) =>
  callCommand(`pending.findByEmail(${JSON.stringify(email)})`, 'pending.findByEmail', () => [
    [email],
    (r) => r.pending.findByEmail(email),
    (o) => o.pending.findByEmail(email),
  ]),
)

const deleteByEmail = pooledEmail().map((email) =>
  callCommand(`pending.deleteByEmail(${JSON.stringify(email)})`, 'pending.deleteByEmail', () => [
    [email],
    (r) => r.pending.deleteByEmail(email),
    (o) => nothing(o.pending.deleteByEmail(email)),
  ]),
)

/** `now` omitted (the injected clock) or a pooled offset, which often lands exactly on an expiry. */
const when = maybe(offset())

const purgeExpired = when.map((x) =>
  callCommand(`pending.purgeExpired(${x == null ? '' : renderOffset(x)})`, 'pending.purgeExpired', (run) => {
    const now = x == null ? undefined : run.at(x)
    return [
      now === undefined ? [] : [now],
      (r) => r.pending.purgeExpired(now),
      (o) => o.pending.purgeExpired(now),
    ]
  }),
)

const countUnexpired = when.map((x) =>
  callCommand(
    `pending.countUnexpired(${x == null ? '' : renderOffset(x)})`,
    'pending.countUnexpired',
    (run) => {
      const now = x == null ? undefined : run.at(x)
      return [
        now === undefined ? [] : [now],
        (r) => r.pending.countUnexpired(now),
        (o) => o.pending.countUnexpired(now),
      ]
    },
  ),
)

/** Every pending call, upserts most often. */
export function pendingCommands(): fc.Arbitrary<ModelCommand>[] {
  return [upsert, upsert, upsert, findByTokenHash, findByEmail, deleteByEmail, purgeExpired, countUnexpired]
}
