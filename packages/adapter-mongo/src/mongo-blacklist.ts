/** The Mongo `BlacklistRepo`: regstack's `token_blacklist`, `{ jti, exp }` under an ObjectId. */
import type { RawBlacklistRepo } from '@regstack/protocols'
import { type Collection, type Db, ObjectId } from 'mongodb'
import { driverCall, isDuplicateKeyOn, translateError } from './translate-error.js'

/** A `token_blacklist` document as regstack writes it. */
export interface BlacklistDocument {
  _id: ObjectId
  jti: string
  exp: Date
}

/** Builds the raw repository (valid, resolved arguments assumed). */
export function mongoBlacklist(db: Db, name: string): RawBlacklistRepo {
  const blacklist: Collection<BlacklistDocument> = db.collection<BlacklistDocument>(name)

  return {
    async revoke(jti: string, exp: Date): Promise<void> {
      try {
        await blacklist.insertOne({ _id: new ObjectId(), jti, exp })
      } catch (error) {
        // Revoking twice is not an error and the first `exp` wins (CONTRACT §3.3), exactly what the
        // unique `jti_unique` index rejecting the second insert gives. Only that duplicate is absorbed.
        if (!isDuplicateKeyOn(error, ['jti_unique'])) throw translateError(error)
      }
    },
    async isRevoked(jti: string): Promise<boolean> {
      // `exp` is not consulted: the row revokes until it is purged or reaped.
      const doc = await driverCall(() => blacklist.findOne({ jti }))
      return doc !== null
    },
    async purgeExpired(now: Date): Promise<number> {
      const cutoff = now
      const { deletedCount } = await driverCall(() => blacklist.deleteMany({ exp: { $lt: cutoff } }))
      return deletedCount
    },
  }
}
