/** The Mongo `MfaCodeRepo`: regstack's `mfa_codes`, one document per (user_id, kind). */
import {
  type Clock,
  type MfaCode,
  type MfaKind,
  type MfaVerifyResult,
  mfaCodeMatches,
  type NewMfaCode,
  type RawMfaCodeRepo,
} from '@regstack/protocols'
import type { Collection, Db, Filter, ObjectId } from 'mongodb'
import { readDate, readId, readInteger, readString } from './mongo-codec.js'
import { driverCall, isDuplicateKeyOn, translateError } from './translate-error.js'

/** An `mfa_codes` document as regstack writes it. */
export interface MfaCodeDocument {
  _id: ObjectId
  user_id: string
  kind: MfaKind
  code_hash: string
  expires_at: Date
  attempts: number
  max_attempts: number
  created_at: Date
}

function toDocument(code: NewMfaCode): Omit<MfaCodeDocument, '_id'> {
  return {
    user_id: code.userId,
    kind: code.kind,
    code_hash: code.codeHash,
    expires_at: code.expiresAt,
    attempts: code.attempts,
    max_attempts: code.maxAttempts,
    created_at: code.createdAt,
  }
}

function toModel(doc: MfaCodeDocument): MfaCode {
  return {
    id: readId(doc),
    userId: readString(doc, 'user_id'),
    kind: readString(doc, 'kind') as MfaKind,
    codeHash: readString(doc, 'code_hash'),
    expiresAt: readDate(doc, 'expires_at'),
    attempts: readInteger(doc, 'attempts', 0),
    maxAttempts: readInteger(doc, 'max_attempts', 5),
    createdAt: readDate(doc, 'created_at'),
  }
}

/**
 * A filter matching the document exactly as it was read. `put` keeps `_id` when it replaces a code,
 * so `_id` alone cannot tell the read code from a re-issued one; every stored field is matched too.
 * A write through this filter therefore succeeds only if nobody changed the row in between
 * (compare-and-set), and never lands on a code issued after the read (CONTRACT §0.8).
 */
function unchanged(doc: MfaCodeDocument): Filter<MfaCodeDocument> {
  return {
    _id: doc._id,
    user_id: doc.user_id,
    kind: doc.kind,
    code_hash: doc.code_hash,
    expires_at: doc.expires_at,
    attempts: doc.attempts ?? null,
    max_attempts: doc.max_attempts ?? null,
    created_at: doc.created_at,
  }
}

const MISSING: MfaVerifyResult = { outcome: 'missing', attemptsRemaining: 0 }

/**
 * Lost compare-and-set rounds before `verify` gives up. Each lost round means another caller changed
 * the row, and every change moves the row toward deletion (attempts only grow), so a round is lost
 * at most `maxAttempts` + a few times per concurrent writer; the bound only stops a runaway loop.
 */
const MAX_ROUNDS = 1000

/** Builds the raw repository (valid, resolved arguments assumed). */
export function mongoMfaCodes(db: Db, name: string, clock: Clock): RawMfaCodeRepo {
  const codes: Collection<MfaCodeDocument> = db.collection<MfaCodeDocument>(name)

  const deleteIfUnchanged = async (doc: MfaCodeDocument): Promise<boolean> => {
    const { deletedCount } = await driverCall(() => codes.deleteOne(unchanged(doc)))
    return deletedCount === 1
  }

  /** One round of the §3.5 state machine; `null` means the row changed under us: read again. */
  const round = async (userId: string, kind: MfaKind, rawCode: string): Promise<MfaVerifyResult | null> => {
    const doc = await driverCall(() => codes.findOne({ user_id: userId, kind }))
    if (doc === null) return MISSING
    const row = toModel(doc)
    if (row.attempts >= row.maxAttempts) {
      return (await deleteIfUnchanged(doc)) ? { outcome: 'locked', attemptsRemaining: 0 } : null
    }
    if (row.expiresAt.getTime() <= clock.now().getTime()) {
      return (await deleteIfUnchanged(doc)) ? { outcome: 'expired', attemptsRemaining: 0 } : null
    }
    if (mfaCodeMatches(rawCode, row.codeHash)) {
      return (await deleteIfUnchanged(doc)) ? { outcome: 'ok', attemptsRemaining: 0 } : null
    }
    const attempts = row.attempts + 1
    const remaining = row.maxAttempts - attempts
    if (remaining <= 0) {
      return (await deleteIfUnchanged(doc)) ? { outcome: 'locked', attemptsRemaining: 0 } : null
    }
    // The counter is written as the value read + 1 through the compare-and-set filter, so two
    // concurrent wrong guesses cannot both count as the same attempt: one of them re-reads.
    const { matchedCount } = await driverCall(() => codes.updateOne(unchanged(doc), { $set: { attempts } }))
    return matchedCount === 1 ? { outcome: 'wrong', attemptsRemaining: remaining } : null
  }

  const replace = async (doc: Omit<MfaCodeDocument, '_id'>): Promise<void> => {
    await codes.replaceOne({ user_id: doc.user_id, kind: doc.kind }, doc, { upsert: true })
  }

  return {
    async put(code: NewMfaCode): Promise<void> {
      const doc = toDocument(code)
      try {
        await replace(doc)
      } catch (error) {
        // Racing upserts of a new (user_id, kind): the loser may get a duplicate on the compound index
        // (the server retries this itself only under some conditions). The row exists now, so a second
        // replace turns the insert into the replacement a serial run would have done (CONTRACT §0.8).
        if (!isDuplicateKeyOn(error, ['user_kind_unique'])) throw translateError(error)
        await driverCall(() => replace(doc))
      }
    },
    async verify(opts: {
      readonly userId: string
      readonly kind: MfaKind
      readonly rawCode: string
    }): Promise<MfaVerifyResult> {
      for (let i = 0; i < MAX_ROUNDS; i += 1) {
        const result = await round(opts.userId, opts.kind, opts.rawCode)
        if (result !== null) return result
      }
      throw new Error(`mfaCodes.verify: the code kept changing during ${MAX_ROUNDS} attempts to verify it`)
    },
    async delete(opts: { readonly userId: string; readonly kind?: MfaKind }): Promise<void> {
      const filter: Filter<MfaCodeDocument> =
        opts.kind === undefined ? { user_id: opts.userId } : { user_id: opts.userId, kind: opts.kind }
      await driverCall(() => codes.deleteMany(filter))
    },
    async find(opts: { readonly userId: string; readonly kind: MfaKind }): Promise<MfaCode | null> {
      const doc = await driverCall(() => codes.findOne({ user_id: opts.userId, kind: opts.kind }))
      return doc === null ? null : toModel(doc)
    },
    async purgeExpired(now: Date): Promise<number> {
      const cutoff = now
      const { deletedCount } = await driverCall(() => codes.deleteMany({ expires_at: { $lt: cutoff } }))
      return deletedCount
    },
  }
}
