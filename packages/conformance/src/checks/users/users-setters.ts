import type { User, UserRepo } from '@regstack/protocols'
import fc from 'fast-check'
import { anyDate } from '../../arbitraries/dates.js'
import { unicodeString } from '../../arbitraries/strings.js'
import { userPopulation } from '../../arbitraries/users-population.js'
import type { Check } from '../../check.js'
import { expectResolves } from '../../harness/assert.js'
import { describeValue } from '../../harness/describe-value.js'
import { createUsers, expectUsersExactly } from '../../harness/users-expect.js'
import { freshStoreRuns } from '../../harness/users-runs.js'

/** One single-purpose `UserRepo` setter: how to call it and what it must do to the user. */
export interface SetterSpec<V> {
  readonly method: keyof UserRepo
  readonly title: string
  readonly clause: string
  readonly value: fc.Arbitrary<V>
  apply(users: UserRepo, id: string, value: V): Promise<void>
  /** The user after the call, given the one before, the value and the clock's `now`. */
  expected(before: User, value: V, now: Date): User
}

const phone = fc.option(fc.string({ unit: fc.constantFrom(...'+0123456789 -'), maxLength: 20 }), {
  nil: null,
})

/** Every setter of CONTRACT §3.1 except `updateEmail`, which has rules of its own. */
export const SETTERS: readonly SetterSpec<unknown>[] = [
  spec<Date>({
    method: 'setLastLogin',
    title: 'setLastLogin sets lastLogin to `when` and updatedAt to clock.now(), and nothing else.',
    clause: '§3.1',
    value: anyDate(),
    apply: (users, id, when) => users.setLastLogin(id, when),
    expected: (u, when, now) => ({ ...u, lastLogin: when, updatedAt: now }),
  }),
  spec<Date>({
    method: 'setTokensInvalidatedAfter',
    title:
      'setTokensInvalidatedAfter sets the cutoff to exactly `when` and updatedAt to clock.now(), and nothing else.',
    clause: '§7 P5',
    value: anyDate(),
    apply: (users, id, when) => users.setTokensInvalidatedAfter(id, when),
    expected: (u, when, now) => ({ ...u, tokensInvalidatedAfter: when, updatedAt: now }),
  }),
  spec<string>({
    method: 'updatePassword',
    title:
      'updatePassword sets hashedPassword and tokensInvalidatedAfter = updatedAt = clock.now(), and nothing else.',
    clause: '§7 P5',
    value: unicodeString({ maxLength: 80 }),
    apply: (users, id, hash) => users.updatePassword(id, hash),
    expected: (u, hash, now) => ({ ...u, hashedPassword: hash, tokensInvalidatedAfter: now, updatedAt: now }),
  }),
  spec<boolean>({
    method: 'setActive',
    title: 'setActive sets isActive and updatedAt = clock.now(); it does not bump tokensInvalidatedAfter.',
    clause: '§3.1',
    value: fc.boolean(),
    apply: (users, id, isActive) => users.setActive(id, { isActive }),
    expected: (u, isActive, now) => ({ ...u, isActive, updatedAt: now }),
  }),
  spec<boolean>({
    method: 'setSuperuser',
    title: 'setSuperuser sets isSuperuser and updatedAt = clock.now(), and nothing else.',
    clause: '§3.1',
    value: fc.boolean(),
    apply: (users, id, isSuperuser) => users.setSuperuser(id, { isSuperuser }),
    expected: (u, isSuperuser, now) => ({ ...u, isSuperuser, updatedAt: now }),
  }),
  spec<string | null>({
    method: 'setFullName',
    title: 'setFullName sets fullName (null clears it) and updatedAt = clock.now(), and nothing else.',
    clause: '§3.1',
    value: fc.option(unicodeString({ maxLength: 200 }), { nil: null }),
    apply: (users, id, name) => users.setFullName(id, name),
    expected: (u, fullName, now) => ({ ...u, fullName, updatedAt: now }),
  }),
  spec<string | null>({
    method: 'setPhone',
    title: 'setPhone sets phoneNumber (null clears it) and updatedAt = clock.now(), and nothing else.',
    clause: '§3.1',
    value: phone,
    apply: (users, id, value) => users.setPhone(id, value),
    expected: (u, phoneNumber, now) => ({ ...u, phoneNumber, updatedAt: now }),
  }),
  spec<boolean>({
    method: 'setMfaEnabled',
    title: 'setMfaEnabled sets isMfaEnabled and updatedAt = clock.now(), and nothing else.',
    clause: '§3.1',
    value: fc.boolean(),
    apply: (users, id, isMfaEnabled) => users.setMfaEnabled(id, { isMfaEnabled }),
    expected: (u, isMfaEnabled, now) => ({ ...u, isMfaEnabled, updatedAt: now }),
  }),
]

/** Widens a typed spec for the heterogeneous table (each spec only ever sees its own values). */
function spec<V>(s: SetterSpec<V>): SetterSpec<unknown> {
  return s as unknown as SetterSpec<unknown>
}

/** A clock step that makes `clock.now()` differ from every earlier reading. */
export const clockStep: fc.Arbitrary<number> = fc.integer({ min: 1, max: 1_000_000_000 })

function setterCheck(s: SetterSpec<unknown>): Check {
  return {
    id: `users.${s.method}.sets-only-its-fields`,
    title: s.title,
    area: 'users',
    level: 'MUST',
    clause: s.clause,
    async run(ctx) {
      await ctx.property(
        [userPopulation({ minLength: 1, maxLength: 3 }), fc.nat(), s.value, clockStep],
        (inputs, pick, value, step) =>
          ctx.withStore(async (store) => {
            const users = await createUsers(store, inputs)
            const index = pick % users.length
            store.clock.advance(step)
            const now = store.clock.now()
            await expectResolves(
              () => s.apply(store.repos.users, users[index]!.id, value),
              `users.${s.method}(${describeValue(users[index]!.id)}, ${describeValue(value)})`,
            )
            const expected = users.map((u, i) => (i === index ? s.expected(u, value, now) : u))
            await expectUsersExactly(
              store,
              expected,
              `after users.${s.method}(<id>, ${describeValue(value)})`,
            )
          }),
        freshStoreRuns(ctx),
      )
    },
  }
}

/** One check per setter: it changes exactly its field(s) plus updatedAt (CONTRACT §7 P4). */
export const usersSetterChecks: readonly Check[] = SETTERS.map(setterCheck)
