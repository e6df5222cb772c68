import type { NewOAuthIdentity } from '@regstack/protocols'
import fc from 'fast-check'
import { callCommand, exchange, ModelCommand, nothing } from './model-command.js'
import { freshIdProblem } from './outcome.js'
import { offset } from './pools.js'
import { callCode, renderOffset } from './render-code.js'

const userId = fc.constantFrom('user-1', 'user-2')
const provider = fc.constantFrom('google', 'github')
const subjectId = fc.constantFrom('sub-1', 'sub-2', 'sub-3')

const create = fc
  .record({
    userId,
    provider,
    subjectId,
    email: fc.constantFrom('a@x.io', null),
    // Two values only, so `listForUser` often meets equal `linkedAt` that the id must order.
    linkedAt: fc.constantFrom(-1_000, 0),
    lastUsedAt: fc.constantFrom(null, -500),
  })
  .map(
    (spec) =>
      new ModelCommand(
        `oauthIdentities.create(${spec.userId}, ${spec.provider}/${spec.subjectId}, linked ${renderOffset(spec.linkedAt)})`,
        async (run) => {
          const input: NewOAuthIdentity = {
            ...spec,
            linkedAt: run.at(spec.linkedAt),
            lastUsedAt: spec.lastUsedAt === null ? null : run.at(spec.lastUsedAt),
          }
          const live = run.oracle.oauthIdentities.ids()
          const step = await exchange(
            run,
            callCode('oauthIdentities.create', [input], run.nowMs()),
            (r) => r.oauthIdentities.create(input),
            (o, actual) =>
              o.oauthIdentities.create(input, actual.ok ? (actual.value as { id: string }).id : '(no id)'),
          )
          if (!step.actual.ok || !step.expected.ok) return step
          const problem = freshIdProblem((step.actual.value as { id?: unknown } | null)?.id, live)
          return problem === undefined ? step : { ...step, problem }
        },
      ),
  )

const findBySubject = fc.tuple(provider, subjectId).map(([p, s]) =>
  callCommand(`oauthIdentities.findBySubject(${p}/${s})`, 'oauthIdentities.findBySubject', () => {
    const opts = { provider: p, subjectId: s }
    return [
      [opts],
      (r) => r.oauthIdentities.findBySubject(opts),
      (o) => o.oauthIdentities.findBySubject(opts),
    ]
  }),
)

const listForUser = userId.map((u) =>
  callCommand(`oauthIdentities.listForUser(${u})`, 'oauthIdentities.listForUser', () => [
    [u],
    (r) => r.oauthIdentities.listForUser(u),
    (o) => o.oauthIdentities.listForUser(u),
  ]),
)

const del = fc.tuple(userId, provider).map(([u, p]) =>
  callCommand(`oauthIdentities.delete(${u}, ${p})`, 'oauthIdentities.delete', () => {
    const opts = { userId: u, provider: p }
    return [[opts], (r) => r.oauthIdentities.delete(opts), (o) => o.oauthIdentities.delete(opts)]
  }),
)

const deleteByUserId = userId.map((u) =>
  callCommand(`oauthIdentities.deleteByUserId(${u})`, 'oauthIdentities.deleteByUserId', () => [
    [u],
    (r) => r.oauthIdentities.deleteByUserId(u),
    (o) => o.oauthIdentities.deleteByUserId(u),
  ]),
)

const touchLastUsed = fc.tuple(provider, subjectId, offset()).map(([p, s, x]) =>
  callCommand(
    `oauthIdentities.touchLastUsed(${p}/${s}, ${renderOffset(x)})`,
    'oauthIdentities.touchLastUsed',
    (run) => {
      const opts = { provider: p, subjectId: s, when: run.at(x) }
      return [
        [opts],
        (r) => r.oauthIdentities.touchLastUsed(opts),
        (o) => nothing(o.oauthIdentities.touchLastUsed(opts)),
      ]
    },
  ),
)

/** Every OAuth-identity call, creates most often (both unique keys conflict regularly). */
export function identityCommands(): fc.Arbitrary<ModelCommand>[] {
  return [create, create, create, findBySubject, listForUser, listForUser, del, deleteByUserId, touchLastUsed]
}
