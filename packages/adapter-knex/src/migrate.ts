/** Explicit, idempotent schema set-up (CONTRACT §4.2) and its teardown. */
import {
  type ContractRevision,
  fieldsOf,
  STORAGE_LAYOUT,
  STORE_KEYS,
  type StoredField,
  type StoredTable,
} from '@regstack/protocols'
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

/** The width of a bounded field; the layout gives one to every `id` and `string` field. */
function widthOf(field: StoredField): number {
  if (field.width === undefined) throw new TypeError(`layout: ${field.column} has no width`)
  return field.width
}

/**
 * One column of the shared layout. Instants are BIGINT epoch milliseconds on every engine: exact at
 * ms, the full 1970..9999 range, no session time zone (MariaDB DATETIME) or 2038 limit (TIMESTAMP),
 * and comparisons are integer ones. Integers are BIGINT too: safe integers up to 2^53 - 1 are valid
 * (e.g. MFA attempt counts, CONTRACT §0.6), beyond a 32-bit INTEGER.
 */
function column(t: Knex.CreateTableBuilder, s: SchemaKit, table: StoredTable, field: StoredField): void {
  if (field.kind === 'id') {
    s.id(t, field.column, widthOf(field))
    s.primary(t, `${table.name}_pkey`)
    return
  }
  if (field.kind === 'serial') {
    t.bigIncrements(field.column, { primaryKey: true })
    return
  }
  const built =
    field.kind === 'string'
      ? t.string(field.column, widthOf(field))
      : field.kind === 'text'
        ? t.text(field.column)
        : field.kind === 'bool'
          ? t.boolean(field.column)
          : t.bigInteger(field.column)
  if (field.nullable) built.nullable()
  else built.notNullable()
}

/** What SQL adds to the shared layout per table: secondary indexes and checks, after the uniques. */
const SQL_EXTRAS: Readonly<Record<TableKey, Define>> = {
  users: (t, s) => {
    t.index(['created_at', 'id'], s.tables.index('users_created_at'))
  },
  pending: (t, s) => {
    t.index(['expires_at'], s.tables.index('pending_expires_at'))
  },
  blacklist: (t, s) => {
    t.index(['exp'], s.tables.index('token_blacklist_exp'))
  },
  attempts: (t, s) => {
    t.index(['email', 'when'], s.tables.index('email_when'))
    t.index(['when'], s.tables.index('login_attempts_when'))
  },
  mfaCodes: (t, s) => {
    t.check('?? >= 0', ['attempts'], s.tables.index('mfa_codes_attempts_check'))
    t.index(['expires_at'], s.tables.index('mfa_codes_expires_at'))
  },
  oauthIdentities: () => {},
  oauthStates: (t, s) => {
    t.check("?? in ('signin', 'link')", ['mode'], s.tables.index('oauth_states_mode_check'))
    t.index(['expires_at'], s.tables.index('oauth_states_expires_at'))
  },
}

/**
 * One table as `revision` stores it: the layout's columns and unique indexes, then the SQL extras.
 * Migration 1 creates the `2026-05` tables; later fields arrive by their own migrations.
 */
function defineTable(key: TableKey, revision: ContractRevision): Define {
  const table = STORAGE_LAYOUT[key]
  return (t, s) => {
    for (const field of fieldsOf(table, revision)) column(t, s, table, field)
    s.uniques(t, key)
    SQL_EXTRAS[key](t, s)
  }
}

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
  for (const key of STORE_KEYS) {
    const name = tables.table(key)
    if (await db.schema.hasTable(name)) continue
    await db.schema.createTable(name, (t) => {
      if (family === 'mysql') {
        t.engine('InnoDB')
        t.charset('utf8mb4')
        t.collate(MARIADB_COLLATION)
      }
      defineTable(key, '2026-05')(t, kit)
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
  const names = [...STORE_KEYS.map((key) => tables.table(key)), ...migrationTableNames(options.tablePrefix)]
  if (detectDialect(knex) === 'sqlite') {
    // SQLite's DROP TABLE takes one table.
    for (const name of names) await knex.schema.dropTableIfExists(name)
    return
  }
  await knex.raw(`drop table if exists ${names.map(() => '??').join(', ')}`, names)
}
