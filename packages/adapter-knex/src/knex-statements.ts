/**
 * Statements compiled once and reused. knex's query builder still writes every statement, but only
 * the first time it is needed per `createKnexRepos` call (so per dialect and table prefix): the
 * builder runs with placeholder markers instead of values, and what it compiles to is kept as the
 * driver's own SQL text plus a map from call arguments to bind positions. A call then only binds.
 */
import { createHash } from 'node:crypto'
import type { Knex } from 'knex'

/**
 * `limit(1, ONE_ROW)`: the constant is written into the text instead of bound. SQLite runs a statement
 * with a bound LIMIT about 3 µs slower than one with a literal (better-sqlite3, measured), which is
 * most of a point lookup there.
 */
export const ONE_ROW = { skipBinding: true } as const

/** Hands out the next call argument's marker; the order of calls is the order of the arguments. */
export type Param = () => number

/** How one bind position is filled: from call argument `arg`, or with a value the builder fixed. */
type Slot = { readonly arg: number } | { readonly value: unknown }

/** A compiled statement: SQL in two placeholder styles and how arguments become bindings. */
export interface CompiledStatement {
  /** `?` placeholders, as `knex.raw` takes them. */
  readonly knexSql: string
  /** The driver's own placeholders (`$1` on PostgreSQL, `?` elsewhere). */
  readonly nativeSql: string
  /** A name unique to the text, for PostgreSQL named prepared statements; absent: planned per call. */
  readonly name?: string
  readonly slots: readonly Slot[]
  /** A plain SELECT: it changes nothing, so running it again can never apply anything twice. */
  readonly readOnly: boolean
}

/** Per call, the server plans with the values (see {@link StatementOptions.reusePlan}). */
export const PLAN_PER_CALL: StatementOptions = { reusePlan: false }

/** A statement compiled on first use. */
export interface Statement {
  compiled(): CompiledStatement
}

// A marker must survive the builder untouched as a binding and never equal a value a statement fixes.
// Numbers, because `limit()` and `offset()` parse their argument as an integer; 2^52 and up, because no
// statement fixes a constant that large.
const MARKER_BASE = 2 ** 52

/** How a statement is run. */
export interface StatementOptions {
  /**
   * Whether the server may keep one plan for every call (PostgreSQL named prepared statements). False
   * for statements whose best plan depends on the values: a range bound (`exp < ?` matches nothing or
   * everything) or LIMIT/OFFSET. PostgreSQL's generic plan for those cannot know, and scans: measured,
   * `users.listPaged` went from flat to 24× slower at 100,000 rows, `purgeExpired` 27×. @default true
   */
  readonly reusePlan?: boolean
}

function compile(
  build: (param: Param) => Knex.QueryBuilder | Knex.Raw,
  options: StatementOptions,
): CompiledStatement {
  let next = 0
  const query = build(() => MARKER_BASE + next++).toSQL()
  const native = query.toNative()
  const slots = query.bindings.map((binding): Slot => {
    if (typeof binding === 'number' && binding >= MARKER_BASE && binding < MARKER_BASE + next)
      return { arg: binding - MARKER_BASE }
    return { value: binding }
  })
  const used = new Set(slots.flatMap((s) => ('arg' in s ? [s.arg] : [])))
  // A parameter the builder dropped would silently never be bound: a bug in the statement's definition.
  if (used.size !== next) throw new TypeError(`@regstack/adapter-knex: unbound parameter in ${query.sql}`)
  const readOnly = /^\s*select\b/i.test(query.sql)
  const compiled = { knexSql: query.sql, nativeSql: native.sql, slots, readOnly }
  if (options.reusePlan === false) return compiled
  const digest = createHash('sha1').update(native.sql).digest('hex').slice(0, 20)
  return { ...compiled, name: `regstack_${digest}` }
}

/**
 * A statement `build` writes with `param()` where each call argument goes; compiled on first use.
 * `build` must not depend on anything but its markers (it runs once).
 */
export function statement(
  build: (param: Param) => Knex.QueryBuilder | Knex.Raw,
  options: StatementOptions = {},
): Statement {
  let compiled: CompiledStatement | undefined
  return {
    compiled: () => {
      compiled ??= compile(build, options)
      return compiled
    },
  }
}

/** Statements keyed by variant (e.g. which filters a count has), each compiled on first use. */
export function statementFamily<K>(
  build: (key: K, param: Param) => Knex.QueryBuilder | Knex.Raw,
  options: StatementOptions = {},
): (key: K) => Statement {
  const byKey = new Map<K, Statement>()
  return (key) => {
    let found = byKey.get(key)
    if (found === undefined) {
      found = statement((param) => build(key, param), options)
      byKey.set(key, found)
    }
    return found
  }
}

/** The bind values of `compiled` for `args`. */
export function bindings(compiled: CompiledStatement, args: readonly unknown[]): unknown[] {
  const { slots } = compiled
  const values = new Array<unknown>(slots.length)
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i] as Slot
    values[i] = 'arg' in slot ? args[slot.arg] : slot.value
  }
  return values
}
