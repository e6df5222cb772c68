/** The Mongo `LoginAttemptRepo`: regstack's `login_attempts`, one `{ email, when, ip }` per failure. */
import { MIN_DATE_MS, type RawLoginAttemptRepo, type ResolvedRecordFailureOptions } from '@regstack/protocols'
import { type Collection, type Db, ObjectId } from 'mongodb'
import { withoutNulls } from './mongo-codec.js'
import { driverCall } from './translate-error.js'

/** A `login_attempts` document as regstack writes it (`ip` absent when not given). */
export interface LoginAttemptDocument {
  _id: ObjectId
  email: string
  when: Date
  ip?: string | null
}

/**
 * `now - windowMs`, kept inside the date range. Every stored `when` is at or after 1970, so clamping a
 * cutoff below that to 1970 changes neither `>=` nor `<` comparisons, while an out-of-range `Date`
 * (a window of centuries) would be invalid and could not be sent to the server.
 */
function cutoffOf(now: Date, windowMs: number): Date {
  return new Date(Math.max(now.getTime() - windowMs, MIN_DATE_MS))
}

/** Builds the raw repository (valid, resolved arguments assumed). */
export function mongoAttempts(db: Db, name: string): RawLoginAttemptRepo {
  const attempts: Collection<LoginAttemptDocument> = db.collection<LoginAttemptDocument>(name)

  return {
    async recordFailure(email: string, opts: ResolvedRecordFailureOptions): Promise<void> {
      const doc = withoutNulls({ email, when: opts.when, ip: opts.ip })
      await driverCall(() => attempts.insertOne({ _id: new ObjectId(), ...doc } as LoginAttemptDocument))
    },
    async countRecent(
      email: string,
      opts: { readonly windowMs: number; readonly now: Date },
    ): Promise<number> {
      // Inclusive lower bound, no upper bound: future-dated failures count (CONTRACT §0.12).
      const since = cutoffOf(opts.now, opts.windowMs)
      return await driverCall(() => attempts.countDocuments({ email, when: { $gte: since } }))
    },
    async clear(email: string): Promise<void> {
      await driverCall(() => attempts.deleteMany({ email }))
    },
    async purgeExpired(now: Date, windowMs: number): Promise<number> {
      const cutoff = cutoffOf(now, windowMs)
      const { deletedCount } = await driverCall(() => attempts.deleteMany({ when: { $lt: cutoff } }))
      return deletedCount
    },
  }
}
