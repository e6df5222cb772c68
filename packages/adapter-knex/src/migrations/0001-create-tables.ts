/** Migration 1: regstack's seven tables as contract revision `2026-05` defines them. */
import type { SchemaOptions } from '../migrate.js'
import { createTablesV1 } from '../migrate.js'
import { TABLE_NAMES, type TableKey, tablesFor } from '../table-names.js'
import type { RegstackMigration } from './migration-source.js'

/**
 * Creates each table that does not exist yet, so a database made by a release from before migrations
 * were versioned (same tables, no migrations table) is adopted as it is.
 */
export function createTablesMigration(options: SchemaOptions): RegstackMigration {
  return {
    name: '0001_create_tables',
    migration: {
      up: async (db) => await createTablesV1(db, options),
      // Rolling back the first migration removes the data: knex requires a down, this is the honest one.
      down: async (db) => {
        const tables = tablesFor(options.tablePrefix)
        for (const key of Object.keys(TABLE_NAMES) as TableKey[]) {
          await db.schema.dropTableIfExists(tables.table(key))
        }
      },
    },
  }
}
