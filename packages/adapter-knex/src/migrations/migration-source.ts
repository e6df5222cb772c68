/**
 * adapter-knex's schema as knex migrations (knex's `MigrationSource`), so a database upgrades in place
 * from one contract revision to the next under knex's own migration lock and table.
 */
import type { Knex } from 'knex'
import { detectDialect } from '../dialect.js'
import type { SchemaOptions } from '../migrate.js'
import { tablesFor } from '../table-names.js'
import { createTablesMigration } from './0001-create-tables.js'
import { resultWasNewMigration } from './0002-oauth-states-result-was-new.js'

/** One migration of this adapter, bound to a table prefix. */
export interface RegstackMigration {
  /** Stable name recorded in the migrations table; never renamed once released. */
  readonly name: string
  readonly migration: Knex.Migration
}

/** Unprefixed name of the table knex records applied migrations in (its lock table adds `_lock`). */
export const MIGRATIONS_TABLE = 'regstack_migrations'

/** Every migration, oldest first, for the tables under `tablePrefix`. */
export function regstackMigrations(options: SchemaOptions = {}): readonly RegstackMigration[] {
  // Validates the prefix once, before any migration touches the database.
  tablesFor(options.tablePrefix)
  return [createTablesMigration(options), resultWasNewMigration(options)]
}

/**
 * A knex `MigrationSource` of this adapter's migrations, for apps that run their own
 * `knex.migrate.latest()`:
 *
 * ```ts
 * await knex.migrate.latest({ migrationSource: regstackMigrationSource(), tableName: 'regstack_migrations' })
 * ```
 *
 * Keep a migrations table of its own for it (knex refuses a table that records migrations its source
 * does not list), or list these migrations in your own source. On MariaDB pass
 * `disableTransactions: true`: its DDL commits implicitly anyway.
 */
export function regstackMigrationSource(
  options: SchemaOptions = {},
): Knex.MigrationSource<RegstackMigration> {
  const migrations = regstackMigrations(options)
  return {
    getMigrations: async () => [...migrations],
    getMigrationName: (m) => m.name,
    getMigration: async (m) => m.migration,
  }
}

/** The two tables knex's migrator keeps under `tablePrefix`: applied migrations and the lock. */
export function migrationTableNames(tablePrefix = ''): readonly string[] {
  const table = `${tablesFor(tablePrefix).prefix}${MIGRATIONS_TABLE}`
  return [table, `${table}_lock`]
}

/** What `migrate` hands `knex.migrate.latest`. */
export function regstackMigratorConfig(knex: Knex, options: SchemaOptions = {}): Knex.MigratorConfig {
  const [tableName] = migrationTableNames(options.tablePrefix)
  return {
    migrationSource: regstackMigrationSource(options),
    tableName: tableName as string,
    // MariaDB commits DDL implicitly, so a transaction around it would only pretend to be atomic.
    disableTransactions: detectDialect(knex) === 'mysql',
  }
}
