import type { NewUser, Repos } from '@regstack/protocols'
import fc from 'fast-check'
import type { Oracle } from '../../oracle/oracle.js'
import { exchange, ModelCommand, nothing } from './model-command.js'
import type { ModelRun } from './model-run.js'
import { freshIdProblem } from './outcome.js'
import { EMAILS, maybe, offset, pooledEmail, userSlot } from './pools.js'
import { CodeText, callCode, renderCode, renderOffset } from './render-code.js'

/** A `NewUser` with its dates as offsets from the clock, resolved when the step runs. */
interface UserSpec {
  readonly email: string
  readonly hashedPassword: string | null
  readonly isActive: boolean
  readonly isVerified: boolean
  readonly isSuperuser: boolean
  readonly fullName: string | null
  readonly phoneNumber: string | null
  readonly isMfaEnabled: boolean
  /** Few distinct values, so `listPaged` meets ties that the id must break. */
  readonly createdAt: number
  readonly lastLogin: number | null
}

const userSpec: fc.Arbitrary<UserSpec> = fc.record({
  email: pooledEmail(),
  hashedPassword: fc.constantFrom('hash-1', 'hash-2', null),
  isActive: fc.boolean(),
  isVerified: fc.boolean(),
  isSuperuser: fc.boolean(),
  fullName: fc.constantFrom('Ann', null),
  phoneNumber: fc.constantFrom('+15550100', null),
  isMfaEnabled: fc.boolean(),
  createdAt: fc.constantFrom(-2_000, -1_000, 0),
  lastLogin: fc.constantFrom(null, -500),
})

function newUser(run: ModelRun, spec: UserSpec): NewUser {
  return {
    ...spec,
    createdAt: run.at(spec.createdAt),
    updatedAt: run.at(0),
    lastLogin: spec.lastLogin === null ? null : run.at(spec.lastLogin),
    tokensInvalidatedAfter: null,
  }
}

const create = userSpec.map(
  (spec) =>
    new ModelCommand(`users.create(${JSON.stringify(spec.email)}, …)`, async (run) => {
      const input = newUser(run, spec)
      const live = run.oracle.users.ids()
      const step = await exchange(
        run,
        callCode('users.create', [input], run.nowMs()),
        (repos) => repos.users.create(input),
        (o, actual) => o.users.create(input, actual.ok ? (actual.value as { id: string }).id : '(no id)'),
      )
      if (!step.actual.ok || !step.expected.ok) return step
      const id = (step.actual.value as { id?: unknown } | null)?.id
      const problem = freshIdProblem(id, live)
      run.userIds.push(id as string)
      return {
        ...step,
        bind: `const u${run.userIds.length} = `,
        ...(problem === undefined ? {} : { problem }),
      }
    }),
)

/** The three parts of one user call: its arguments after the id, the adapter side, the oracle side. */
type UserCall = readonly [
  args: readonly unknown[],
  adapter: (repos: Repos) => Promise<unknown>,
  oracle: (o: Oracle) => unknown,
]

/** A call `users.<method>(<user slot>, …)`; the slot resolves to a created user's id when it runs. */
function userCall<A>(
  method: string,
  arg: fc.Arbitrary<A>,
  show: (a: A) => string,
  build: (run: ModelRun, id: string, a: A) => UserCall,
): fc.Arbitrary<ModelCommand> {
  return fc.tuple(userSlot(), arg).map(
    ([slot, a]) =>
      new ModelCommand(`users.${method}(user#${slot}${show(a)})`, async (run) => {
        const user = run.user(slot)
        const [args, adapter, oracle] = build(run, user.id, a)
        const call = callCode(`users.${method}`, [new CodeText(user.code), ...args], run.nowMs())
        return exchange(run, call, adapter, oracle)
      }),
  )
}

const none = (): string => ''
const q = (s: unknown): string => `, ${JSON.stringify(s)}`

const getById = userCall('getById', fc.constant(0), none, (_run, id) => [
  [],
  (r) => r.users.getById(id),
  (o) => o.users.getById(id),
])
const del = userCall('delete', fc.constant(0), none, (_run, id) => [
  [],
  (r) => r.users.delete(id),
  (o) => o.users.delete(id),
])
const setLastLogin = userCall(
  'setLastLogin',
  offset(),
  (x) => `, ${renderOffset(x)}`,
  (run, id, x) => {
    const when = run.at(x)
    return [[when], (r) => r.users.setLastLogin(id, when), (o) => nothing(o.users.setLastLogin(id, when))]
  },
)
const setCutoff = userCall(
  'setTokensInvalidatedAfter',
  offset(),
  (x) => `, ${renderOffset(x)}`,
  (run, id, x) => {
    const when = run.at(x)
    return [
      [when],
      (r) => r.users.setTokensInvalidatedAfter(id, when),
      (o) => nothing(o.users.setTokensInvalidatedAfter(id, when)),
    ]
  },
)
const updatePassword = userCall('updatePassword', fc.constantFrom('hash-1', 'hash-3'), q, (_run, id, pw) => [
  [pw],
  (r) => r.users.updatePassword(id, pw),
  (o) => nothing(o.users.updatePassword(id, pw)),
])
const updateEmail = userCall('updateEmail', pooledEmail(), q, (_run, id, email) => [
  [email],
  (r) => r.users.updateEmail(id, email),
  (o) => nothing(o.users.updateEmail(id, email)),
])
const setActive = userCall(
  'setActive',
  fc.boolean(),
  (b) => `, { isActive: ${b} }`,
  (_run, id, b) => [
    [{ isActive: b }],
    (r) => r.users.setActive(id, { isActive: b }),
    (o) => nothing(o.users.setActive(id, b)),
  ],
)
const setSuperuser = userCall(
  'setSuperuser',
  fc.boolean(),
  (b) => `, { isSuperuser: ${b} }`,
  (_run, id, b) => [
    [{ isSuperuser: b }],
    (r) => r.users.setSuperuser(id, { isSuperuser: b }),
    (o) => nothing(o.users.setSuperuser(id, b)),
  ],
)
const setMfaEnabled = userCall(
  'setMfaEnabled',
  fc.boolean(),
  (b) => `, { isMfaEnabled: ${b} }`,
  (_run, id, b) => [
    [{ isMfaEnabled: b }],
    (r) => r.users.setMfaEnabled(id, { isMfaEnabled: b }),
    (o) => nothing(o.users.setMfaEnabled(id, b)),
  ],
)
const setFullName = userCall('setFullName', fc.constantFrom('Bea', null), q, (_run, id, name) => [
  [name],
  (r) => r.users.setFullName(id, name),
  (o) => nothing(o.users.setFullName(id, name)),
])
const setPhone = userCall('setPhone', fc.constantFrom('+15550199', null), q, (_run, id, phone) => [
  [phone],
  (r) => r.users.setPhone(id, phone),
  (o) => nothing(o.users.setPhone(id, phone)),
])

const getByEmail = fc.constantFrom(...EMAILS).map(
  (email) =>
    new ModelCommand(`users.getByEmail(${JSON.stringify(email)})`, (run) =>
      exchange(
        run,
        callCode('users.getByEmail', [email], run.nowMs()),
        (r) => r.users.getByEmail(email),
        (o) => o.users.getByEmail(email),
      ),
    ),
)

const flag = maybe(fc.boolean(), true)
const count = maybe(fc.record({ isActive: flag, isVerified: flag, isSuperuser: flag }), true).map(
  (filter) =>
    new ModelCommand(`users.count(${renderCode(filter, 0)})`, (run) =>
      exchange(
        run,
        callCode('users.count', filter === undefined ? [] : [filter], run.nowMs()),
        (r) => r.users.count(filter),
        (o) => o.users.count(filter),
      ),
    ),
)

const pageOptions = maybe(
  fc.record(
    { skip: fc.nat(3), limit: fc.integer({ min: 1, max: 4 }), sortByCreatedAtDesc: fc.boolean() },
    { requiredKeys: [] },
  ),
)
const listPaged = pageOptions.map(
  (opts) =>
    new ModelCommand(`users.listPaged(${renderCode(opts, 0)})`, (run) =>
      exchange(
        run,
        callCode('users.listPaged', opts === undefined ? [] : [opts], run.nowMs()),
        (r) => r.users.listPaged(opts),
        (o) => o.users.listPaged(opts),
      ),
    ),
)

/** Every users call, weighted toward the ones that change state or meet conflicts. */
export function userCommands(): fc.Arbitrary<ModelCommand>[] {
  return [
    create,
    create,
    create,
    getById,
    // Lookups draw every pooled email evenly: near misses (case, trailing space) must find nothing.
    getByEmail,
    getByEmail,
    del,
    setLastLogin,
    setCutoff,
    updatePassword,
    updateEmail,
    updateEmail,
    fc.oneof(setActive, setSuperuser, setMfaEnabled, setFullName, setPhone),
    count,
    listPaged,
  ]
}
