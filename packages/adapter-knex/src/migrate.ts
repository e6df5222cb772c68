/** Explicit, idempotent schema set-up (CONTRACT §4.2) and its teardown. */
import type { Knex } from 'knex'
import { type DialectFamily, detectDialect } from './dialect.js'
import { migrationTableNames, regstackMigratorConfig } from './migrations/migration-source.js'
import { assertSupportedServer, MARIADB_COLLATION } from './server-check.js'
import { type TableKey, type Tables, tablesFor, UNIQUE_INDEXES } from './table-names.js'

/** Options of {@link migrate} and {@link dropTables}. */
export interface SchemaOptions {
  /** Prepended to every table, index and constraint name. ASCII letters, digits, `_`. @default '' */
  readonly tablePrefix?: string
}

type Define = (t: Knex.CreateTableBuilder, s: SchemaKit) => void

interface SchemaKit {
  readonly tables: Tables
  /** An id column. PostgreSQL gets `COLLATE "C"` so `ORDER BY id` is code-unit order, not the locale's. */
  id(t: Knex.CreateTableBuilder, name: string, width: number): Knex.ColumnBuilder
  /** A named primary key on `id` (table-level: knex 3's SQLite compiler mangles the `{ constraintName }` form). */
  primary(t: Knex.CreateTableBuilder, name: string): void
  /** Every named unique index of `key`'s table. */
  uniques(t: Knex.CreateTableBuilder, key: TableKey): void
}

// Instants are BIGINT epoch milliseconds on every engine: exact at ms, the full 1970..9999 range, no
// session time zone (MariaDB DATETIME) or 2038 limit (TIMESTAMP), and comparisons are integer ones.
const DEFINITIONS: ReadonlyArray<readonly [TableKey, Define]> = [
  [
    'users',
    (t, s) => {
      s.id(t, 'id', 36)
      s.primary(t, 'users_pkey')
      t.string('email', 320).notNullable()
      t.text('hashed_password').nullable()
      for (const flag of ['is_active', 'is_verified', 'is_superuser', 'is_mfa_enabled'])
        t.boolean(flag).notNullable()
      t.string('full_name', 200).nullable()
      t.string('phone_number', 20).nullable()
      t.bigInteger('created_at').notNullable()
      t.bigInteger('updated_at').notNullable()
      t.bigInteger('last_login').nullable()
      t.bigInteger('tokens_invalidated_after').nullable()
      s.uniques(t, 'users')
      t.index(['created_at', 'id'], s.tables.index('users_created_at'))
    },
  ],
  [
    'pending',
    (t, s) => {
      s.id(t, 'id', 36)
      s.primary(t, 'pending_registrations_pkey')
      t.string('email', 320).notNullable()
      t.text('hashed_password').notNullable()
      t.string('full_name', 200).nullable()
      t.string('token_hash', 64).notNullable()
      t.bigInteger('created_at').notNullable()
      t.bigInteger('expires_at').notNullable()
      s.uniques(t, 'pending')
      t.index(['expires_at'], s.tables.index('pending_expires_at'))
    },
  ],
  [
    'blacklist',
    (t, s) => {
      t.bigIncrements('id', { primaryKey: true })
      t.string('jti', 64).notNullable()
      t.bigInteger('exp').notNullable()
      s.uniques(t, 'blacklist')
      t.index(['exp'], s.tables.index('token_blacklist_exp'))
    },
  ],
  [
    'attempts',
    (t, s) => {
      t.bigIncrements('id', { primaryKey: true })
      t.string('email', 320).notNullable()
      t.bigInteger('when').notNullable()
      t.string('ip', 64).nullable()
      t.index(['email', 'when'], s.tables.index('email_when'))
      t.index(['when'], s.tables.index('login_attempts_when'))
    },
  ],
  [
    'mfaCodes',
    (t, s) => {
      s.id(t, 'id', 36)
      s.primary(t, 'mfa_codes_pkey')
      t.string('user_id', 36).notNullable()
      t.string('kind', 32).notNullable()
      t.string('code_hash', 64).notNullable()
      t.bigInteger('expires_at').notNullable()
      // Safe integers up to 2^53 - 1 are valid attempt counts (CONTRACT §0.6), beyond a 32-bit INTEGER.
      t.bigInteger('attempts').notNullable()
      t.bigInteger('max_attempts').notNullable()
      t.bigInteger('created_at').notNullable()
      s.uniques(t, 'mfaCodes')
      t.check('?? >= 0', ['attempts'], s.tables.index('mfa_codes_attempts_check'))
      t.index(['expires_at'], s.tables.index('mfa_codes_expires_at'))
    },
  ],
  [
    'oauthIdentities',
    (t, s) => {
      s.id(t, 'id', 36)
      s.primary(t, 'oauth_identities_pkey')
      t.string('user_id', 36).notNullable()
      t.string('provider', 32).notNullable()
      t.string('subject_id', 255).notNullable()
      t.string('email', 320).nullable()
      t.bigInteger('linked_at').notNullable()
      t.bigInteger('last_used_at').nullable()
      s.uniques(t, 'oauthIdentities')
    },
  ],
  [
    'oauthStates',
    (t, s) => {
      s.id(t, 'id', 64)
      s.primary(t, 'oauth_states_pkey')
      t.string('provider', 32).notNullable()
      t.text('code_verifier').notNullable()
      t.string('nonce', 64).notNullable()
      t.text('redirect_to').notNullable()
      t.string('mode', 16).notNullable()
      t.string('linking_user_id', 36).nullable()
      t.bigInteger('created_at').notNullable()
      t.bigInteger('expires_at').notNullable()
      t.text('result_token').nullable()
      t.check("?? in ('signin', 'link')", ['mode'], s.tables.index('oauth_states_mode_check'))
      t.index(['expires_at'], s.tables.index('oauth_states_expires_at'))
    },
  ],
]

function schemaKit(family: DialectFamily, tables: Tables): SchemaKit {
  return {
    tables,
    id: (t, name, width) =>
      family === 'pg'
        ? t.specificType(name, `varchar(${width}) collate "C"`).notNullable()
        : t.string(name, width).notNullable(),
    primary: (t, name) => {
      t.primary(['id'], tables.index(name))
    },
    uniques: (t, key) => {
      for (const [name, index] of Object.entries(UNIQUE_INDEXES)) {
        if (index.table === key) t.unique([...index.columns], { indexName: tables.index(name) })
      }
    },
  }
}

/**
 * Creates regstack's seven tables as revision `2026-05` defines them (CONTRACT §4.2: table, column and
 * unique index names), each only if it does not exist yet, so a database created before migrations
 * were versioned passes through it unchanged. This is migration 1 (`migrations/`): `db` is the
 * migration's transaction on PostgreSQL and SQLite (their DDL is transactional: all or nothing); on
 * MariaDB DDL commits implicitly. Every MariaDB table is InnoDB, `utf8mb4` with the no-pad binary
 * collation (exact strings, §0.5).
 */
export async function createTablesV1(db: Knex, options: SchemaOptions = {}): Promise<void> {
  const family = detectDialect(db)
  const tables = tablesFor(options.tablePrefix)
  const kit = schemaKit(family, tables)
  for (const [key, define] of DEFINITIONS) {
    const name = tables.table(key)
    if (await db.schema.hasTable(name)) continue
    await db.schema.createTable(name, (t) => {
      if (family === 'mysql') {
        t.engine('InnoDB')
        t.charset('utf8mb4')
        t.collate(MARIADB_COLLATION)
      }
      define(t, kit)
    })
  }
}

/**
 * Brings the schema under `tablePrefix` to the newest revision with knex's own migrator (its lock and
 * its table, `<prefix>regstack_migrations`): migration 1 creates the seven tables, migration 2 adds
 * `oauth_states.result_was_new` (revision `2026-07`). A database created by an earlier release (no
 * migrations table yet) is upgraded in place: migration 1 finds every table and changes nothing.
 * Idempotent: running it again applies nothing. To run these migrations from your own
 * `knex.migrate.latest()`, see {@link regstackMigrationSource}.
 * @throws Error on a mysql-family server without `RETURNING` (MySQL, MariaDB < 10.5).
 */
export async function migrate(knex: Knex, options: SchemaOptions = {}): Promise<void> {
  const family = detectDialect(knex)
  await assertSupportedServer(knex, family)
  await knex.migrate.latest(regstackMigratorConfig(knex, options))
}

/** Drops the seven tables and the migration tables under `tablePrefix` (those that exist). Meant for tests and teardown. */
export async function dropTables(knex: Knex, options: SchemaOptions = {}): Promise<void> {
  const tables = tablesFor(options.tablePrefix)
  const names = [
    ...DEFINITIONS.map(([key]) => tables.table(key)),
    ...migrationTableNames(options.tablePrefix),
  ]
  if (detectDialect(knex) === 'sqlite') {
    // SQLite's DROP TABLE takes one table.
    for (const name of names) await knex.schema.dropTableIfExists(name)
    return
  }
  await knex.raw(`drop table if exists ${names.map(() => '??').join(', ')}`, names)
}
