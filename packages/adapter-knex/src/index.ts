export type { KnexReposOptions } from './create-knex-repos.js'
export { createKnexRepos } from './create-knex-repos.js'
export type { DialectFamily } from './dialect.js'
export { detectDialect } from './dialect.js'
export type { SchemaOptions } from './migrate.js'
export { dropTables, migrate } from './migrate.js'
export type { RegstackMigration } from './migrations/migration-source.js'
export {
  MIGRATIONS_TABLE,
  regstackMigrationSource,
  regstackMigrations,
} from './migrations/migration-source.js'
export type { Tables } from './table-names.js'
export { tablesFor } from './table-names.js'
export { duplicateKeyIndex, translateError } from './translate-error.js'
