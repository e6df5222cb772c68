/** The memory `PendingRepo`: rows by email plus a token-hash index. */
import {
  type Clock,
  copyPendingRegistration,
  type NewPendingRegistration,
  PendingAlreadyExistsError,
  type PendingRegistration,
  type PendingRepo,
} from '@regstack/protocols'
import type { IdSource } from './id-source.js'

/** Builds the raw repository (valid, resolved arguments assumed; synchronous bodies keep it atomic). */
export function memoryPending(clock: Clock, newId: IdSource): PendingRepo {
  const byEmail = new Map<string, PendingRegistration>()
  const emailByToken = new Map<string, string>()

  return {
    async upsert(pending: NewPendingRegistration): Promise<PendingRegistration> {
      const holder = emailByToken.get(pending.tokenHash)
      if (holder !== undefined && holder !== pending.email) throw new PendingAlreadyExistsError(pending.email)
      const previous = byEmail.get(pending.email)
      // A replaced row keeps its id, as Mongo's replace-with-upsert does (CONTRACT §0.7).
      const row = copyPendingRegistration({ ...pending, id: previous?.id ?? newId() })
      if (previous !== undefined) emailByToken.delete(previous.tokenHash)
      byEmail.set(row.email, row)
      emailByToken.set(row.tokenHash, row.email)
      return copyPendingRegistration(row)
    },
    async findByTokenHash(tokenHash: string): Promise<PendingRegistration | null> {
      const email = emailByToken.get(tokenHash)
      const row = email === undefined ? undefined : byEmail.get(email)
      return row === undefined ? null : copyPendingRegistration(row)
    },
    async findByEmail(email: string): Promise<PendingRegistration | null> {
      const row = byEmail.get(email)
      return row === undefined ? null : copyPendingRegistration(row)
    },
    async deleteByEmail(email: string): Promise<void> {
      const row = byEmail.get(email)
      if (row === undefined) return
      byEmail.delete(email)
      emailByToken.delete(row.tokenHash)
    },
    async purgeExpired(now?: Date | null): Promise<number> {
      // Purges are rare housekeeping calls, so a scan is cheaper than keeping an expiry index current.
      const cutoff = (now ?? clock.now()).getTime()
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
    async countUnexpired(now?: Date | null): Promise<number> {
      const at = (now ?? clock.now()).getTime()
      let n = 0
      for (const row of byEmail.values()) if (row.expiresAt.getTime() > at) n += 1
      return n
    },
  }
}
