/** The Mongo `PendingRepo`: regstack's `pending_registrations`, one document per email. */
import type { NewPendingRegistration, PendingRegistration, RawPendingRepo } from '@regstack/protocols'
import type { Collection, Db, ObjectId } from 'mongodb'
import { readDate, readId, readNullableString, readString, withoutNulls } from './mongo-codec.js'
import { driverCall, isDuplicateKeyOn, translateError } from './translate-error.js'

/** A `pending_registrations` document as regstack writes it. */
export interface PendingDocument {
  _id: ObjectId
  email: string
  hashed_password: string
  full_name?: string | null
  token_hash: string
  created_at: Date
  expires_at: Date
}

function toDocument(p: NewPendingRegistration): Omit<PendingDocument, '_id'> {
  return withoutNulls({
    email: p.email,
    hashed_password: p.hashedPassword,
    full_name: p.fullName,
    token_hash: p.tokenHash,
    created_at: p.createdAt,
    expires_at: p.expiresAt,
  }) as Omit<PendingDocument, '_id'>
}

function toModel(doc: PendingDocument): PendingRegistration {
  return {
    id: readId(doc),
    email: readString(doc, 'email'),
    hashedPassword: readString(doc, 'hashed_password'),
    fullName: readNullableString(doc, 'full_name'),
    tokenHash: readString(doc, 'token_hash'),
    createdAt: readDate(doc, 'created_at'),
    expiresAt: readDate(doc, 'expires_at'),
  }
}

/** Builds the raw repository (valid, resolved arguments assumed). */
export function mongoPending(db: Db, name: string): RawPendingRepo {
  const pending: Collection<PendingDocument> = db.collection<PendingDocument>(name)

  const replace = async (doc: Omit<PendingDocument, '_id'>): Promise<PendingDocument | null> =>
    await pending.findOneAndReplace({ email: doc.email }, doc, { upsert: true, returnDocument: 'after' })

  const settleAfterEmptyAnswer = async (doc: Omit<PendingDocument, '_id'>): Promise<PendingDocument> => {
    const subject = { store: 'pending', email: doc.email } as const
    const current = await driverCall(() => pending.findOne({ email: doc.email }), subject)
    if (current !== null) return { ...doc, _id: current._id }
    // Gone again (a concurrent delete or purge): only a second write can make ours take effect.
    const stored = await driverCall(() => replace(doc), subject)
    if (stored === null)
      throw translateError(new Error('findOneAndReplace with upsert returned no document'), subject)
    return stored
  }

  return {
    async upsert(p: NewPendingRegistration): Promise<PendingRegistration> {
      const doc = toDocument(p)
      // One find-and-replace with upsert: a replaced document keeps its `_id` (CONTRACT §0.7).
      let stored: PendingDocument | null
      try {
        stored = await replace(doc)
      } catch (error) {
        // Two upserts racing to insert the same new email: the loser may see a duplicate on the email
        // index (servers retry this case themselves only under some conditions). The row now exists,
        // so a second attempt replaces it, which is what a serial run would have done.
        if (!isDuplicateKeyOn(error, ['pending_email_unique']))
          throw translateError(error, { store: 'pending', email: p.email })
        stored = await driverCall(() => replace(doc), { store: 'pending', email: p.email })
      }
      // The same race, reported differently: a server may answer a racing upsert with no document
      // (SecantusDB does, whether or not its write applied; mongod never does). Writing again could
      // undo a concurrent upsert that came after ours, so read instead: the row of this email now holds
      // either our write or that of a writer that overlapped ours — either way our upsert can be
      // ordered before it, and a replaced row keeps its `_id` (CONTRACT §0.7, §0.17).
      stored ??= await settleAfterEmptyAnswer(doc)
      // The row as our write left it: what the server hands back as the post-image may already hold
      // an overlapping upsert of the same email (the stand-in does this under load), and returning
      // that would show our caller another caller's row. Only the `_id` comes from the server.
      return toModel({ ...doc, _id: stored._id })
    },
    async findByTokenHash(tokenHash: string): Promise<PendingRegistration | null> {
      const doc = await driverCall(() => pending.findOne({ token_hash: tokenHash }))
      return doc === null ? null : toModel(doc)
    },
    async findByEmail(email: string): Promise<PendingRegistration | null> {
      const doc = await driverCall(() => pending.findOne({ email }))
      return doc === null ? null : toModel(doc)
    },
    async deleteByEmail(email: string): Promise<void> {
      await driverCall(() => pending.deleteMany({ email }))
    },
    async purgeExpired(now: Date): Promise<number> {
      const cutoff = now
      const { deletedCount } = await driverCall(() => pending.deleteMany({ expires_at: { $lt: cutoff } }))
      return deletedCount
    },
    async countUnexpired(now: Date): Promise<number> {
      return await driverCall(() => pending.countDocuments({ expires_at: { $gt: now } }))
    },
  }
}
