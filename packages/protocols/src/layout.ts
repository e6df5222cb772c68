/**
 * regstack's stored layout (CONTRACT §2.9, §4.1, §4.2) as data, stated once: the name of each table
 * or collection, its fields in column order with their stored names, kinds and widths, and its named
 * unique indexes. SQL migrations, Mongo indexes, duplicate-key translation and third-party adapters
 * derive from it, so a database regstack wrote opens as it is on every engine.
 *
 * What stays with each engine: how a kind is spelled (BIGINT epoch ms, BSON date, a Redis string),
 * secondary and TTL indexes (their shape differs by engine), and checks.
 */
import { FIELD_LIMITS } from './limits.js'
import { type ContractRevision, revisionIncludes } from './revisions.js'

/** The seven stores, keyed like `Repos`. */
export type StoreKey =
  | 'users'
  | 'pending'
  | 'blacklist'
  | 'attempts'
  | 'mfaCodes'
  | 'oauthIdentities'
  | 'oauthStates'

/**
 * How a field is stored: `id` an adapter-generated or caller-given key string, `serial` an
 * engine-generated row number no model exposes, `string` a bounded string (`width` code units),
 * `text` an unbounded one (limited only by validation), `bool`, `instant` a millisecond instant,
 * `int` a safe integer.
 */
export type StoredKind = 'id' | 'serial' | 'string' | 'text' | 'bool' | 'instant' | 'int'

/** One stored field. */
export interface StoredField {
  /** The model's property, e.g. `hashedPassword` (for `serial`, the column name again). */
  readonly field: string
  /** regstack's stored name (SQL column, Mongo document field), e.g. `hashed_password`. */
  readonly column: string
  readonly kind: StoredKind
  readonly nullable: boolean
  /** Maximum length in UTF-16 code units, for `id` and `string` fields. */
  readonly width?: number
  /**
   * The contract revision that added the field; absent for fields of the first revision. A schema
   * migration that created a revision's tables keeps creating exactly those (see {@link fieldsOf}).
   */
  readonly since?: ContractRevision
}

/** A named unique index over stored names, in key order. */
export interface StoredUniqueIndex {
  readonly name: string
  readonly columns: readonly string[]
}

/** One table or collection. */
export interface StoredTable {
  /** regstack's table / collection name. */
  readonly name: string
  /** Fields in column order; the first is the primary key. */
  readonly fields: readonly StoredField[]
  readonly uniqueIndexes: readonly StoredUniqueIndex[]
}

const field = (
  name: string,
  column: string,
  kind: StoredKind,
  options: { readonly nullable?: boolean; readonly width?: number; readonly since?: ContractRevision } = {},
): StoredField => ({
  field: name,
  column,
  kind,
  nullable: options.nullable ?? false,
  ...(options.width === undefined ? {} : { width: options.width }),
  ...(options.since === undefined ? {} : { since: options.since }),
})
const nullable = { nullable: true } as const
const width = (w: number, isNullable = false): { nullable: boolean; width: number } => ({
  nullable: isNullable,
  width: w,
})

// Enumerations are not length-checked by validation (they are checked by value); these widths hold
// every value with room to spare and are regstack's own column widths.
const MFA_KIND_WIDTH = 32
const FLOW_MODE_WIDTH = 16

/** regstack's layout, in the order the stores are created. */
export const STORAGE_LAYOUT: Readonly<Record<StoreKey, StoredTable>> = {
  users: {
    name: 'users',
    fields: [
      field('id', 'id', 'id', width(FIELD_LIMITS.id)),
      field('email', 'email', 'string', width(FIELD_LIMITS.email)),
      field('hashedPassword', 'hashed_password', 'text', nullable),
      field('isActive', 'is_active', 'bool'),
      field('isVerified', 'is_verified', 'bool'),
      field('isSuperuser', 'is_superuser', 'bool'),
      field('isMfaEnabled', 'is_mfa_enabled', 'bool'),
      field('fullName', 'full_name', 'string', width(FIELD_LIMITS.fullName, true)),
      field('phoneNumber', 'phone_number', 'string', width(FIELD_LIMITS.phoneNumber, true)),
      field('createdAt', 'created_at', 'instant'),
      field('updatedAt', 'updated_at', 'instant'),
      field('lastLogin', 'last_login', 'instant', nullable),
      field('tokensInvalidatedAfter', 'tokens_invalidated_after', 'instant', nullable),
    ],
    uniqueIndexes: [{ name: 'email_unique', columns: ['email'] }],
  },
  pending: {
    name: 'pending_registrations',
    fields: [
      field('id', 'id', 'id', width(FIELD_LIMITS.id)),
      field('email', 'email', 'string', width(FIELD_LIMITS.email)),
      field('hashedPassword', 'hashed_password', 'text'),
      field('fullName', 'full_name', 'string', width(FIELD_LIMITS.fullName, true)),
      field('tokenHash', 'token_hash', 'string', width(FIELD_LIMITS.tokenHash)),
      field('createdAt', 'created_at', 'instant'),
      field('expiresAt', 'expires_at', 'instant'),
    ],
    uniqueIndexes: [
      { name: 'pending_email_unique', columns: ['email'] },
      { name: 'pending_token_unique', columns: ['token_hash'] },
    ],
  },
  blacklist: {
    name: 'token_blacklist',
    fields: [
      field('id', 'id', 'serial'),
      field('jti', 'jti', 'string', width(FIELD_LIMITS.jti)),
      field('exp', 'exp', 'instant'),
    ],
    uniqueIndexes: [{ name: 'jti_unique', columns: ['jti'] }],
  },
  attempts: {
    name: 'login_attempts',
    fields: [
      field('id', 'id', 'serial'),
      field('email', 'email', 'string', width(FIELD_LIMITS.email)),
      field('when', 'when', 'instant'),
      field('ip', 'ip', 'string', width(FIELD_LIMITS.ip, true)),
    ],
    uniqueIndexes: [],
  },
  mfaCodes: {
    name: 'mfa_codes',
    fields: [
      field('id', 'id', 'id', width(FIELD_LIMITS.id)),
      field('userId', 'user_id', 'string', width(FIELD_LIMITS.userId)),
      field('kind', 'kind', 'string', width(MFA_KIND_WIDTH)),
      field('codeHash', 'code_hash', 'string', width(FIELD_LIMITS.codeHash)),
      field('expiresAt', 'expires_at', 'instant'),
      field('attempts', 'attempts', 'int'),
      field('maxAttempts', 'max_attempts', 'int'),
      field('createdAt', 'created_at', 'instant'),
    ],
    uniqueIndexes: [{ name: 'user_kind_unique', columns: ['user_id', 'kind'] }],
  },
  oauthIdentities: {
    name: 'oauth_identities',
    fields: [
      field('id', 'id', 'id', width(FIELD_LIMITS.id)),
      field('userId', 'user_id', 'string', width(FIELD_LIMITS.userId)),
      field('provider', 'provider', 'string', width(FIELD_LIMITS.provider)),
      field('subjectId', 'subject_id', 'string', width(FIELD_LIMITS.subjectId)),
      field('email', 'email', 'string', width(FIELD_LIMITS.email, true)),
      field('linkedAt', 'linked_at', 'instant'),
      field('lastUsedAt', 'last_used_at', 'instant', nullable),
    ],
    uniqueIndexes: [
      { name: 'provider_subject_unique', columns: ['provider', 'subject_id'] },
      { name: 'user_provider_unique', columns: ['user_id', 'provider'] },
    ],
  },
  oauthStates: {
    name: 'oauth_states',
    fields: [
      field('id', 'id', 'id', width(FIELD_LIMITS.stateId)),
      field('provider', 'provider', 'string', width(FIELD_LIMITS.provider)),
      field('codeVerifier', 'code_verifier', 'text'),
      field('nonce', 'nonce', 'string', width(FIELD_LIMITS.nonce)),
      field('redirectTo', 'redirect_to', 'text'),
      field('mode', 'mode', 'string', width(FLOW_MODE_WIDTH)),
      field('linkingUserId', 'linking_user_id', 'string', width(FIELD_LIMITS.userId, true)),
      field('createdAt', 'created_at', 'instant'),
      field('expiresAt', 'expires_at', 'instant'),
      field('resultToken', 'result_token', 'text', nullable),
      field('resultWasNew', 'result_was_new', 'bool', { since: '2026-07' }),
    ],
    uniqueIndexes: [],
  },
}

/** The store keys in creation order. */
export const STORE_KEYS: readonly StoreKey[] = Object.keys(STORAGE_LAYOUT) as StoreKey[]

/** The fields of `table` as revision `revision` stores them (fields added later left out). */
export function fieldsOf(table: StoredTable, revision: ContractRevision): readonly StoredField[] {
  return table.fields.filter((f) => f.since === undefined || revisionIncludes(revision, f.since))
}
