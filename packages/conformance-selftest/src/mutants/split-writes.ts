/**
 * Building blocks of the atomicity mutants: ways to turn one atomic write of the memory store into two
 * statements with an `await` between, as a hand-written adapter on a real engine easily does.
 */
import { createRawMemoryRepos } from '@regstack/adapter-memory/internal'
import type { Clock, OAuthStateRepo, Repos, UserRepo } from '@regstack/protocols'
import { tick } from './define-mutant.js'

/**
 * A clock that can be held at one instant for the synchronous body of one raw call: how a mutant
 * writes a user field "without touching updatedAt" on a store whose setters always stamp it.
 */
export class HeldClock implements Clock {
  readonly #inner: Clock
  #held: Date | undefined

  constructor(inner: Clock) {
    this.#inner = inner
  }

  now(): Date {
    return this.#held === undefined ? this.#inner.now() : new Date(this.#held.getTime())
  }

  /** Runs `write` with the clock reading `at` during its synchronous part (all of a memory write). */
  async at(at: Date, write: () => Promise<void>): Promise<void> {
    this.#held = at
    let pending: Promise<void>
    try {
      pending = write()
    } finally {
      this.#held = undefined
    }
    await pending
  }
}

/** A raw memory store whose clock a mutant can hold; pass as a mutant's `base`. */
export const heldStores = new WeakMap<Repos, HeldClock>()

/** `base` for mutants that need {@link HeldClock}: the memory store on a holdable clock. */
export function heldBase(clock: Clock): Repos {
  const held = new HeldClock(clock)
  const repos = createRawMemoryRepos({ clock: held })
  heldStores.set(repos, held)
  return repos
}

/** The user setters that take `(userId, value)` and stamp `updatedAt` (plus the cutoff, for two of them). */
export const USER_SETTERS = [
  'setLastLogin',
  'setTokensInvalidatedAfter',
  'updatePassword',
  'setActive',
  'setSuperuser',
  'setFullName',
  'setPhone',
  'setMfaEnabled',
  'updateEmail',
] as const

/** One user setter. */
export type UserSetter = (typeof USER_SETTERS)[number]

/**
 * `setter` as two statements: first the new value with the row's old `updatedAt` (and, for the two
 * that bump it, the old stamp as cutoff), then — after an await — the whole write again, which stamps
 * `updatedAt`. A reader in between sees the new value beside the old stamp: a half-written row.
 */
export function splitUserSetter(raw: Repos, setter: UserSetter): Partial<UserRepo> {
  const held = heldStores.get(raw)
  if (held === undefined) throw new TypeError('splitUserSetter needs the heldBase store')
  const write = raw.users[setter] as (id: string, value: unknown) => Promise<void>
  return {
    [setter]: async (id: string, value: unknown): Promise<void> => {
      const before = await raw.users.getById(id)
      if (before === null) return await write(id, value)
      await held.at(before.updatedAt, () => write(id, value))
      await tick()
      await write(id, value)
    },
  }
}

/** `consume` as a read, an await, then a delete: two concurrent callers can both receive the row. */
export function consumeReadThenDelete(raw: Repos): Pick<OAuthStateRepo, 'consume'> {
  return {
    async consume(id) {
      const row = await raw.oauthStates.find(id)
      await tick()
      await raw.oauthStates.consume(id)
      return row
    },
  }
}
