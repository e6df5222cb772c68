/** Mutants of `PendingRepo` (CONTRACT §3.2, §0.5, §0.7, §0.11, §0.12). */
import { PendingAlreadyExistsError } from '@regstack/protocols'
import { defineMutant, shift, tick } from './define-mutant.js'
import type { Mutant } from './mutant.js'

export const PENDING_MUTANTS: readonly Mutant[] = [
  defineMutant({
    id: 'pending.email-case-folded',
    description: 'Lower-cases emails on upsert, findByEmail and deleteByEmail.',
    clause: '§0.5',
    raw: ({ raw }) => ({
      pending: {
        upsert: (p) => raw.pending.upsert({ ...p, email: p.email.toLowerCase() }),
        findByEmail: (e) => raw.pending.findByEmail(e.toLowerCase()),
        deleteByEmail: (e) => raw.pending.deleteByEmail(e.toLowerCase()),
      },
    }),
  }),
  defineMutant({
    id: 'pending.new-id-on-replace',
    description: 'upsert replacing a row gives it a new id (SQL behaviour) instead of keeping it.',
    clause: '§0.7',
    raw: ({ raw }) => ({
      pending: {
        async upsert(p) {
          const holder = await raw.pending.findByTokenHash(p.tokenHash)
          if (holder === null || holder.email === p.email) await raw.pending.deleteByEmail(p.email)
          return await raw.pending.upsert(p)
        },
      },
    }),
  }),
  defineMutant({
    id: 'pending.old-token-still-found',
    description: 'upsert replacing a row leaves the previous tokenHash findable.',
    clause: '§3.2 upsert',
    raw: ({ raw }) => {
      const emailByOldToken = new Map<string, string>()
      return {
        pending: {
          async upsert(p) {
            const previous = await raw.pending.findByEmail(p.email)
            const row = await raw.pending.upsert(p)
            if (previous !== null && previous.tokenHash !== p.tokenHash) {
              emailByOldToken.set(previous.tokenHash, p.email)
            }
            return row
          },
          async findByTokenHash(tokenHash) {
            const row = await raw.pending.findByTokenHash(tokenHash)
            const email = emailByOldToken.get(tokenHash)
            return row ?? (email === undefined ? null : await raw.pending.findByEmail(email))
          },
        },
      }
    },
  }),
  defineMutant({
    id: 'pending.token-collision-replaces',
    description:
      'A tokenHash held by another email silently replaces that row instead of PendingAlreadyExistsError.',
    clause: '§0.11',
    raw: ({ raw }) => ({
      pending: {
        async upsert(p) {
          try {
            return await raw.pending.upsert(p)
          } catch (error) {
            if (!(error instanceof PendingAlreadyExistsError)) throw error
            const holder = await raw.pending.findByTokenHash(p.tokenHash)
            if (holder !== null) await raw.pending.deleteByEmail(holder.email)
            return await raw.pending.upsert(p)
          }
        },
      },
    }),
  }),
  defineMutant({
    id: 'pending.purge-inclusive',
    description: 'purgeExpired also deletes rows with expiresAt == now (<= instead of <).',
    clause: '§0.12',
    raw: ({ raw, clock }) => ({
      pending: { purgeExpired: (now) => raw.pending.purgeExpired(shift(now ?? clock.now(), 1)) },
    }),
  }),
  defineMutant({
    id: 'pending.count-unexpired-inclusive',
    description: 'countUnexpired also counts rows with expiresAt == now (>= instead of >).',
    clause: '§0.12',
    raw: ({ raw, clock }) => ({
      pending: { countUnexpired: (now) => raw.pending.countUnexpired(shift(now ?? clock.now(), -1)) },
    }),
  }),
  defineMutant({
    id: 'pending.upsert-race-throws',
    description:
      'upsert checks for the email, awaits, and throws a duplicate-key error if a racer inserted meanwhile.',
    clause: '§0.8',
    raw: ({ raw }) => ({
      pending: {
        async upsert(p) {
          const existed = (await raw.pending.findByEmail(p.email)) !== null
          await tick()
          if (!existed && (await raw.pending.findByEmail(p.email)) !== null)
            throw new Error('E11000 duplicate key')
          return await raw.pending.upsert(p)
        },
      },
    }),
  }),
]
