/** The memory `PendingRepo`: rows by email plus a token-hash index. */
import {
  type NewPendingRegistration,
  PendingAlreadyExistsError,
  type PendingRegistration,
  pendingWithId,
  type RawPendingRepo,
} from '@regstack/protocols'
import type { IdSource } from './id-source.js'

/**
 * Builds the raw repository: valid, resolved, fresh arguments assumed, rows returned as stored (the
 * guard copies them); synchronous bodies keep every operation atomic.
 */
export function memoryPending(newId: IdSource): RawPendingRepo {
  const byEmail = new Map<string, PendingRegistration>()
  const emailByToken = new Map<string, string>()

  return {
    async upsert(pending: NewPendingRegistration): Promise<PendingRegistration> {
      const holder = emailByToken.get(pending.tokenHash)
      if (holder !== undefined && holder !== pending.email) throw new PendingAlreadyExistsError(pending.email)
      const previous = byEmail.get(pending.email)
      // A replaced row keeps its id, as Mongo's replace-with-upsert does (CONTRACT §0.7).
      const row = pendingWithId(previous?.id ?? newId(), pending)
      if (previous !== undefined) emailByToken.delete(previous.tokenHash)
      byEmail.set(row.email, row)
      emailByToken.set(row.tokenHash, row.email)
      return row
    },
    async findByTokenHash(tokenHash: string): Promise<PendingRegistration | null> {
      const email = emailByToken.get(tokenHash)
      return (email === undefined ? undefined : byEmail.get(email)) ?? null
    },
    async findByEmail(email: string): Promise<PendingRegistration | null> {
      return byEmail.get(email) ?? null
    },
    async deleteByEmail(email: string): Promise<void> {
      const row = byEmail.get(email)
      if (row === undefined) return
      byEmail.delete(email)
      emailByToken.delete(row.tokenHash)
    },
    async purgeExpired(now: Date): Promise<number> {
      // Purges are rare housekeeping calls, so a scan is cheaper than keeping an expiry index current.
      const cutoff = now.getTime()
      let n = 0
      for (const row of [...byEmail.values()]) {
        if (row.expiresAt.getTime() < cutoff) {
          byEmail.delete(row.email)
          emailByToken.delete(row.tokenHash)
          n += 1
        }
      }
      return n
    },
    async countUnexpired(now: Date): Promise<number> {
      const at = now.getTime()
      let n = 0
      for (const row of byEmail.values()) if (row.expiresAt.getTime() > at) n += 1
      return n
    },
  }
}
