/** The Mongo `OAuthStateRepo`: regstack's `oauth_states`, keyed by the caller's state id as `_id`. */
import type {
  OAuthFlowMode,
  OAuthState,
  RawOAuthStateRepo,
  RawSetResultTokenOptions,
} from '@regstack/protocols'
import type { Collection, Db } from 'mongodb'
import { readBoolean, readDate, readId, readNullableString, readString, withoutNulls } from './mongo-codec.js'
import { driverCall } from './translate-error.js'

/** An `oauth_states` document as regstack writes it. */
export interface OAuthStateDocument {
  _id: string
  provider: string
  code_verifier: string
  nonce: string
  redirect_to: string
  mode: OAuthFlowMode
  linking_user_id?: string | null
  created_at: Date
  expires_at: Date
  result_token?: string | null
  /** Missing on documents written before regstack 0.8.3 (revision `2026-07`); read as `false`. */
  result_was_new?: boolean
}

function toDocument(state: OAuthState): OAuthStateDocument {
  return withoutNulls({
    _id: state.id,
    provider: state.provider,
    code_verifier: state.codeVerifier,
    nonce: state.nonce,
    redirect_to: state.redirectTo,
    mode: state.mode,
    linking_user_id: state.linkingUserId,
    created_at: state.createdAt,
    expires_at: state.expiresAt,
    result_token: state.resultToken,
    result_was_new: state.resultWasNew,
  }) as OAuthStateDocument
}

function toModel(doc: OAuthStateDocument): OAuthState {
  return {
    id: readId(doc),
    provider: readString(doc, 'provider'),
    codeVerifier: readString(doc, 'code_verifier'),
    nonce: readString(doc, 'nonce'),
    redirectTo: readString(doc, 'redirect_to'),
    mode: readString(doc, 'mode') as OAuthFlowMode,
    linkingUserId: readNullableString(doc, 'linking_user_id'),
    createdAt: readDate(doc, 'created_at'),
    expiresAt: readDate(doc, 'expires_at'),
    resultToken: readNullableString(doc, 'result_token'),
    resultWasNew: readBoolean(doc, 'result_was_new', false),
  }
}

/** Builds the raw repository (valid, resolved arguments assumed). */
export function mongoOAuthStates(db: Db, name: string): RawOAuthStateRepo {
  const states: Collection<OAuthStateDocument> = db.collection<OAuthStateDocument>(name)

  return {
    async create(state: OAuthState): Promise<void> {
      await driverCall(() => states.insertOne(toDocument(state)), {
        store: 'oauthStates',
        stateId: state.id,
      })
    },
    async find(stateId: string): Promise<OAuthState | null> {
      const doc = await driverCall(() => states.findOne({ _id: stateId }))
      return doc === null ? null : toModel(doc)
    },
    async setResultToken(stateId: string, token: string, opts: RawSetResultTokenOptions): Promise<void> {
      // Token, flag (guardRepos resolves an omitted wasNew to false, as regstack resets it) and expiry
      // in one single-document update; no upsert, so an unknown id stays unknown.
      const tokenAndFlag = { result_token: token, result_was_new: opts.wasNew }
      const fields: Partial<OAuthStateDocument> =
        opts.newExpiresAt === undefined ? tokenAndFlag : { ...tokenAndFlag, expires_at: opts.newExpiresAt }
      await driverCall(() => states.updateOne({ _id: stateId }, { $set: fields }))
    },
    async consume(stateId: string): Promise<OAuthState | null> {
      // findAndModify with remove: the server hands the document to exactly one caller (CONTRACT §0.8).
      const doc = await driverCall(() => states.findOneAndDelete({ _id: stateId }))
      return doc === null ? null : toModel(doc)
    },
    async purgeExpired(now: Date): Promise<number> {
      const cutoff = now
      const { deletedCount } = await driverCall(() => states.deleteMany({ expires_at: { $lt: cutoff } }))
      return deletedCount
    },
  }
}
