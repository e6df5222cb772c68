/**
 * The few driver members the benchmarks touch. `pg` and `better-sqlite3` ship no types and this package
 * has no `@types/*` for them, so they are loaded with `createRequire` and narrowed to these shapes.
 */
import { createRequire } from 'node:module'

export interface PgQueryResult {
  readonly rows: unknown[]
}

export interface PgPool {
  query(text: string, values?: unknown[]): Promise<PgQueryResult>
  end(): Promise<void>
}

export interface PgModule {
  readonly Pool: new (config: {
    host: string
    port: number
    user: string
    password: string
    database: string
    max: number
  }) => PgPool
  readonly Client: { readonly prototype: { query: (...args: unknown[]) => unknown } }
}

export interface SqliteStatement {
  readonly reader: boolean
  all(...params: unknown[]): unknown[]
  run(...params: unknown[]): unknown
}

export interface SqliteConnection {
  prepare(sql: string): SqliteStatement
  pragma(sql: string): unknown
  transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void
}

const require = createRequire(import.meta.url)

/** node-postgres, typed by the shape above. */
export function loadPg(): PgModule {
  return require('pg') as PgModule
}
