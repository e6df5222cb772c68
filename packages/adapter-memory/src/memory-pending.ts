/** The memory `PendingRepo`: pending records by email plus a token-hash index. */
import {
  type NewPendingRegistration,
  PendingAlreadyExistsError,
  type PendingRegistration,
  pendingWithId,
  type RawPendingRepo,
} from '@regstack/protocols'
import type { IdSource } from './id-source.js'
import { type PendingRecord, pendingOf, pendingRecord } from './records.js'

/**
 * Builds the raw repository: valid, resolved, fresh arguments assumed. Every result is built for its
 * call (see records.ts), so `guardRepos` runs with `resultsAreFresh`; synchronous bodies keep every
 * operation atomic.
 */
export function memoryPending(newId: IdSource): RawPendingRepo {
  const byEmail = new Map<string, PendingRecord>()
  const emailByToken = new Map<string, string>()

  return {
    async upsert(pending: NewPendingRegistration): Promise<PendingRegistration> {
      const holder = emailByToken.get(pending.tokenHash)
      if (holder !== undefined && holder !== pending.email) throw new PendingAlreadyExistsError(pending.email)
      const previous = byEmail.get(pending.email)
      // A replaced row keeps its id, as Mongo's replace-with-upsert does (CONTRACT §0.7).
      const id = previous?.id ?? newId()
      if (previous !== undefined) emailByToken.delete(previous.tokenHash)
      byEmail.set(pending.email, pendingRecord(id, pending))
      emailByToken.set(pending.tokenHash, pending.email)
      // The record keeps numbers, so the validated input's fresh `Date`s can be the caller's.
      return pendingWithId(id, pending)
    },
    async findByTokenHash(tokenHash: string): Promise<PendingRegistration | null> {
      const email = emailByToken.get(tokenHash)
      const r = email === undefined ? undefined : byEmail.get(email)
      return r === undefined ? null : pendingOf(r)
    },
    async findByEmail(email: string): Promise<PendingRegistration | null> {
      const r = byEmail.get(email)
      return r === undefined ? null : pendingOf(r)
    },
    async deleteByEmail(email: string): Promise<void> {
      const r = byEmail.get(email)
      if (r === undefined) return
      byEmail.delete(email)
      emailByToken.delete(r.tokenHash)
    },
    async purgeExpired(now: Date): Promise<number> {
      // Purges are rare housekeeping calls, so a scan is cheaper than keeping an expiry index current.
      const cutoff = now.getTime()
      let n = 0
      for (const r of [...byEmail.values()]) {
        if (r.expiresAtMs < cutoff) {
          byEmail.delete(r.email)
          emailByToken.delete(r.tokenHash)
          n += 1
        }
      }
      return n
    },
    async countUnexpired(now: Date): Promise<number> {
      const at = now.getTime()
      let n = 0
      for (const r of byEmail.values()) if (r.expiresAtMs > at) n += 1
      return n
    },
  }
}
