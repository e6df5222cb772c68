/** Mutants of `BlacklistRepo` (CONTRACT §3.3, §0.9, §0.12). */
import type { BlacklistRepo, Clock } from '@regstack/protocols'
import { defineMutant, shift } from './define-mutant.js'
import type { Mutant } from './mutant.js'

/** A blacklist whose revoke overwrites `exp` and/or whose isRevoked looks at `exp`. */
function flawedBlacklist(clock: Clock, flaw: 'last-exp-wins' | 'is-revoked-consults-exp'): BlacklistRepo {
  const expByJti = new Map<string, number>()
  return {
    async revoke(jti, exp) {
      if (flaw === 'last-exp-wins' || !expByJti.has(jti)) expByJti.set(jti, exp.getTime())
    },
    async isRevoked(jti) {
      const exp = expByJti.get(jti)
      if (exp === undefined) return false
      return flaw === 'is-revoked-consults-exp' ? exp > clock.now().getTime() : true
    },
    async purgeExpired(now) {
      const cutoff = (now ?? clock.now()).getTime()
      let n = 0
      for (const [jti, exp] of [...expByJti]) {
        if (exp < cutoff) {
          expByJti.delete(jti)
          n += 1
        }
      }
      return n
    },
  }
}

export const BLACKLIST_MUTANTS: readonly Mutant[] = [
  defineMutant({
    id: 'blacklist.revoke-last-exp-wins',
    description: 'A second revoke of the same jti overwrites exp (the first must win).',
    clause: '§3.3 revoke',
    raw: ({ clock }) => ({ blacklist: flawedBlacklist(clock, 'last-exp-wins') }),
  }),
  defineMutant({
    id: 'blacklist.is-revoked-consults-exp',
    description: 'isRevoked answers false once exp is past, although the row still exists.',
    clause: '§3.3 isRevoked',
    raw: ({ clock }) => ({ blacklist: flawedBlacklist(clock, 'is-revoked-consults-exp') }),
  }),
  defineMutant({
    id: 'blacklist.purge-inclusive',
    description: 'purgeExpired also deletes rows with exp == now (<= instead of <).',
    clause: '§0.9',
    raw: ({ raw, clock }) => ({
      blacklist: { purgeExpired: (now) => raw.blacklist.purgeExpired(shift(now ?? clock.now(), 1)) },
    }),
  }),
  defineMutant({
    id: 'blacklist.purge-exclusive-by-one',
    description: 'purgeExpired keeps rows that expired exactly one millisecond before now.',
    clause: '§0.9',
    raw: ({ raw, clock }) => ({
      blacklist: { purgeExpired: (now) => raw.blacklist.purgeExpired(shift(now ?? clock.now(), -1)) },
    }),
  }),
]
