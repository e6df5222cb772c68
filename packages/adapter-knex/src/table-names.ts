/** Table and index names of CONTRACT §4.2, behind an optional prefix. */
import { STORAGE_LAYOUT, STORE_KEYS, type StoreKey } from '@regstack/protocols'

/** Logical names of the seven tables: the stores of regstack's layout. */
export type TableKey = StoreKey

/** regstack's table names, unprefixed (from the shared layout). */
export const TABLE_NAMES: Readonly<Record<TableKey, string>> = Object.fromEntries(
  STORE_KEYS.map((key) => [key, STORAGE_LAYOUT[key].name]),
) as Record<TableKey, string>

/** The named unique constraints, unprefixed, with the table and columns each covers (from the layout). */
export const UNIQUE_INDEXES: Readonly<
  Record<string, { readonly table: TableKey; readonly columns: readonly string[] }>
> = Object.fromEntries(
  STORE_KEYS.flatMap((table) =>
    STORAGE_LAYOUT[table].uniqueIndexes.map((index) => [index.name, { table, columns: index.columns }]),
  ),
)

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
