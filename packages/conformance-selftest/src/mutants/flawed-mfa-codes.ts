/**
 * An MFA code repository with one selectable flaw. The verify flaws live inside the state machine, so
 * a wrapper cannot express them; everything else follows CONTRACT §3.5 like the memory adapter.
 */
import {
  type Clock,
  type MfaCode,
  type MfaCodeRepo,
  type MfaKind,
  type MfaVerifyResult,
  mfaCodeMatches,
} from '@regstack/protocols'
import { tick } from './define-mutant.js'

/** The one rule a flawed repository breaks. */
export type MfaFlaw =
  | 'expiry-exclusive'
  | 'locked-only-above-max'
  | 'lock-one-guess-late'
  | 'remaining-off-by-one'
  | 'verify-non-atomic'
  | 'verify-lost-increment'
  | 'put-keeps-attempts'

const key = (userId: string, kind: MfaKind): string => `${userId}\u0000${kind}`
const copy = (c: MfaCode): MfaCode => ({
  ...c,
  expiresAt: new Date(c.expiresAt),
  createdAt: new Date(c.createdAt),
})

/** Builds the flawed repository over its own map (ids from a per-store counter). */
export function flawedMfaCodes(clock: Clock, flaw: MfaFlaw): MfaCodeRepo {
  const rows = new Map<string, MfaCode>()
  let nextId = 0

  /** The state machine on a row read earlier; `current` re-reads the map at write time. */
  const decide = (
    k: string,
    row: MfaCode,
    rawCode: string,
    current: () => MfaCode | undefined,
  ): MfaVerifyResult => {
    const expired =
      flaw === 'expiry-exclusive'
        ? row.expiresAt.getTime() < clock.now().getTime()
        : row.expiresAt.getTime() <= clock.now().getTime()
    const locked =
      flaw === 'locked-only-above-max' ? row.attempts > row.maxAttempts : row.attempts >= row.maxAttempts
    if (locked) {
      rows.delete(k)
      return { outcome: 'locked', attemptsRemaining: 0 }
    }
    if (expired) {
      rows.delete(k)
      return { outcome: 'expired', attemptsRemaining: 0 }
    }
    if (mfaCodeMatches(rawCode, row.codeHash)) {
      rows.delete(k)
      return { outcome: 'ok', attemptsRemaining: 0 }
    }
    const attempts = row.attempts + 1
    const remaining = row.maxAttempts - attempts
    const lockNow = flaw === 'lock-one-guess-late' ? remaining < 0 : remaining <= 0
    if (lockNow) {
      rows.delete(k)
      return { outcome: 'locked', attemptsRemaining: 0 }
    }
    const target = current()
    if (target !== undefined) rows.set(k, { ...target, attempts })
    return {
      outcome: 'wrong',
      attemptsRemaining: flaw === 'remaining-off-by-one' ? remaining + 1 : remaining,
    }
  }

  return {
    async put(code) {
      const k = key(code.userId, code.kind)
      const previous = rows.get(k)
      const attempts =
        flaw === 'put-keeps-attempts' && previous !== undefined ? previous.attempts : code.attempts
      nextId += 1
      rows.set(k, copy({ ...code, attempts, id: previous?.id ?? nextId.toString(16).padStart(24, '0') }))
    },
    async verify({ userId, kind, rawCode }) {
      const k = key(userId, kind)
      const row = rows.get(k)
      if (row === undefined) return { outcome: 'missing', attemptsRemaining: 0 }
      if (flaw === 'verify-non-atomic') {
        // Acts on what it read before the await: may charge or delete a code put meanwhile.
        await tick()
        return decide(k, row, rawCode, () => rows.get(k))
      }
      if (flaw === 'verify-lost-increment') {
        // Re-reads the row but counts from the attempts seen before the await, so concurrent wrong
        // guesses overwrite each other's increment.
        const staleAttempts = row.attempts
        await tick()
        const fresh = rows.get(k)
        if (fresh === undefined) return { outcome: 'missing', attemptsRemaining: 0 }
        return decide(k, { ...fresh, attempts: staleAttempts }, rawCode, () => rows.get(k))
      }
      return decide(k, row, rawCode, () => rows.get(k))
    },
    async delete({ userId, kind }) {
      const kinds: readonly MfaKind[] =
        kind === undefined || kind === null ? ['phone_setup', 'login_mfa'] : [kind]
      for (const k of kinds) rows.delete(key(userId, k))
    },
    async find({ userId, kind }) {
      const row = rows.get(key(userId, kind))
      return row === undefined ? null : copy(row)
    },
    async purgeExpired(now) {
      const cutoff = (now ?? clock.now()).getTime()
      let n = 0
      for (const [k, row] of [...rows]) {
        if (row.expiresAt.getTime() < cutoff) {
          rows.delete(k)
          n += 1
        }
      }
      return n
    },
  }
}
