/** Migration 2 (contract revision `2026-07`): `oauth_states.result_was_new`. */
import type { SchemaOptions } from '../migrate.js'
import { tablesFor } from '../table-names.js'
import type { RegstackMigration } from './migration-source.js'

/**
 * Adds `result_was_new` boolean NOT NULL DEFAULT false, as regstack's migration 0003 does: the server
 * default gives rows written before the upgrade `false` without a backfill (CONTRACT §0.19), and is
 * the schema's first server default. Skipped when the column is already there (added by hand).
 */
export function resultWasNewMigration(options: SchemaOptions): RegstackMigration {
  const table = tablesFor(options.tablePrefix).table('oauthStates')
  return {
    name: '0002_oauth_states_result_was_new',
    migration: {
      up: async (db) => {
        if (await db.schema.hasColumn(table, 'result_was_new')) return
        await db.schema.alterTable(table, (t) => {
          t.boolean('result_was_new').notNullable().defaultTo(false)
        })
      },
      down: async (db) => {
        await db.schema.alterTable(table, (t) => {
          t.dropColumn('result_was_new')
        })
      },
    },
  }
}
