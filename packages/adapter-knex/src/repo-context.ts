/** What every raw repository shares: the caller's knex, the dialect record, names and the clock. */
import type { Clock, DuplicateSubject } from '@regstack/protocols'
import type { Knex } from 'knex'
import type { Dialect, Row } from './dialect.js'
import { createExecutor, type Outcome } from './knex-executor.js'
import type { Statement } from './knex-statements.js'
import type { TableKey, Tables } from './table-names.js'
import { isRetryable, translateError } from './translate-error.js'

/** Shared state of the raw repositories of one `createKnexRepos` call. */
export interface RepoContext {
  readonly knex: Knex
  readonly dialect: Dialect
  readonly tables: Tables
  readonly clock: Clock
  /** A query builder on the physical table of `key`. */
  from(key: TableKey): Knex.QueryBuilder
  /** Runs `op`; driver errors leave through `translateError` (typed for `subject`'s duplicates). */
  run<T>(op: () => Promise<T>, subject?: DuplicateSubject): Promise<T>
  /** Runs a compiled `statement` with `args` (in its parameters' order), through `run`. */
  exec(statement: Statement, args: readonly unknown[], subject?: DuplicateSubject): Promise<Outcome>
  /** The first row `statement` returns, if any. */
  first(statement: Statement, args: readonly unknown[]): Promise<Row | undefined>
}

// InnoDB may pick an upsert as a deadlock victim when several race on one key; the statement then
// had no effect and the server asks for a retry. A handful is plenty: each retry follows a winner.
const MAX_RETRIES = 5

/** Builds the {@link RepoContext}. */
export function createRepoContext(knex: Knex, dialect: Dialect, tables: Tables, clock: Clock): RepoContext {
  const execute = createExecutor(knex, dialect.family)
  const ctx: RepoContext = {
    knex,
    dialect,
    tables,
    clock,
    from: (key) => knex(tables.table(key)),
    async run<T>(op: () => Promise<T>, subject?: DuplicateSubject): Promise<T> {
      for (let attempt = 0; ; attempt++) {
        try {
          return await op()
        } catch (error) {
          if (attempt < MAX_RETRIES && isRetryable(dialect.family, error)) continue
          throw translateError(dialect.family, error, tables, subject)
        }
      }
    },
    exec: (statement, args, subject) => ctx.run(() => execute(statement, args), subject),
    async first(statement, args) {
      return (await ctx.run(() => execute(statement, args, true))).rows[0]
    },
  }
  return ctx
}
