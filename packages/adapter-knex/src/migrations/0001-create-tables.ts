/** Migration 1: regstack's seven tables as contract revision `2026-05` defines them. */
import type { SchemaOptions } from '../migrate.js'
import { createTablesV1 } from '../migrate.js'
import type { RegstackMigration } from './migration-source.js'

/**
 * Creates each table that does not exist yet, so a database made by a release from before migrations
 * were versioned (same tables, no migrations table) is adopted as it is.
 */
export function createTablesMigration(options: SchemaOptions): RegstackMigration {
  return {
    name: '0001_create_tables',
    migration: { up: async (db) => await createTablesV1(db, options) },
  }
}
