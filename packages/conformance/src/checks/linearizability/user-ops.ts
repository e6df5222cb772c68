import type { NewUser, Repos } from '@regstack/protocols'
import fc from 'fast-check'
import type { Oracle } from '../../oracle/oracle.js'
import { nothing } from '../model/model-command.js'
import type { Outcome } from '../model/outcome.js'
import { EMAILS, maybe, offset, pooledEmail } from '../model/pools.js'
import { CodeText, callCode } from '../model/render-code.js'
import { type LinOp, type OpArbitrary, type OpEnv, type OpKind, opSpec } from './lin-op.js'

/** Setup users (u1, u2) and the ghost (-1): most calls hit the same two rows. */
const slot = fc.oneof(
  { weight: 9, arbitrary: fc.constantFrom(0, 1) },
  { weight: 1, arbitrary: fc.constant(-1) },
)

/** The id an adapter handed back, for the oracle to remember. */
export function idOf(actual: Outcome): string {
  return actual.ok ? String((actual.value as { id?: unknown } | null)?.id) : '(no id)'
}

/** A users call on a setup user: `users.<method>(uN.id, …args)`. */
function onUser<A>(
  method: string,
  arg: fc.Arbitrary<A>,
  show: (a: A) => string,
  make: (
    id: string,
    a: A,
    env: OpEnv,
  ) => {
    readonly args: () => readonly unknown[]
    readonly call: (r: Repos, args: readonly unknown[]) => Promise<unknown>
    readonly predict: (o: Oracle, args: readonly unknown[]) => unknown
    readonly kind?: OpKind
  },
): OpArbitrary {
  return fc.tuple(slot, arg).map(([s, a]) =>
    opSpec(`users.${method}(u#${s}${show(a)})`, (env): LinOp => {
      const user = env.user(s)
      const parts = make(user.id, a, env)
      const mine = parts.args()
      const theirs = parts.args()
      return {
        repo: 'users',
        kind: parts.kind ?? 'write',
        code: callCode(`users.${method}`, [new CodeText(user.code), ...mine], env.nowMs),
        call: (r) => parts.call(r, mine),
        inputs: mine.filter((v): v is object => typeof v === 'object' && v !== null),
        predict: (o) => parts.predict(o, theirs),
      }
    }),
  )
}

const none = (): string => ''
const show = (v: unknown): string => `, ${JSON.stringify(v)}`
const date = (x: number) => `, at(${x})`

const getById = onUser('getById', fc.constant(0), none, (id) => ({
  args: () => [],
  call: (r) => r.users.getById(id),
  predict: (o) => o.users.getById(id),
  kind: 'read',
}))
const del = onUser('delete', fc.constant(0), none, (id) => ({
  args: () => [],
  call: (r) => r.users.delete(id),
  predict: (o) => o.users.delete(id),
}))
const setLastLogin = onUser('setLastLogin', offset(), date, (id, x, env) => ({
  args: () => [env.at(x)],
  call: (r, [when]) => r.users.setLastLogin(id, when as Date),
  predict: (o, [when]) => nothing(o.users.setLastLogin(id, when as Date)),
}))
const setCutoff = onUser('setTokensInvalidatedAfter', offset(), date, (id, x, env) => ({
  args: () => [env.at(x)],
  call: (r, [when]) => r.users.setTokensInvalidatedAfter(id, when as Date),
  predict: (o, [when]) => nothing(o.users.setTokensInvalidatedAfter(id, when as Date)),
}))
const updatePassword = onUser('updatePassword', fc.constantFrom('hash-1', 'hash-3'), show, (id, pw) => ({
  args: () => [pw],
  call: (r) => r.users.updatePassword(id, pw),
  predict: (o) => nothing(o.users.updatePassword(id, pw)),
}))
const updateEmail = onUser('updateEmail', pooledEmail(), show, (id, email) => ({
  args: () => [email],
  call: (r) => r.users.updateEmail(id, email),
  predict: (o) => nothing(o.users.updateEmail(id, email)),
}))
const flags = fc.constantFrom('isActive', 'isSuperuser', 'isMfaEnabled')
const setFlag = onUser(
  'set',
  fc.tuple(flags, fc.boolean()),
  ([f, b]) => `.${f}, ${b}`,
  (id, [flag, b]) => {
    if (flag === 'isActive')
      return {
        args: () => [{ isActive: b }],
        call: (r, [o]) => r.users.setActive(id, o as { isActive: boolean }),
        predict: (o) => nothing(o.users.setActive(id, b)),
      }
    if (flag === 'isSuperuser')
      return {
        args: () => [{ isSuperuser: b }],
        call: (r, [o]) => r.users.setSuperuser(id, o as { isSuperuser: boolean }),
        predict: (o) => nothing(o.users.setSuperuser(id, b)),
      }
    return {
      args: () => [{ isMfaEnabled: b }],
      call: (r, [o]) => r.users.setMfaEnabled(id, o as { isMfaEnabled: boolean }),
      predict: (o) => nothing(o.users.setMfaEnabled(id, b)),
    }
  },
)
const setText = onUser(
  'set',
  fc.tuple(fc.constantFrom('fullName', 'phoneNumber'), fc.constantFrom('X', null)),
  ([f, v]) => `.${f}, ${String(v)}`,
  (id, [field, v]) =>
    field === 'fullName'
      ? {
          args: () => [v],
          call: (r) => r.users.setFullName(id, v),
          predict: (o) => nothing(o.users.setFullName(id, v)),
        }
      : {
          args: () => [v === null ? null : '+15550199'],
          call: (r, [p]) => r.users.setPhone(id, p as string | null),
          predict: (o, [p]) => nothing(o.users.setPhone(id, p as string | null)),
        },
)

/** A new user; the setup users are built the same way. */
export function newUser(email: string, env: OpEnv, createdAt: number): NewUser {
  return {
    email,
    hashedPassword: 'hash-0',
    isActive: true,
    isVerified: false,
    isSuperuser: false,
    fullName: null,
    phoneNumber: null,
    isMfaEnabled: false,
    createdAt: env.at(createdAt),
    updatedAt: env.at(-1_000),
    lastLogin: null,
    tokensInvalidatedAfter: null,
  }
}

/** New users mostly take one of two free emails, so concurrent creates race for them; one is taken. */
const createEmail = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('c@x.io', 'A@x.io') },
  { weight: 1, arbitrary: fc.constantFrom(...EMAILS) },
)

const create = fc.tuple(createEmail, fc.constantFrom(-2_000, 0)).map(([email, c]) =>
  opSpec(
    `users.create(${JSON.stringify(email)})`,
    (env): LinOp => {
      const mine = newUser(email, env, c)
      const theirs = newUser(email, env, c)
      return {
        repo: 'users',
        kind: 'write',
        code: callCode('users.create', [mine], env.nowMs),
        call: (r) => r.users.create(mine),
        inputs: [mine],
        predict: (o, actual) => o.users.create(theirs, idOf(actual)),
      }
    },
    true,
  ),
)

const getByEmail = fc.constantFrom(...EMAILS).map((email) =>
  opSpec(
    `users.getByEmail(${JSON.stringify(email)})`,
    (env): LinOp => ({
      repo: 'users',
      kind: 'read',
      code: callCode('users.getByEmail', [email], env.nowMs),
      call: (r) => r.users.getByEmail(email),
      inputs: [],
      predict: (o) => o.users.getByEmail(email),
    }),
  ),
)

const count = maybe(fc.record({ isActive: maybe(fc.boolean()) }, { requiredKeys: [] })).map((filter) =>
  opSpec(`users.count(${JSON.stringify(filter)})`, (env): LinOp => {
    const mine = filter === undefined ? undefined : { ...filter }
    return {
      repo: 'users',
      kind: 'multi-read',
      code: callCode('users.count', mine === undefined ? [] : [mine], env.nowMs),
      call: (r) => r.users.count(mine),
      inputs: mine === undefined ? [] : [mine],
      predict: (o) => o.users.count(filter === undefined ? undefined : { ...filter }),
    }
  }),
)

const listPaged = fc.boolean().map((desc) =>
  opSpec(`users.listPaged(${desc})`, (env): LinOp => {
    const mine = { limit: 10, sortByCreatedAtDesc: desc }
    return {
      repo: 'users',
      kind: 'multi-read',
      code: callCode('users.listPaged', [mine], env.nowMs),
      call: (r) => r.users.listPaged(mine),
      inputs: [mine],
      predict: (o) => o.users.listPaged({ limit: 10, sortByCreatedAtDesc: desc }),
    }
  }),
)

/** Every users call: each setter on its own, and reads of the two setup rows as often as writes. */
export function userOps(): OpArbitrary[] {
  return [
    create,
    create,
    del,
    setLastLogin,
    setCutoff,
    updatePassword,
    updateEmail,
    updateEmail,
    setFlag,
    setFlag,
    setFlag,
    setText,
    setText,
    getById,
    getById,
    getById,
    getById,
    getById,
    getById,
    getByEmail,
    getByEmail,
    count,
    listPaged,
  ]
}
