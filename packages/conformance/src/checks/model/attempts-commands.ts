import type { RecordFailureOptions } from '@regstack/protocols'
import fc from 'fast-check'
import { callCommand, type ModelCommand, nothing } from './model-command.js'
import { maybe, offset, pooledEmail } from './pools.js'
import { renderOffset } from './render-code.js'

/** Windows that, with the pooled offsets and clock moves, put rows exactly on the inclusive edge. */
const windowMs = fc.constantFrom(0, 1, 1_000, 60_000, 900_000)

const recordFailure = fc
  .tuple(pooledEmail(), maybe(offset(), true), maybe(fc.constantFrom('10.0.0.1', null)), fc.boolean())
  .map(([email, x, ip, withOpts]) =>
    callCommand(
      `attempts.recordFailure(${JSON.stringify(email)}${withOpts ? `, { when: ${x == null ? String(x) : renderOffset(x)}, ip: ${String(ip)} }` : ''})`,
      'attempts.recordFailure',
      (run) => {
        const opts: RecordFailureOptions | undefined = withOpts
          ? {
              ...(x === undefined ? {} : { when: x === null ? null : run.at(x) }),
              ...(ip === undefined ? {} : { ip }),
            }
          : undefined
        return [
          opts === undefined ? [email] : [email, opts],
          (r) => r.attempts.recordFailure(email, opts),
          (o) => nothing(o.attempts.recordFailure(email, opts)),
        ]
      },
    ),
  )

const countRecent = fc.tuple(pooledEmail(), windowMs, offset()).map(([email, w, x]) =>
  callCommand(
    `attempts.countRecent(${JSON.stringify(email)}, { windowMs: ${w}, now: ${renderOffset(x)} })`,
    'attempts.countRecent',
    (run) => {
      const opts = { windowMs: w, now: run.at(x) }
      return [
        [email, opts],
        (r) => r.attempts.countRecent(email, opts),
        (o) => o.attempts.countRecent(email, opts),
      ]
    },
  ),
)

const clear = pooledEmail().map((email) =>
  callCommand(`attempts.clear(${JSON.stringify(email)})`, 'attempts.clear', () => [
    [email],
    (r) => r.attempts.clear(email),
    (o) => nothing(o.attempts.clear(email)),
  ]),
)

const purgeExpired = fc.tuple(offset(), windowMs).map(([x, w]) =>
  callCommand(`attempts.purgeExpired(${renderOffset(x)}, ${w})`, 'attempts.purgeExpired', (run) => {
    const now = run.at(x)
    return [[now, w], (r) => r.attempts.purgeExpired(now, w), (o) => o.attempts.purgeExpired(now, w)]
  }),
)

/** Every login-attempts call. */
export function attemptsCommands(): fc.Arbitrary<ModelCommand>[] {
  return [recordFailure, recordFailure, countRecent, countRecent, clear, purgeExpired]
}
