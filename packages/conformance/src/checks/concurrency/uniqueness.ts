import type { NewOAuthIdentity, NewUser, User } from '@regstack/protocols'
import type { Check, Store } from '../../check.js'
import { expectEqual } from '../../harness/assert.js'
import {
  expectAllFulfilled,
  expectOneWinner,
  RACE_WIDTH,
  race,
  times,
} from '../../harness/concurrency-outcomes.js'
import { raceCheck } from './race-check.js'

function user(store: Store, email: string, i: number): NewUser {
  const now = store.clock.now()
  return {
    email,
    hashedPassword: `hash-${i}`,
    isActive: true,
    isVerified: i % 2 === 0,
    isSuperuser: false,
    fullName: `User ${i}`,
    phoneNumber: null,
    isMfaEnabled: false,
    createdAt: now,
    updatedAt: now,
    lastLogin: null,
    tokensInvalidatedAfter: null,
  }
}

const createUsers: Check = raceCheck(
  'concurrency.users.create.one-email-one-winner',
  'Parallel creates with one email: exactly one succeeds, every other one rejects with USER_ALREADY_EXISTS, and one user exists.',
  async (store, n) => {
    const { repos } = store
    const email = `race-user-${n}@example.com`
    const before = await repos.users.count()
    const outcomes = await race(times(RACE_WIDTH, (i) => repos.users.create(user(store, email, i))))
    const winner =
      outcomes[expectOneWinner(outcomes, 'USER_ALREADY_EXISTS', `${RACE_WIDTH} parallel users.create`)]
    expectEqual(
      await repos.users.getByEmail(email),
      winner?.status === 'fulfilled' ? winner.value : null,
      'the stored user',
    )
    expectEqual(await repos.users.count(), before + 1, 'users.count after the create race')
  },
)

function identity(store: Store, userId: string, provider: string, subjectId: string): NewOAuthIdentity {
  return { userId, provider, subjectId, email: null, linkedAt: store.clock.now(), lastUsedAt: null }
}

const linkSubject: Check = raceCheck(
  'concurrency.oauthIdentities.create.one-subject-one-winner',
  'Parallel creates of one (provider, subjectId) for different users: exactly one succeeds, the rest reject with OAUTH_IDENTITY_ALREADY_LINKED.',
  async (store, n) => {
    const { repos } = store
    const subjectId = `race-subject-${n}`
    const outcomes = await race(
      times(RACE_WIDTH, (i) =>
        repos.oauthIdentities.create(identity(store, `u-${n}-${i}`, 'github', subjectId)),
      ),
    )
    const winner =
      outcomes[
        expectOneWinner(
          outcomes,
          'OAUTH_IDENTITY_ALREADY_LINKED',
          `${RACE_WIDTH} parallel creates of one subject`,
        )
      ]
    expectEqual(
      await repos.oauthIdentities.findBySubject({ provider: 'github', subjectId }),
      winner?.status === 'fulfilled' ? winner.value : null,
      'the stored identity',
    )
  },
)

const linkProvider: Check = raceCheck(
  'concurrency.oauthIdentities.create.one-provider-per-user-one-winner',
  'Parallel creates of one (userId, provider) with different subjects: exactly one succeeds, the rest reject with OAUTH_IDENTITY_ALREADY_LINKED.',
  async (store, n) => {
    const { repos } = store
    const userId = `race-linker-${n}`
    const outcomes = await race(
      times(RACE_WIDTH, (i) =>
        repos.oauthIdentities.create(identity(store, userId, 'gitlab', `s-${n}-${i}`)),
      ),
    )
    const winner =
      outcomes[
        expectOneWinner(
          outcomes,
          'OAUTH_IDENTITY_ALREADY_LINKED',
          `${RACE_WIDTH} parallel creates for one user and provider`,
        )
      ]
    expectEqual(
      await repos.oauthIdentities.listForUser(userId),
      winner?.status === 'fulfilled' ? [winner.value] : [],
      'the user’s identities',
    )
  },
)

async function createMany(store: Store, n: number, prefix: string): Promise<User[]> {
  const users: User[] = []
  for (let i = 0; i < RACE_WIDTH; i++)
    users.push(await store.repos.users.create(user(store, `${prefix}-${n}-${i}@example.com`, i)))
  // A later clock makes any write by a loser visible in updatedAt and the cutoff.
  store.clock.advance(1000)
  return users
}

const updateEmailRace: Check = raceCheck(
  'concurrency.users.updateEmail.one-target-one-winner',
  'Users moving to one free email in parallel: exactly one succeeds, the rest reject with USER_ALREADY_EXISTS and are entirely unchanged.',
  async (store, n) => {
    const { repos, clock } = store
    const users = await createMany(store, n, 'mover')
    const target = `race-target-${n}@example.com`
    const outcomes = await race(users.map((u) => () => repos.users.updateEmail(u.id, target)))
    const winner = expectOneWinner(
      outcomes,
      'USER_ALREADY_EXISTS',
      `${RACE_WIDTH} parallel updateEmail to one address`,
    )
    for (const [i, u] of users.entries()) {
      const now = clock.now()
      const expected = i === winner ? { ...u, email: target, updatedAt: now, tokensInvalidatedAfter: now } : u
      expectEqual(await repos.users.getById(u.id), expected, i === winner ? 'the winner' : `loser ${u.email}`)
    }
  },
)

const emailAndPassword: Check = raceCheck(
  'concurrency.users.updateEmail-updatePassword.both-applied',
  'updateEmail and updatePassword on one user in parallel are both applied, with the cutoff equal to updatedAt.',
  async (store, n) => {
    const { repos, clock } = store
    const users = await createMany(store, n, 'both')
    const calls = users.flatMap((u, i) => [
      () => repos.users.updateEmail(u.id, `both-new-${n}-${i}@example.com`),
      () => repos.users.updatePassword(u.id, `new-hash-${i}`),
    ])
    expectAllFulfilled(await race(calls), `${RACE_WIDTH} users each updating email and password in parallel`)
    const now = clock.now()
    for (const [i, u] of users.entries()) {
      const expected = {
        ...u,
        email: `both-new-${n}-${i}@example.com`,
        hashedPassword: `new-hash-${i}`,
        updatedAt: now,
        tokensInvalidatedAfter: now,
      }
      expectEqual(
        await repos.users.getById(u.id),
        expected,
        `user ${i} after parallel updateEmail and updatePassword`,
      )
    }
  },
)

/** Unique keys under concurrency (CONTRACT §0.8). */
export const uniquenessChecks: readonly Check[] = [
  createUsers,
  linkSubject,
  linkProvider,
  updateEmailRace,
  emailAndPassword,
]
