/** Mutants of `MfaCodeRepo` (CONTRACT §3.5, §0.7, §0.8, §0.12). */
import type { MfaKind } from '@regstack/protocols'
import { defineMutant, shift } from './define-mutant.js'
import { flawedMfaCodes, type MfaFlaw } from './flawed-mfa-codes.js'
import type { Mutant } from './mutant.js'

const VERIFY_FLAWS: readonly { flaw: MfaFlaw; description: string; clause: string }[] = [
  {
    flaw: 'expiry-exclusive',
    description: 'verify treats expiresAt == now as still valid (< instead of <=).',
    clause: '§0.12',
  },
  {
    flaw: 'locked-only-above-max',
    description: 'verify locks only when attempts > maxAttempts.',
    clause: '§3.5 verify',
  },
  {
    flaw: 'lock-one-guess-late',
    description: 'The last wrong guess answers wrong(0) instead of locked.',
    clause: '§3.5 verify',
  },
  {
    flaw: 'remaining-off-by-one',
    description: 'wrong reports maxAttempts - attempts before the increment.',
    clause: '§3.5 verify',
  },
  {
    flaw: 'verify-non-atomic',
    description: 'verify reads, awaits, then acts on the stale row (may hit a newer code).',
    clause: '§0.8',
  },
  {
    flaw: 'verify-lost-increment',
    description: 'Concurrent wrong guesses count from a stale attempts value.',
    clause: '§0.8',
  },
  {
    flaw: 'put-keeps-attempts',
    description: 'put replacing a code keeps the old attempts counter.',
    clause: '§3.5 put',
  },
]

export const MFA_MUTANTS: readonly Mutant[] = [
  ...VERIFY_FLAWS.map(({ flaw, description, clause }) =>
    defineMutant({
      id: `mfaCodes.${flaw}`,
      description,
      clause,
      raw: ({ clock }) => ({ mfaCodes: flawedMfaCodes(clock, flaw) }),
    }),
  ),
  defineMutant({
    id: 'mfaCodes.put-new-id',
    description: 'put replacing a code gives the row a new id.',
    clause: '§0.7',
    raw: ({ raw }) => ({
      mfaCodes: {
        async put(code) {
          await raw.mfaCodes.delete({ userId: code.userId, kind: code.kind })
          await raw.mfaCodes.put(code)
        },
      },
    }),
  }),
  defineMutant({
    id: 'mfaCodes.delete-all-kinds-only-one',
    description: 'delete without kind removes only the login_mfa code.',
    clause: '§3.5 delete',
    raw: ({ raw }) => ({
      mfaCodes: { delete: ({ userId, kind }) => raw.mfaCodes.delete({ userId, kind: kind ?? 'login_mfa' }) },
    }),
  }),
  defineMutant({
    id: 'mfaCodes.delete-other-users',
    description: "delete without kind also removes other users' codes of every kind.",
    clause: '§3.5 delete',
    raw: ({ raw }) => {
      const userIds = new Set<string>()
      const kinds: readonly MfaKind[] = ['phone_setup', 'login_mfa']
      return {
        mfaCodes: {
          async put(code) {
            userIds.add(code.userId)
            await raw.mfaCodes.put(code)
          },
          async delete({ userId, kind }) {
            if (kind !== undefined && kind !== null) return await raw.mfaCodes.delete({ userId, kind })
            for (const u of userIds) for (const k of kinds) await raw.mfaCodes.delete({ userId: u, kind: k })
          },
        },
      }
    },
  }),
  defineMutant({
    id: 'mfaCodes.purge-inclusive',
    description: 'purgeExpired also deletes codes with expiresAt == now.',
    clause: '§0.12',
    raw: ({ raw, clock }) => ({
      mfaCodes: { purgeExpired: (now) => raw.mfaCodes.purgeExpired(shift(now ?? clock.now(), 1)) },
    }),
  }),
]
