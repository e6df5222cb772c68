/** Mutants of `OAuthIdentityRepo` (CONTRACT §3.6, §0.8, §0.10). */
import { type OAuthIdentity, OAuthIdentityAlreadyLinkedError } from '@regstack/protocols'
import { defineMutant, tick } from './define-mutant.js'
import type { Mutant } from './mutant.js'

const pair = (a: string, b: string): string => `${a}\u0000${b}`

export const OAUTH_IDENTITIES_MUTANTS: readonly Mutant[] = [
  defineMutant({
    id: 'oauthIdentities.no-user-provider-unique',
    description:
      'create accepts a second identity for the same (userId, provider) (reports success, links nothing).',
    clause: '§3.6 create',
    raw: ({ raw }) => {
      let phantom = 0
      return {
        oauthIdentities: {
          async create(identity) {
            try {
              return await raw.oauthIdentities.create(identity)
            } catch (error) {
              const bySubject = await raw.oauthIdentities.findBySubject(identity)
              if (bySubject !== null) throw error
              phantom += 1
              return { ...identity, id: `phantom${phantom}` }
            }
          },
        },
      }
    },
  }),
  defineMutant({
    id: 'oauthIdentities.delete-true-twice',
    description: 'delete answers true again for a (userId, provider) it already removed.',
    clause: '§3.6 delete',
    raw: ({ raw }) => {
      const removed = new Set<string>()
      return {
        oauthIdentities: {
          async delete(opts) {
            const k = pair(opts.userId, opts.provider)
            if (await raw.oauthIdentities.delete(opts)) {
              removed.add(k)
              return true
            }
            return removed.has(k)
          },
        },
      }
    },
  }),
  defineMutant({
    id: 'oauthIdentities.delete-by-user-id-count',
    description: 'deleteByUserId removes every identity but reports at most 1.',
    clause: '§3.6 deleteByUserId',
    raw: ({ raw }) => ({
      oauthIdentities: {
        deleteByUserId: async (userId) => Math.min(1, await raw.oauthIdentities.deleteByUserId(userId)),
      },
    }),
  }),
  defineMutant({
    id: 'oauthIdentities.touch-changes-linked-at',
    description: 'touchLastUsed also sets linkedAt to when.',
    clause: '§3.6 touchLastUsed',
    raw: ({ raw }) => {
      const linkedAt = new Map<string, Date>()
      const patched = (i: OAuthIdentity): OAuthIdentity => ({
        ...i,
        linkedAt: new Date(linkedAt.get(i.id) ?? i.linkedAt),
      })
      return {
        oauthIdentities: {
          async touchLastUsed(opts) {
            const row = await raw.oauthIdentities.findBySubject(opts)
            await raw.oauthIdentities.touchLastUsed(opts)
            if (row !== null) linkedAt.set(row.id, new Date(opts.when))
          },
          findBySubject: async (opts) => {
            const row = await raw.oauthIdentities.findBySubject(opts)
            return row === null ? null : patched(row)
          },
          listForUser: async (userId) => (await raw.oauthIdentities.listForUser(userId)).map(patched),
        },
      }
    },
  }),
  defineMutant({
    id: 'oauthIdentities.list-ties-by-id-desc',
    description: 'listForUser breaks linkedAt ties by id descending.',
    clause: '§0.10',
    raw: ({ raw }) => ({
      oauthIdentities: {
        listForUser: async (userId) =>
          (await raw.oauthIdentities.listForUser(userId)).sort(
            (a, b) => a.linkedAt.getTime() - b.linkedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
          ),
      },
    }),
  }),
  defineMutant({
    id: 'oauthIdentities.list-newest-first',
    description: 'listForUser sorts by linkedAt descending.',
    clause: '§0.10',
    raw: ({ raw }) => ({
      oauthIdentities: {
        listForUser: async (userId) => (await raw.oauthIdentities.listForUser(userId)).reverse(),
      },
    }),
  }),
  defineMutant({
    id: 'oauthIdentities.create-check-then-insert',
    description: 'create checks (provider, subjectId), awaits, inserts; a racing create also "succeeds".',
    clause: '§0.8',
    raw: ({ raw }) => {
      let phantom = 0
      return {
        oauthIdentities: {
          async create(identity) {
            if ((await raw.oauthIdentities.findBySubject(identity)) !== null) {
              throw new OAuthIdentityAlreadyLinkedError(identity.provider, identity.subjectId)
            }
            await tick()
            try {
              return await raw.oauthIdentities.create(identity)
            } catch (error) {
              if ((await raw.oauthIdentities.findBySubject(identity)) === null) throw error
              phantom += 1
              return { ...identity, id: `phantom${phantom}` }
            }
          },
        },
      }
    },
  }),
]
