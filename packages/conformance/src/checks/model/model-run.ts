import type { Repos } from '@regstack/protocols'
import type { Store } from '../../check.js'
import { Oracle } from '../../oracle/oracle.js'

/** An id no adapter hands out, standing for "a user that was never created". */
export const GHOST_USER_ID = 'no-such-user'

/**
 * One model-based run: the fresh store under test, the oracle it is compared with, the user handles
 * the run created so far and the transcript of steps, printed as a program when a step diverges.
 */
export class ModelRun {
  readonly store: Store
  readonly oracle: Oracle
  /** Ids the adapter returned from successful `users.create` calls, in order (`u1`, `u2`, …). */
  readonly userIds: string[] = []
  readonly #lines: string[] = []

  constructor(store: Store) {
    this.store = store
    // The oracle models the revision the store is seen as, so both sides have the same fields.
    this.oracle = new Oracle(() => store.clock.now(), store.revision)
  }

  get repos(): Repos {
    return this.store.repos
  }

  nowMs(): number {
    return this.store.clock.now().getTime()
  }

  /**
   * The instant `offsetMs` from the store clock's now. The clock leads the wall clock by an hour and
   * offsets stay within minutes, so no generated date is ever reapable by an engine with automatic
   * expiry; the oracle can then be exact. If that ever stops holding the run must stop, not guess.
   */
  at(offsetMs: number): Date {
    const date = new Date(this.nowMs() + offsetMs)
    if (this.store.mayBeReaped(date)) {
      throw new Error(
        `model run: generated date ${date.toISOString()} is not after the wall clock (suite bug)`,
      )
    }
    return date
  }

  /** The id behind a user slot and how the program names it: the slot-th created user, cycling. */
  user(slot: number): { readonly id: string; readonly code: string } {
    if (this.userIds.length === 0 || slot < 0)
      return { id: GHOST_USER_ID, code: JSON.stringify(GHOST_USER_ID) }
    const index = slot % this.userIds.length
    return { id: this.userIds[index] as string, code: `u${index + 1}.id` }
  }

  /** Appends one executed line to the transcript. */
  record(line: string): void {
    this.#lines.push(line)
  }

  /** Number of steps executed so far. */
  get steps(): number {
    return this.#lines.length
  }

  /** The transcript as a program a person can paste into a test against the same adapter. */
  program(): string {
    return [
      '// repos, clock: a fresh store of the adapter and its FrozenClock',
      'const at = (ms: number) => new Date(clock.now().getTime() + ms)',
      ...this.#lines,
    ].join('\n')
  }
}
