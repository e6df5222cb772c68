/** Options of {@link guardRepos} and the per-call helpers every repository guard shares. */
import type { Clock } from '../clock.js'
import { FIELD_LIMITS } from '../limits.js'
import { isMatchable } from '../validate/strings.js'
import { COPY_RESULTS, RESULTS_AS_IS, type ResultCopies } from './copy-models.js'

/** Options of `guardRepos`. */
export interface GuardOptions {
  /** Source of every omitted `now`/`when`; read once per call, never the system clock (CONTRACT §0.2). */
  readonly clock: Clock
  /**
   * Optional extra test for user ids (the ids `users.create` generates): `false` means no stored
   * user can have this id, so user lookups answer "nothing" without reaching the adapter. The Mongo
   * adapter passes a strict 24-lower-hex check here so a malformed id never reaches the driver.
   * Ids longer than 36 code units, or holding U+0000 or a lone surrogate, never match regardless.
   */
  readonly isStorableId?: (id: string) => boolean
  /**
   * Set when the raw repositories build every model they return for that call alone (decoded from a
   * driver's row or document, or made from the fresh argument the guard handed in), sharing no object
   * or `Date` with anything the adapter keeps or the caller passed: the guard then hands them out
   * without copying them again. "Copy once": a knex `listPaged` of 50 users otherwise decodes 50
   * models and copies them all (100 more `Date`s). Leave it unset when the adapter returns what it
   * stores (as the memory adapter does); the conformance suite's freshness and closed-model checks
   * fail an adapter that sets it wrongly. @default false
   */
  readonly resultsAreFresh?: boolean
}

/** What the per-repository guards need from {@link GuardOptions}, resolved once. */
export interface GuardContext {
  /** A fresh `Date` from the injected clock (a clock may hand out one shared object). */
  now(): Date
  /** True when some stored user could have this id. */
  isUserIdMatchable(id: string): boolean
  /** How results leave the guard: copied, or as they are when the adapter made them fresh. */
  readonly copy: ResultCopies
  /**
   * The promise of `call()` (validation, then the raw call or the guard's own "nothing" answer) with
   * its result handed on through `copy`, a synchronous throw turned into a rejection. When results are
   * fresh, that is the raw call's own promise: see {@link passOn}.
   */
  handOn<T>(call: () => T | Promise<T>, copy: (value: T) => T): Promise<T>
}

/**
 * The promise of `call()` as it is (a plain value resolved, a synchronous throw turned into a
 * rejection), for results the guard never copies. An `async` method awaiting the raw call instead adds
 * a promise and a microtask turn to every call: about 0.07 µs, measured on the bench machine, which is
 * most of the margin of an in-process lookup (a few tenths of a microsecond).
 */
export function passOn<T>(call: () => T | Promise<T>): Promise<T> {
  try {
    return Promise.resolve(call())
  } catch (error) {
    return Promise.reject(error)
  }
}

/** Builds the {@link GuardContext}. @throws TypeError when `options.clock` has no `now` method. */
export function createGuardContext(options: GuardOptions): GuardContext {
  const { clock, isStorableId, resultsAreFresh } = options
  // A missing clock is a wiring bug in the adapter, not bad user input, hence TypeError.
  if (typeof clock?.now !== 'function') throw new TypeError('guardRepos: options.clock must be a Clock')
  return {
    now: () => new Date(clock.now().getTime()),
    isUserIdMatchable: (id) =>
      isMatchable(id, FIELD_LIMITS.userId) && (isStorableId === undefined || isStorableId(id)),
    copy: resultsAreFresh === true ? RESULTS_AS_IS : COPY_RESULTS,
    handOn<T>(call: () => T | Promise<T>, copy: (value: T) => T): Promise<T> {
      const pending = passOn(call)
      return resultsAreFresh === true ? pending : pending.then(copy)
    },
  }
}
