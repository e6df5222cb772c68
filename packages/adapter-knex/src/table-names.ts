/** Table and index names of CONTRACT §4.2, behind an optional prefix. */

/** Logical names of the seven tables. */
export type TableKey =
  | 'users'
  | 'pending'
  | 'blacklist'
  | 'attempts'
  | 'mfaCodes'
  | 'oauthIdentities'
  | 'oauthStates'

/** regstack's table names, unprefixed. */
export const TABLE_NAMES: Readonly<Record<TableKey, string>> = {
  users: 'users',
  pending: 'pending_registrations',
  blacklist: 'token_blacklist',
  attempts: 'login_attempts',
  mfaCodes: 'mfa_codes',
  oauthIdentities: 'oauth_identities',
  oauthStates: 'oauth_states',
}

/** The named unique constraints, unprefixed, with the table and columns each covers. */
export const UNIQUE_INDEXES: Readonly<
  Record<string, { readonly table: TableKey; readonly columns: readonly string[] }>
> = {
  email_unique: { table: 'users', columns: ['email'] },
  pending_email_unique: { table: 'pending', columns: ['email'] },
  pending_token_unique: { table: 'pending', columns: ['token_hash'] },
  jti_unique: { table: 'blacklist', columns: ['jti'] },
  user_kind_unique: { table: 'mfaCodes', columns: ['user_id', 'kind'] },
  provider_subject_unique: { table: 'oauthIdentities', columns: ['provider', 'subject_id'] },
  user_provider_unique: { table: 'oauthIdentities', columns: ['user_id', 'provider'] },
}

/** Physical names for one prefix. */
export interface Tables {
  readonly prefix: string
  /** Physical table name. */
  table(key: TableKey): string
  /** Physical name of an index or constraint: prefixed, because PostgreSQL and SQLite scope them per schema. */
  index(name: string): string
}

/**
 * Names under `prefix` (may be empty).
 * @throws TypeError unless `prefix` is ASCII letters, digits and `_` (it becomes part of identifiers).
 */
export function tablesFor(prefix = ''): Tables {
  if (!/^[A-Za-z0-9_]*$/.test(prefix)) {
    throw new TypeError(
      `@regstack/adapter-knex: tablePrefix must match [A-Za-z0-9_]*, got ${JSON.stringify(prefix)}`,
    )
  }
  return {
    prefix,
    table: (key) => `${prefix}${TABLE_NAMES[key]}`,
    index: (name) => `${prefix}${name}`,
  }
}
