/** `createKnexRepos`: the adapter's factory. */
import { type Clock, guardRepos, type RawRepos, type Repos } from '@regstack/protocols'
import type { Knex } from 'knex'
import { detectDialect, dialectOf } from './dialect.js'
import { knexAttempts } from './knex-attempts.js'
import { knexBlacklist } from './knex-blacklist.js'
import { knexMfaCodes } from './knex-mfa-codes.js'
import { knexOAuthIdentities } from './knex-oauth-identities.js'
import { knexOAuthStates } from './knex-oauth-states.js'
import { knexPending } from './knex-pending.js'
import { knexUsers } from './knex-users.js'
import { createRepoContext } from './repo-context.js'
import { tablesFor } from './table-names.js'

/** Options of {@link createKnexRepos}. */
export interface KnexReposOptions {
  /** Source of every defaulted "now" (CONTRACT §0.2). */
  readonly clock: Clock
  /** Prefix of every table name; must match the one given to `migrate`. @default '' */
  readonly tablePrefix?: string
}

/**
 * The seven regstack repositories over `knex` (PostgreSQL, MariaDB ≥ 10.5 or SQLite ≥ 3.35 via
 * `pg`, `mysql2` or `better-sqlite3`), validated by `guardRepos`. Opens no connection; the tables
 * must exist (`migrate`). The caller owns `knex` and destroys it.
 * @throws TypeError for an unsupported knex client or driver (`sqlite3`, `pg-native`) or a malformed `tablePrefix`.
 */
export function createKnexRepos(knex: Knex, options: KnexReposOptions): Repos {
  const family = detectDialect(knex)
  const ctx = createRepoContext(knex, dialectOf(family), tablesFor(options.tablePrefix), options.clock)
  const raw: RawRepos = {
    users: knexUsers(ctx),
    pending: knexPending(ctx),
    blacklist: knexBlacklist(ctx),
    attempts: knexAttempts(ctx),
    mfaCodes: knexMfaCodes(ctx),
    oauthIdentities: knexOAuthIdentities(ctx),
    oauthStates: knexOAuthStates(ctx),
  }
  // Every raw method decodes its results from driver rows, or returns the guard's fresh argument.
  return guardRepos(raw, { clock: options.clock, resultsAreFresh: true })
}
