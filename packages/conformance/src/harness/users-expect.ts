import type { NewUser, User } from '@regstack/protocols'
import type { Store } from '../check.js'
import { expectEqual } from './assert.js'
import { describeValue } from './describe-value.js'
import { setupStep } from './setup-step.js'

/**
 * The user the contract expects for `input` stored under `id`: exactly the `User` fields, copied, so
 * extra keys on the input never leak into the expectation.
 */
export function userOf(id: string, input: NewUser): User {
  return {
    id,
    email: input.email,
    hashedPassword: input.hashedPassword,
    isActive: input.isActive,
    isVerified: input.isVerified,
    isSuperuser: input.isSuperuser,
    fullName: input.fullName,
    phoneNumber: input.phoneNumber,
    isMfaEnabled: input.isMfaEnabled,
    createdAt: new Date(input.createdAt.getTime()),
    updatedAt: new Date(input.updatedAt.getTime()),
    lastLogin: input.lastLogin === null ? null : new Date(input.lastLogin.getTime()),
    tokensInvalidatedAfter:
      input.tokensInvalidatedAfter === null ? null : new Date(input.tokensInvalidatedAfter.getTime()),
  }
}

/** Creates every input in order (each must succeed) and returns the users the contract expects. */
export async function createUsers(store: Store, inputs: readonly NewUser[]): Promise<User[]> {
  const users: User[] = []
  for (const input of inputs) {
    const created = await setupStep(
      'users.create',
      `users.create(${describeValue(input.email)}) with a free email`,
      () => store.repos.users.create(input),
      {
        test: (u) => typeof u?.id === 'string' && u.id.length > 0,
        expected: 'the user with a non-empty string id',
      },
    )
    const id = created.id
    users.push(userOf(id, input))
  }
  return users
}

/** Fails unless both `getById` and `getByEmail` return exactly `expected`. */
export async function expectUserStored(store: Store, expected: User, when: string): Promise<void> {
  const byId = await store.repos.users.getById(expected.id)
  expectEqual(byId, expected, `users.getById(${describeValue(expected.id)}) ${when}`)
  const byEmail = await store.repos.users.getByEmail(expected.email)
  expectEqual(byEmail, expected, `users.getByEmail(${describeValue(expected.email)}) ${when}`)
}

/** Fails unless the store holds exactly `expected` (read back by id and email) and nobody else. */
export async function expectUsersExactly(
  store: Store,
  expected: readonly User[],
  when: string,
): Promise<void> {
  for (const user of expected) await expectUserStored(store, user, when)
  const total = await store.repos.users.count()
  expectEqual(total, expected.length, `users.count() ${when}`)
}

/** JavaScript string order (UTF-16 code units), the contract's id order (CONTRACT §0.10). */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** `users` in `listPaged` order: `createdAt`, ties by id, both descending or both ascending. */
export function sortedForListing(users: readonly User[], descending: boolean): User[] {
  const sign = descending ? -1 : 1
  return [...users].sort(
    (a, b) => sign * (a.createdAt.getTime() - b.createdAt.getTime() || compareIds(a.id, b.id)),
  )
}
