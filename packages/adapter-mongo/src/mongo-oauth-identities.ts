/** The Mongo `OAuthIdentityRepo`: regstack's `oauth_identities`, unique on two key pairs. */
import type { NewOAuthIdentity, OAuthIdentity, RawOAuthIdentityRepo } from '@regstack/protocols'
import { type Collection, type Db, ObjectId } from 'mongodb'
import {
  readDate,
  readId,
  readNullableDate,
  readNullableString,
  readString,
  withoutNulls,
} from './mongo-codec.js'
import { driverCall } from './translate-error.js'

/** An `oauth_identities` document as regstack writes it. */
export interface OAuthIdentityDocument {
  _id: ObjectId
  user_id: string
  provider: string
  subject_id: string
  email?: string | null
  linked_at: Date
  last_used_at?: Date | null
}

function toDocument(identity: NewOAuthIdentity): Omit<OAuthIdentityDocument, '_id'> {
  return withoutNulls({
    user_id: identity.userId,
    provider: identity.provider,
    subject_id: identity.subjectId,
    email: identity.email,
    linked_at: identity.linkedAt,
    last_used_at: identity.lastUsedAt,
  }) as Omit<OAuthIdentityDocument, '_id'>
}

function toModel(doc: OAuthIdentityDocument): OAuthIdentity {
  return {
    id: readId(doc),
    userId: readString(doc, 'user_id'),
    provider: readString(doc, 'provider'),
    subjectId: readString(doc, 'subject_id'),
    email: readNullableString(doc, 'email'),
    linkedAt: readDate(doc, 'linked_at'),
    lastUsedAt: readNullableDate(doc, 'last_used_at'),
  }
}

/** Builds the raw repository (valid, resolved arguments assumed). */
export function mongoOAuthIdentities(db: Db, name: string): RawOAuthIdentityRepo {
  const identities: Collection<OAuthIdentityDocument> = db.collection<OAuthIdentityDocument>(name)

  return {
    async create(identity: NewOAuthIdentity): Promise<OAuthIdentity> {
      const doc = { ...toDocument(identity), _id: new ObjectId() }
      // Either unique index (provider_subject_unique, user_provider_unique) rejects the insert whole.
      await driverCall(() => identities.insertOne(doc), {
        store: 'oauthIdentities',
        provider: identity.provider,
        subjectId: identity.subjectId,
      })
      return toModel(doc)
    },
    async findBySubject(opts: {
      readonly provider: string
      readonly subjectId: string
    }): Promise<OAuthIdentity | null> {
      const doc = await driverCall(() =>
        identities.findOne({ provider: opts.provider, subject_id: opts.subjectId }),
      )
      return doc === null ? null : toModel(doc)
    },
    async listForUser(userId: string): Promise<OAuthIdentity[]> {
      // `_id` breaks `linked_at` ties; ObjectId order is the order of the lower-case hex ids.
      const docs = await driverCall(() =>
        identities.find({ user_id: userId }).sort({ linked_at: 1, _id: 1 }).toArray(),
      )
      return docs.map(toModel)
    },
    async delete(opts: { readonly userId: string; readonly provider: string }): Promise<boolean> {
      const { deletedCount } = await driverCall(() =>
        identities.deleteOne({ user_id: opts.userId, provider: opts.provider }),
      )
      return deletedCount === 1
    },
    async deleteByUserId(userId: string): Promise<number> {
      const { deletedCount } = await driverCall(() => identities.deleteMany({ user_id: userId }))
      return deletedCount
    },
    async touchLastUsed(opts: {
      readonly provider: string
      readonly subjectId: string
      readonly when: Date
    }): Promise<void> {
      await driverCall(() =>
        identities.updateOne(
          { provider: opts.provider, subject_id: opts.subjectId },
          { $set: { last_used_at: opts.when } },
        ),
      )
    },
  }
}
