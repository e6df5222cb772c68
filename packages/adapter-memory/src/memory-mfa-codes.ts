/** The memory `MfaCodeRepo`: one row per (userId, kind) and the verify state machine of CONTRACT §3.5. */
import {
  type Clock,
  type MfaCode,
  type MfaKind,
  type MfaVerifyResult,
  mfaCodeMatches,
  type NewMfaCode,
  type RawMfaCodeRepo,
} from '@regstack/protocols'
import type { IdSource } from './id-source.js'
import { mfaCodeRow } from './rows.js'

const KINDS: readonly MfaKind[] = ['phone_setup', 'login_mfa']

/** U+0000 cannot occur in a stored user id (the guard rejects it), so it separates the key parts safely. */
function keyOf(userId: string, kind: MfaKind): string {
  return `${userId}\u0000${kind}`
}

/**
 * Builds the raw repository: valid, resolved, fresh arguments assumed, rows returned as stored (the
 * guard copies them); synchronous bodies keep every operation atomic.
 */
export function memoryMfaCodes(clock: Clock, newId: IdSource): RawMfaCodeRepo {
  const byKey = new Map<string, MfaCode>()

  return {
    async put(code: NewMfaCode): Promise<void> {
      const key = keyOf(code.userId, code.kind)
      // Replacing keeps the row's id, as Mongo's replace-with-upsert does (CONTRACT §0.7).
      byKey.set(key, mfaCodeRow(byKey.get(key)?.id ?? newId(), code, code.attempts))
    },
    async verify(opts: {
      readonly userId: string
      readonly kind: MfaKind
      readonly rawCode: string
    }): Promise<MfaVerifyResult> {
      const key = keyOf(opts.userId, opts.kind)
      const row = byKey.get(key)
      // No await anywhere below: the read and its write are one step, so concurrent guesses
      // serialise and a code `put` meanwhile can never be charged for this guess (CONTRACT §0.8).
      if (row === undefined) return { outcome: 'missing', attemptsRemaining: 0 }
      if (row.attempts >= row.maxAttempts) {
        byKey.delete(key)
        return { outcome: 'locked', attemptsRemaining: 0 }
      }
      if (row.expiresAt.getTime() <= clock.now().getTime()) {
        byKey.delete(key)
        return { outcome: 'expired', attemptsRemaining: 0 }
      }
      if (!mfaCodeMatches(opts.rawCode, row.codeHash)) {
        const attempts = row.attempts + 1
        const remaining = row.maxAttempts - attempts
        if (remaining <= 0) {
          byKey.delete(key)
          return { outcome: 'locked', attemptsRemaining: 0 }
        }
        byKey.set(key, mfaCodeRow(row.id, row, attempts))
        return { outcome: 'wrong', attemptsRemaining: remaining }
      }
      byKey.delete(key)
      return { outcome: 'ok', attemptsRemaining: 0 }
    },
    async delete(opts: { readonly userId: string; readonly kind?: MfaKind }): Promise<void> {
      const kinds = opts.kind === undefined ? KINDS : [opts.kind]
      for (const kind of kinds) byKey.delete(keyOf(opts.userId, kind))
    },
    async find(opts: { readonly userId: string; readonly kind: MfaKind }): Promise<MfaCode | null> {
      return byKey.get(keyOf(opts.userId, opts.kind)) ?? null
    },
    async purgeExpired(now: Date): Promise<number> {
      const cutoff = now.getTime()
      let n = 0
      for (const [key, row] of [...byKey]) {
        if (row.expiresAt.getTime() < cutoff) {
          byKey.delete(key)
          n += 1
        }
      }
      return n
    },
  }
}
