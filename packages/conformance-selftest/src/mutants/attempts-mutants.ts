/** Mutants of `LoginAttemptRepo` (CONTRACT §3.4, §0.5, §0.12). */
import { defineMutant, shift } from './define-mutant.js'
import type { Mutant } from './mutant.js'

export const ATTEMPTS_MUTANTS: readonly Mutant[] = [
  defineMutant({
    id: 'attempts.email-case-folded',
    description: 'Lower-cases emails in recordFailure, countRecent and clear.',
    clause: '§0.5',
    raw: ({ raw }) => ({
      attempts: {
        recordFailure: (e, o) => raw.attempts.recordFailure(e.toLowerCase(), o),
        countRecent: (e, o) => raw.attempts.countRecent(e.toLowerCase(), o),
        clear: (e) => raw.attempts.clear(e.toLowerCase()),
      },
    }),
  }),
  defineMutant({
    id: 'attempts.email-trimmed',
    description: 'Trims emails in recordFailure and countRecent (regstack Mongo model normalisation).',
    clause: '§0.5',
    raw: ({ raw }) => ({
      attempts: {
        recordFailure: (e, o) => raw.attempts.recordFailure(e.trim(), o),
        countRecent: (e, o) => raw.attempts.countRecent(e.trim(), o),
      },
    }),
  }),
  defineMutant({
    id: 'attempts.count-recent-exclusive-lower-bound',
    description: 'countRecent leaves out attempts exactly at now - windowMs (> instead of >=).',
    clause: '§0.12',
    raw: ({ raw }) => ({
      attempts: {
        countRecent: (e, { windowMs, now }) =>
          raw.attempts.countRecent(
            e,
            windowMs > 0 ? { windowMs: windowMs - 1, now } : { windowMs: 0, now: shift(now, 1) },
          ),
      },
    }),
  }),
  defineMutant({
    id: 'attempts.count-recent-upper-bound',
    description: 'countRecent leaves out attempts dated after now (it must have no upper bound).',
    clause: '§0.12',
    raw: ({ raw }) => ({
      attempts: {
        async countRecent(e, { windowMs, now }) {
          const all = await raw.attempts.countRecent(e, { windowMs, now })
          const future = await raw.attempts.countRecent(e, { windowMs: 0, now: shift(now, 1) })
          return all - future
        },
      },
    }),
  }),
  defineMutant({
    id: 'attempts.purge-inclusive',
    description: 'purgeExpired also deletes attempts exactly at now - windowMs.',
    clause: '§0.12',
    raw: ({ raw }) => ({
      attempts: { purgeExpired: (now, windowMs) => raw.attempts.purgeExpired(shift(now, 1), windowMs) },
    }),
  }),
]
