/** The Mongo `UserRepo`: regstack's `users` collection, `_id` an ObjectId, snake_case fields. */
import type {
  Clock,
  NewUser,
  RawUserRepo,
  ResolvedListPagedOptions,
  ResolvedUserCountFilter,
  User,
} from '@regstack/protocols'
import { type Collection, type Db, type Filter, ObjectId } from 'mongodb'
import {
  readBoolean,
  readDate,
  readId,
  readNullableDate,
  readNullableString,
  readString,
  withoutNulls,
} from './mongo-codec.js'
import { driverCall } from './translate-error.js'

/** A `users` document as regstack writes it (nullable fields may be absent). */
export interface UserDocument {
  _id: ObjectId
  email: string
  hashed_password?: string | null
  is_active: boolean
  is_verified: boolean
  is_superuser: boolean
  full_name?: string | null
  phone_number?: string | null
  is_mfa_enabled: boolean
  created_at: Date
  updated_at: Date
  last_login?: Date | null
  tokens_invalidated_after?: Date | null
}

function toDocument(user: NewUser): Omit<UserDocument, '_id'> {
  const doc = withoutNulls({
    email: user.email,
    hashed_password: user.hashedPassword,
    is_active: user.isActive,
    is_verified: user.isVerified,
    is_superuser: user.isSuperuser,
    full_name: user.fullName,
    phone_number: user.phoneNumber,
    is_mfa_enabled: user.isMfaEnabled,
    created_at: user.createdAt,
    updated_at: user.updatedAt,
    last_login: user.lastLogin,
    tokens_invalidated_after: user.tokensInvalidatedAfter,
  })
  return doc as Omit<UserDocument, '_id'>
}

/** Absent booleans read as regstack's model defaults (active, nothing else). */
function toModel(doc: UserDocument): User {
  return {
    id: readId(doc),
    email: readString(doc, 'email'),
    hashedPassword: readNullableString(doc, 'hashed_password'),
    isActive: readBoolean(doc, 'is_active', true),
    isVerified: readBoolean(doc, 'is_verified', false),
    isSuperuser: readBoolean(doc, 'is_superuser', false),
    fullName: readNullableString(doc, 'full_name'),
    phoneNumber: readNullableString(doc, 'phone_number'),
    isMfaEnabled: readBoolean(doc, 'is_mfa_enabled', false),
    createdAt: readDate(doc, 'created_at'),
    updatedAt: readDate(doc, 'updated_at'),
    lastLogin: readNullableDate(doc, 'last_login'),
    tokensInvalidatedAfter: readNullableDate(doc, 'tokens_invalidated_after'),
  }
}

/**
 * Builds the raw repository. The guard has already checked every id against the strict lower-case
 * 24-hex rule, so `ObjectId.createFromHexString` never throws here and an upper-case spelling of a
 * stored id never reaches the driver (CONTRACT §0.4, unlike regstack's case-insensitive parse).
 */
export function mongoUsers(db: Db, name: string, clock: Clock): RawUserRepo {
  const users: Collection<UserDocument> = db.collection<UserDocument>(name)
  const byId = (userId: string): Filter<UserDocument> => ({ _id: ObjectId.createFromHexString(userId) })
  const set = async (userId: string, fields: Partial<Omit<UserDocument, '_id'>>): Promise<void> => {
    await driverCall(() => users.updateOne(byId(userId), { $set: { ...fields, updated_at: clock.now() } }))
  }

  return {
    async create(user: NewUser): Promise<User> {
      const doc = toDocument(user)
      const { insertedId } = await driverCall(() => users.insertOne({ ...doc, _id: new ObjectId() }), {
        store: 'users',
        email: user.email,
      })
      return toModel({ ...doc, _id: insertedId })
    },
    async getByEmail(email: string): Promise<User | null> {
      const doc = await driverCall(() => users.findOne({ email }))
      return doc === null ? null : toModel(doc)
    },
    async getById(userId: string): Promise<User | null> {
      const doc = await driverCall(() => users.findOne(byId(userId)))
      return doc === null ? null : toModel(doc)
    },
    async setLastLogin(userId: string, when: Date): Promise<void> {
      await set(userId, { last_login: when })
    },
    async setTokensInvalidatedAfter(userId: string, when: Date): Promise<void> {
      await set(userId, { tokens_invalidated_after: when })
    },
    async updatePassword(userId: string, hashedPassword: string): Promise<void> {
      // One clock reading for both fields, in one single-document write (CONTRACT §3.1).
      const now = clock.now()
      await driverCall(() =>
        users.updateOne(byId(userId), {
          $set: { hashed_password: hashedPassword, tokens_invalidated_after: now, updated_at: now },
        }),
      )
    },
    async setActive(userId: string, opts: { readonly isActive: boolean }): Promise<void> {
      await set(userId, { is_active: opts.isActive })
    },
    async setSuperuser(userId: string, opts: { readonly isSuperuser: boolean }): Promise<void> {
      await set(userId, { is_superuser: opts.isSuperuser })
    },
    async setFullName(userId: string, fullName: string | null): Promise<void> {
      await set(userId, { full_name: fullName })
    },
    async setPhone(userId: string, phoneNumber: string | null): Promise<void> {
      await set(userId, { phone_number: phoneNumber })
    },
    async setMfaEnabled(userId: string, opts: { readonly isMfaEnabled: boolean }): Promise<void> {
      await set(userId, { is_mfa_enabled: opts.isMfaEnabled })
    },
    async updateEmail(userId: string, newEmail: string): Promise<void> {
      const now = clock.now()
      // No read first: the unique index decides at write time, and a rejected update changes nothing.
      // An unknown id matches no document, so it never reaches the index (CONTRACT §0.15).
      await driverCall(
        () =>
          users.updateOne(byId(userId), {
            $set: { email: newEmail, tokens_invalidated_after: now, updated_at: now },
          }),
        { store: 'users', email: newEmail },
      )
    },
    async delete(userId: string): Promise<boolean> {
      const { deletedCount } = await driverCall(() => users.deleteOne(byId(userId)))
      return deletedCount === 1
    },
    async count(filter: ResolvedUserCountFilter): Promise<number> {
      const query: Filter<UserDocument> = {}
      if (filter.isActive !== undefined) query.is_active = filter.isActive
      if (filter.isVerified !== undefined) query.is_verified = filter.isVerified
      if (filter.isSuperuser !== undefined) query.is_superuser = filter.isSuperuser
      return await driverCall(() => users.countDocuments(query))
    },
    async listPaged(opts: ResolvedListPagedOptions): Promise<User[]> {
      const direction = opts.sortByCreatedAtDesc ? -1 : 1
      // `_id` breaks ties: ObjectId byte order equals JavaScript order of the lower-case hex ids.
      const docs = await driverCall(() =>
        users
          .find({})
          .sort({ created_at: direction, _id: direction })
          .skip(opts.skip)
          .limit(opts.limit)
          .toArray(),
      )
      return docs.map(toModel)
    },
  }
}
