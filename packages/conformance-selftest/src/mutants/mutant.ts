import type { Area, MakeRepos } from '@regstack/conformance'

/**
 * A deliberately broken adapter: the reference memory adapter with exactly one rule of the contract
 * broken. The suite must fail every mutant; the self-test proves it and reports how fast.
 */
export interface Mutant {
  /** Stable id, `area.what-is-broken`, e.g. `users.email-case-folded`. */
  readonly id: string
  /** What the mutant does wrong, in one sentence. */
  readonly description: string
  /** The CONTRACT clause it breaks, e.g. `§0.5`. */
  readonly clause: string
  /**
   * The area that must catch it on its own (the self-test then runs only that area), for mutants that
   * prove a general check finds a class of bug; otherwise any check may.
   */
  readonly caughtBy?: Area
  readonly makeRepos: MakeRepos
}

/**
 * A correct adapter that differs from the reference in ways the contract allows (other id formats,
 * other internal orders, eager reaping with `automaticExpiry`). The suite must pass every one.
 */
export interface CorrectVariant {
  readonly id: string
  readonly description: string
  readonly makeRepos: MakeRepos
}
