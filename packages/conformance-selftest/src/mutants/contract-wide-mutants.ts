/** Mutants of the cross-cutting rules of CONTRACT §0: clock, copies, closed models, validation, isolation. */
import { createRawMemoryRepos } from '@regstack/adapter-memory/internal'
import {
  type Clock,
  guardRepos,
  type NewUser,
  type Repos,
  SystemClock,
  type User,
  type UserRepo,
} from '@regstack/protocols'
import { defineMutant } from './define-mutant.js'
import type { Mutant } from './mutant.js'

/** The raw memory store, except that `pick`'s repositories read the system clock. */
function withSystemClock(clock: Clock, pick: (system: Repos) => Partial<Repos>): Repos {
  return { ...createRawMemoryRepos({ clock }), ...pick(createRawMemoryRepos({ clock: new SystemClock() })) }
}

const USER_KEYS: ReadonlySet<string> = new Set<keyof NewUser>([
  'email',
  'hashedPassword',
  'isActive',
  'isVerified',
  'isSuperuser',
  'fullName',
  'phoneNumber',
  'isMfaEnabled',
  'createdAt',
  'updatedAt',
  'lastLogin',
  'tokensInvalidatedAfter',
])

/** Survives across `makeRepos` calls on purpose: the flaw of `isolation.shared-user-store`. */
let sharedUsers: UserRepo | undefined

export const CONTRACT_WIDE_MUTANTS: readonly Mutant[] = [
  defineMutant({
    id: 'clock.updated-at-system-clock',
    description:
      'User setters stamp updatedAt (and cutoffs) from the system clock instead of the injected one.',
    clause: '§0.2',
    base: (clock) => withSystemClock(clock, (system) => ({ users: system.users })),
  }),
  defineMutant({
    id: 'clock.mfa-verify-system-clock',
    description: 'verify judges expiry against the system clock.',
    clause: '§0.2',
    base: (clock) => withSystemClock(clock, (system) => ({ mfaCodes: system.mfaCodes })),
  }),
  defineMutant({
    id: 'clock.pending-default-now-system',
    description: 'pending.purgeExpired() and countUnexpired() default now to the system clock.',
    clause: '§0.2',
    guarded: ({ raw }) => {
      const system = guardRepos(raw, { clock: new SystemClock() })
      return {
        pending: { purgeExpired: system.pending.purgeExpired, countUnexpired: system.pending.countUnexpired },
      }
    },
  }),
  defineMutant({
    id: 'clock.record-failure-when-system',
    description: 'recordFailure without when stamps the attempt with the system clock.',
    clause: '§0.2',
    guarded: ({ raw }) => ({
      attempts: { recordFailure: guardRepos(raw, { clock: new SystemClock() }).attempts.recordFailure },
    }),
  }),
  defineMutant({
    id: 'model.returns-stored-object',
    description:
      'getById hands out the same object again while the row is unchanged, so caller mutations leak.',
    clause: '§0.7',
    guarded: ({ guarded }) => {
      const handed = new Map<string, { user: User; snapshot: string }>()
      const remember = (user: User): User => {
        handed.set(user.id, { user, snapshot: JSON.stringify(user) })
        return user
      }
      return {
        users: {
          create: async (u) => remember(await guarded.users.create(u)),
          async getById(id) {
            const fresh = await guarded.users.getById(id)
            if (fresh === null) return null
            const previous = handed.get(id)
            // As long as the store did not change the row, the "stored object" is what we handed out.
            return previous !== undefined && previous.snapshot === JSON.stringify(fresh)
              ? previous.user
              : remember(fresh)
          },
        },
      }
    },
  }),
  defineMutant({
    id: 'model.extra-field-kept',
    description: 'Unknown keys of a NewUser are stored and returned by create, getById and getByEmail.',
    clause: '§0.7',
    guarded: ({ guarded }) => {
      const extrasById = new Map<string, Record<string, unknown>>()
      const withExtras = (u: User | null): User | null =>
        u === null ? null : { ...u, ...extrasById.get(u.id) }
      return {
        users: {
          async create(u) {
            const row = await guarded.users.create(u)
            const extras = Object.fromEntries(Object.entries(u).filter(([k]) => !USER_KEYS.has(k)))
            extrasById.set(row.id, extras)
            return { ...row, ...extras }
          },
          getById: async (id) => withExtras(await guarded.users.getById(id)),
          getByEmail: async (email) => withExtras(await guarded.users.getByEmail(email)),
        },
      }
    },
  }),
  defineMutant({
    id: 'model.input-mutated',
    description: 'users.create writes the new id into the caller’s input object.',
    clause: '§0.7',
    guarded: ({ guarded }) => ({
      users: {
        async create(u) {
          const row = await guarded.users.create(u)
          Object.assign(u, { id: row.id })
          return row
        },
      },
    }),
  }),
  defineMutant({
    id: 'hostile.full-name-nul-accepted',
    description: 'setFullName accepts a value containing U+0000.',
    clause: '§0.6',
    guarded: ({ guarded, raw }) => ({
      users: {
        setFullName: (id, name) =>
          typeof name === 'string' && name.includes('\u0000')
            ? raw.users.setFullName(id, name)
            : guarded.users.setFullName(id, name),
      },
    }),
  }),
  defineMutant({
    id: 'hostile.email-321-accepted',
    description: 'users.create accepts an email of 321 code units.',
    clause: '§0.6',
    guarded: ({ guarded, raw }) => ({
      users: {
        create: (u) =>
          typeof u?.email === 'string' && u.email.length === 321
            ? guarded.users.create({ ...u, email: 'x' }).then(async (row) => {
                // Validate everything else through the guard, then store the over-long email anyway.
                await raw.users.delete(row.id)
                return await raw.users.create({ ...u })
              })
            : guarded.users.create(u),
      },
    }),
  }),
  defineMutant({
    id: 'isolation.shared-user-store',
    description: 'Every store after the first reuses the first store’s users (module-level state).',
    clause: '§7.3',
    raw: ({ raw }) => {
      sharedUsers ??= raw.users
      return { users: sharedUsers }
    },
  }),
]
