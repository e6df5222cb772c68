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
import { type MfaCodeRecord, mfaCodeOf, mfaCodeRecord } from './mfa-code-records.js'

const KINDS: readonly MfaKind[] = ['phone_setup', 'login_mfa']

/**
 * Builds the raw repository: valid, resolved, fresh arguments assumed; `find` builds its result from
 * the record (`guardRepos` runs with `resultsAreFresh`), and synchronous bodies keep every operation
 * atomic.
 */
export function memoryMfaCodes(clock: Clock, newId: IdSource): RawMfaCodeRepo {
  /*
   * One map per kind, keyed by user id: a lookup hashes the caller's string as it is, where a
   * composite `userId + kind` key had to be built (and hashed) on every call.
   */
  const byKind: Readonly<Record<MfaKind, Map<string, MfaCodeRecord>>> = {
    phone_setup: new Map(),
    login_mfa: new Map(),
  }

  return {
    async put(code: NewMfaCode): Promise<void> {
      const rows = byKind[code.kind]
      // Replacing keeps the row's id, as Mongo's replace-with-upsert does (CONTRACT §0.7).
      rows.set(code.userId, mfaCodeRecord(rows.get(code.userId)?.id ?? newId(), code))
    },
    async verify(opts: {
      readonly userId: string
      readonly kind: MfaKind
      readonly rawCode: string
    }): Promise<MfaVerifyResult> {
      const rows = byKind[opts.kind]
      const userId = opts.userId
      const row = rows.get(userId)
      // No await anywhere below: the read and its write are one step, so concurrent guesses
      // serialise and a code `put` meanwhile can never be charged for this guess (CONTRACT §0.8).
      if (row === undefined) return { outcome: 'missing', attemptsRemaining: 0 }
      if (row.attempts >= row.maxAttempts) {
        rows.delete(userId)
        return { outcome: 'locked', attemptsRemaining: 0 }
      }
      if (row.expiresAtMs <= clock.now().getTime()) {
        rows.delete(userId)
        return { outcome: 'expired', attemptsRemaining: 0 }
      }
      if (!mfaCodeMatches(opts.rawCode, row.codeHash)) {
        const attempts = row.attempts + 1
        const remaining = row.maxAttempts - attempts
        if (remaining <= 0) {
          rows.delete(userId)
          return { outcome: 'locked', attemptsRemaining: 0 }
        }
        row.attempts = attempts
        return { outcome: 'wrong', attemptsRemaining: remaining }
      }
      rows.delete(userId)
      return { outcome: 'ok', attemptsRemaining: 0 }
    },
    async delete(opts: { readonly userId: string; readonly kind?: MfaKind }): Promise<void> {
      const kinds = opts.kind === undefined ? KINDS : [opts.kind]
      for (const kind of kinds) byKind[kind].delete(opts.userId)
    },
    async find(opts: { readonly userId: string; readonly kind: MfaKind }): Promise<MfaCode | null> {
      const row = byKind[opts.kind].get(opts.userId)
      return row === undefined ? null : mfaCodeOf(row)
    },
    async purgeExpired(now: Date): Promise<number> {
      const cutoff = now.getTime()
      let n = 0
      for (const kind of KINDS) {
        const rows = byKind[kind]
        for (const [key, row] of [...rows]) {
          if (row.expiresAtMs < cutoff) {
            rows.delete(key)
            n += 1
          }
        }
      }
      return n
    },
  }
}
