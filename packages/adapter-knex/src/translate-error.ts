/**
 * The driver boundary: duplicate-key errors of each family become the contract's typed errors by
 * INDEX NAME, lost connections become `StorageUnavailableError`, anything else is wrapped in
 * `StorageFailureError`; the driver error is always the `cause`.
 */
import {
  type DuplicateSubject,
  duplicateError,
  StorageUnavailableError,
  wrapStorageFailure,
} from '@regstack/protocols'
import type { DialectFamily } from './dialect.js'
import { TABLE_NAMES, type TableKey, type Tables, UNIQUE_INDEXES } from './table-names.js'

type Fields = Readonly<Record<string, unknown>>

function fields(error: unknown): Fields {
  return typeof error === 'object' && error !== null ? (error as Fields) : {}
}

/** Logical name (`email_unique`, `users_pkey`, …) of the unique index a table+columns list names. */
function indexByColumns(tables: Tables, table: string, columns: readonly string[]): string | undefined {
  for (const [name, index] of Object.entries(UNIQUE_INDEXES)) {
    if (tables.table(index.table) === table && index.columns.join(',') === columns.join(',')) return name
  }
  for (const key of Object.keys(TABLE_NAMES) as TableKey[]) {
    if (tables.table(key) === table && columns.join(',') === 'id') return `${TABLE_NAMES[key]}_pkey`
  }
  return undefined
}

function stripPrefix(tables: Tables, physical: string): string | undefined {
  return physical.startsWith(tables.prefix) ? physical.slice(tables.prefix.length) : undefined
}

/**
 * The logical name of the unique index a duplicate-key error names, `undefined` if `error` is no
 * duplicate-key error of `family` (or names an index of another prefix). `primaryOf` is the table a
 * MySQL-family `PRIMARY` key belongs to: MariaDB names only the key, never the table.
 */
export function duplicateKeyIndex(
  family: DialectFamily,
  error: unknown,
  tables: Tables,
  primaryOf?: TableKey,
): string | undefined {
  const e = fields(error)
  const message = typeof e.message === 'string' ? e.message : ''
  if (family === 'pg') {
    // node-postgres copies the server's `constraint` field onto the error.
    if (e.code !== '23505' || typeof e.constraint !== 'string') return undefined
    return stripPrefix(tables, e.constraint)
  }
  if (family === 'mysql') {
    if (e.errno !== 1062 && e.code !== 'ER_DUP_ENTRY') return undefined
    // MariaDB: "Duplicate entry 'x' for key 'rs_email_unique'"; MySQL ≥ 8.0.19 qualifies it as 'table.key'.
    const key = /for key '([^']+)'\s*$/.exec(message)?.[1]?.split('.').pop()
    if (key === undefined) return undefined
    if (key === 'PRIMARY') return primaryOf === undefined ? undefined : `${TABLE_NAMES[primaryOf]}_pkey`
    return stripPrefix(tables, key)
  }
  if (e.code !== 'SQLITE_CONSTRAINT_UNIQUE' && e.code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') return undefined
  // SQLite names columns, not indexes: "UNIQUE constraint failed: rs_mfa_codes.user_id, rs_mfa_codes.kind".
  const list = /constraint failed: (.+)$/.exec(message)?.[1]
  if (list === undefined) return undefined
  const parts = list.split(',').map((p) => p.trim().split('.'))
  const table = parts[0]?.[0]
  if (table === undefined || parts.some((p) => p.length !== 2 || p[0] !== table)) return undefined
  return indexByColumns(
    tables,
    table,
    parts.map((p) => p[1] ?? ''),
  )
}

// Lost or refused connections, by `code`: Node socket errors, mysql2's client-side codes, the server's
// own "you were killed / it is going down" errors, and SQLite's busy timeout. Each means the statement
// may or may not have run, and the caller cannot tell: the contract's UNAVAILABLE.
const UNAVAILABLE_CODES: ReadonlySet<unknown> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'PROTOCOL_CONNECTION_LOST',
  'ER_CONNECTION_KILLED',
  'ER_SERVER_SHUTDOWN',
  'CR_SERVER_GONE_ERROR',
  'CR_SERVER_LOST',
  '57P01', // pg admin_shutdown (pg_terminate_backend)
  '57P02', // pg crash_shutdown
  '57P03', // pg cannot_connect_now
  'SQLITE_BUSY',
])

// MySQL-family errnos: ER_SERVER_SHUTDOWN, ER_CONNECTION_KILLED, CR_SERVER_GONE_ERROR, CR_SERVER_LOST.
const UNAVAILABLE_ERRNOS: ReadonlySet<unknown> = new Set([1053, 1927, 2006, 2013])

// Errors the drivers raise without a code once the socket is gone: node-postgres when the server
// closes mid-query or a dead client is reused, mysql2 when a command is queued on a closed connection.
// Not anchored: knex prefixes the failed SQL to the driver's message.
const UNAVAILABLE_MESSAGES: Readonly<Record<DialectFamily, readonly RegExp[]>> = {
  pg: [/Connection terminated/, /not queryable/],
  mysql: [/closed state/],
  sqlite: [],
}

/**
 * True when `error` says the engine is unreachable or the connection died under the statement: a
 * refused or reset socket, a server-side kill or shutdown, a pool acquire timeout (`KnexTimeoutError`),
 * or a PostgreSQL connection exception (SQLSTATE class 08).
 */
export function isConnectionLost(family: DialectFamily, error: unknown): boolean {
  const e = fields(error)
  if (UNAVAILABLE_CODES.has(e.code) || e.name === 'KnexTimeoutError') return true
  if (family === 'mysql' && UNAVAILABLE_ERRNOS.has(e.errno)) return true
  if (family === 'pg' && typeof e.code === 'string' && /^08[0-9A-Z]{3}$/.test(e.code)) return true
  const message = typeof e.message === 'string' ? e.message : ''
  return UNAVAILABLE_MESSAGES[family].some((pattern) => pattern.test(message))
}

/** Which logical indexes each subject's typed error covers. */
const TYPED_INDEXES: Readonly<Record<DuplicateSubject['store'], readonly string[]>> = {
  users: ['email_unique', 'users_pkey'],
  pending: ['pending_token_unique', 'pending_email_unique', 'pending_registrations_pkey'],
  oauthIdentities: ['provider_subject_unique', 'user_provider_unique', 'oauth_identities_pkey'],
  oauthStates: ['oauth_states_pkey'],
}

const ENGINE_NAMES: Readonly<Record<DialectFamily, string>> = {
  pg: 'PostgreSQL',
  mysql: 'MariaDB',
  sqlite: 'SQLite',
}

/**
 * The error to throw for a driver error `error` raised while writing `subject` (if any). A duplicate
 * on one of the subject's own unique indexes becomes its typed error; a lost connection or pool
 * timeout becomes `StorageUnavailableError`; everything else is wrapped by `wrapStorageFailure`.
 */
export function translateError(
  family: DialectFamily,
  error: unknown,
  tables: Tables,
  subject?: DuplicateSubject,
): unknown {
  if (subject !== undefined) {
    const index = duplicateKeyIndex(family, error, tables, subject.store)
    if (index !== undefined && TYPED_INDEXES[subject.store].includes(index))
      return duplicateError(subject, error)
  }
  if (isConnectionLost(family, error)) {
    const e = fields(error)
    const message = typeof e.message === 'string' ? e.message : String(error)
    return new StorageUnavailableError(`@regstack/adapter-knex: database unavailable: ${message}`, {
      cause: error,
    })
  }
  return wrapStorageFailure(error, ENGINE_NAMES[family])
}

/** True for a deadlock/serialisation failure the server asks the client to retry. */
export function isRetryable(family: DialectFamily, error: unknown): boolean {
  const e = fields(error)
  if (family === 'mysql') return e.errno === 1213 || e.errno === 1205
  if (family === 'pg') return e.code === '40P01' || e.code === '40001'
  return false
}
