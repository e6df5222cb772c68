/** Mutants of `UserRepo` (CONTRACT §3.1, §0.5, §0.8, §0.10, §0.15). */
import { type Repos, type User, UserAlreadyExistsError } from '@regstack/protocols'
import { defineMutant, tick } from './define-mutant.js'
import type { Mutant } from './mutant.js'

/** Every user in the requested direction, read through the raw layer (no page limits). */
async function allUsers(raw: Repos, desc: boolean): Promise<User[]> {
  return await raw.users.listPaged({ skip: 0, limit: Number.MAX_SAFE_INTEGER, sortByCreatedAtDesc: desc })
}

export const USERS_MUTANTS: readonly Mutant[] = [
  defineMutant({
    id: 'users.email-case-folded',
    description: 'Lower-cases emails on create, lookup and updateEmail.',
    clause: '§0.5',
    raw: ({ raw }) => ({
      users: {
        create: (u) => raw.users.create({ ...u, email: u.email.toLowerCase() }),
        getByEmail: (e) => raw.users.getByEmail(e.toLowerCase()),
        updateEmail: (id, e) => raw.users.updateEmail(id, e.toLowerCase()),
      },
    }),
  }),
  defineMutant({
    id: 'users.email-trimmed',
    description: 'Trims emails on create and lookup.',
    clause: '§0.5',
    raw: ({ raw }) => ({
      users: {
        create: (u) => raw.users.create({ ...u, email: u.email.trim() }),
        getByEmail: (e) => raw.users.getByEmail(e.trim()),
      },
    }),
  }),
  defineMutant({
    id: 'users.update-password-keeps-cutoff',
    description:
      'updatePassword changes the hash but leaves tokensInvalidatedAfter as it was (epoch if unset).',
    clause: '§3.1 updatePassword',
    raw: ({ raw }) => ({
      users: {
        async updatePassword(id, hashed) {
          const before = await raw.users.getById(id)
          await raw.users.updatePassword(id, hashed)
          if (before !== null)
            await raw.users.setTokensInvalidatedAfter(id, before.tokensInvalidatedAfter ?? new Date(0))
        },
      },
    }),
  }),
  defineMutant({
    id: 'users.update-email-keeps-cutoff',
    description:
      'updateEmail changes the email but leaves tokensInvalidatedAfter as it was (epoch if unset).',
    clause: '§3.1 updateEmail',
    raw: ({ raw }) => ({
      users: {
        async updateEmail(id, email) {
          const before = await raw.users.getById(id)
          await raw.users.updateEmail(id, email)
          if (before !== null)
            await raw.users.setTokensInvalidatedAfter(id, before.tokensInvalidatedAfter ?? new Date(0))
        },
      },
    }),
  }),
  defineMutant({
    id: 'users.update-email-partial-on-duplicate',
    description: 'updateEmail to a taken email bumps the cutoff before throwing.',
    clause: '§3.1 updateEmail',
    raw: ({ raw, clock }) => ({
      users: {
        async updateEmail(id, email) {
          const holder = await raw.users.getByEmail(email)
          if (holder !== null && holder.id !== id) await raw.users.setTokensInvalidatedAfter(id, clock.now())
          await raw.users.updateEmail(id, email)
        },
      },
    }),
  }),
  defineMutant({
    id: 'users.update-email-unknown-id-throws',
    description: 'updateEmail with an unknown id throws UserAlreadyExistsError when the email is taken.',
    clause: '§0.15',
    raw: ({ raw }) => ({
      users: {
        async updateEmail(id, email) {
          if ((await raw.users.getById(id)) === null && (await raw.users.getByEmail(email)) !== null) {
            throw new UserAlreadyExistsError(email)
          }
          await raw.users.updateEmail(id, email)
        },
      },
    }),
  }),
  defineMutant({
    id: 'users.list-ascending-by-default',
    description: 'listPaged sorts oldest first when sortByCreatedAtDesc is not given.',
    clause: '§0.10',
    guarded: ({ guarded }) => ({
      users: {
        listPaged: (opts) =>
          guarded.users.listPaged({ ...opts, sortByCreatedAtDesc: opts?.sortByCreatedAtDesc ?? false }),
      },
    }),
  }),
  defineMutant({
    id: 'users.list-ties-wrong-direction',
    description: 'listPaged breaks createdAt ties by id ascending even when sorting newest first.',
    clause: '§0.10',
    raw: ({ raw }) => ({
      users: {
        async listPaged(opts) {
          const { skip = 0, limit = 50, sortByCreatedAtDesc: desc = true } = opts ?? {}
          const rows = await allUsers(raw, desc ?? true)
          rows.sort((a, b) => {
            const byDate = a.createdAt.getTime() - b.createdAt.getTime()
            return (desc === false ? byDate : -byDate) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
          })
          return rows.slice(skip ?? 0, (skip ?? 0) + (limit ?? 50))
        },
      },
    }),
  }),
  defineMutant({
    id: 'users.skip-off-by-one',
    description: 'listPaged skips one row too many whenever skip > 0.',
    clause: '§3.1 listPaged',
    raw: ({ raw }) => ({
      users: {
        listPaged: (opts) =>
          raw.users.listPaged({ ...opts, skip: (opts?.skip ?? 0) > 0 ? (opts?.skip ?? 0) + 1 : 0 }),
      },
    }),
  }),
  defineMutant({
    id: 'users.limit-zero-unlimited',
    description:
      'listPaged accepts limit 0 and returns every user (Mongo semantics instead of InvalidInputError).',
    clause: '§0.6',
    guarded: ({ guarded, raw }) => ({
      users: {
        listPaged: (opts) =>
          opts?.limit === 0
            ? raw.users.listPaged({ ...opts, limit: Number.MAX_SAFE_INTEGER })
            : guarded.users.listPaged(opts),
      },
    }),
  }),
  defineMutant({
    id: 'users.full-name-truncated',
    description: 'Silently truncates fullName to 199 characters on create and setFullName.',
    clause: '§0.6',
    raw: ({ raw }) => ({
      users: {
        create: (u) => raw.users.create({ ...u, fullName: u.fullName?.slice(0, 199) ?? null }),
        setFullName: (id, name) => raw.users.setFullName(id, name?.slice(0, 199) ?? null),
      },
    }),
  }),
  defineMutant({
    id: 'users.created-at-seconds',
    description: 'Stores createdAt truncated to whole seconds.',
    clause: '§0.3',
    raw: ({ raw }) => ({
      users: {
        create: (u) =>
          raw.users.create({ ...u, createdAt: new Date(Math.floor(u.createdAt.getTime() / 1000) * 1000) }),
      },
    }),
  }),
  defineMutant({
    id: 'users.count-ignores-verified',
    description: 'count ignores the isVerified filter.',
    clause: '§3.1 count',
    raw: ({ raw }) => ({
      users: {
        count: (filter) => raw.users.count({ isActive: filter?.isActive, isSuperuser: filter?.isSuperuser }),
      },
    }),
  }),
  defineMutant({
    id: 'users.delete-always-true',
    description: 'delete answers true even when no user was removed.',
    clause: '§3.1 delete',
    raw: ({ raw }) => ({
      users: {
        async delete(id) {
          await raw.users.delete(id)
          return true
        },
      },
    }),
  }),
  defineMutant({
    id: 'users.get-by-id-unknown-throws',
    description: 'getById throws for an id that is not stored instead of answering null.',
    clause: '§0.4',
    raw: ({ raw }) => ({
      users: {
        async getById(id) {
          const user = await raw.users.getById(id)
          if (user === null) throw new Error(`no user ${id}`)
          return user
        },
      },
    }),
  }),
  defineMutant({
    id: 'users.duplicate-wrong-code',
    description: 'A duplicate email on create throws an error whose code is not USER_ALREADY_EXISTS.',
    clause: '§0.1',
    raw: ({ raw }) => ({
      users: {
        async create(u) {
          try {
            return await raw.users.create(u)
          } catch (error) {
            throw Object.assign(new Error('duplicate key'), { code: 'DUPLICATE', cause: error })
          }
        },
      },
    }),
  }),
  defineMutant({
    id: 'users.create-check-then-insert',
    description:
      'create checks the email, awaits, then inserts; a racing create also "succeeds" (phantom id).',
    clause: '§0.8',
    raw: ({ raw }) => {
      let phantom = 0
      return {
        users: {
          async create(u) {
            if ((await raw.users.getByEmail(u.email)) !== null) throw new UserAlreadyExistsError(u.email)
            await tick()
            try {
              return await raw.users.create(u)
            } catch {
              // The unique check already passed, so this store reports success for the loser too.
              phantom += 1
              return { ...u, id: `phantom${phantom}` }
            }
          },
        },
      }
    },
  }),
  defineMutant({
    id: 'users.delete-cascades',
    description: 'delete also removes the user’s MFA codes and OAuth identities, as a foreign key would.',
    clause: '§1.1',
    raw: ({ raw }) => ({
      users: {
        async delete(userId) {
          const removed = await raw.users.delete(userId)
          if (removed) {
            await raw.mfaCodes.delete({ userId })
            await raw.oauthIdentities.deleteByUserId(userId)
          }
          return removed
        },
      },
    }),
  }),
]
