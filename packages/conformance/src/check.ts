import type { ContractRevision, FrozenClock, Repos } from '@regstack/protocols'
import type fc from 'fast-check'
import type { Area, ConformanceFaults, Level } from './types.js'

/** An opened store, as a check sees it. */
export interface Store {
  /**
   * The target's repositories as the check's revision sees them: for a `2026-05` check, states come
   * back without `resultWasNew` (a field that revision does not have), whatever the adapter implements.
   */
  readonly repos: Repos
  /** The revision whose view `repos` gives (the revision of the check that opened the store). */
  readonly revision: ContractRevision
  /** What the target declared (`ConformanceTarget.revision`), if anything. */
  readonly declaredRevision: ContractRevision | undefined
  readonly clock: FrozenClock
  readonly namespace: string
  /** Whether the adapter declared `automaticExpiry`. */
  readonly automaticExpiry: boolean
  /** The target's fault-injection hooks, when it supplies them. */
  readonly faults: ConformanceFaults | undefined
  /**
   * True when a row expiring at `at` may already have been reaped by the engine: the adapter declared
   * `automaticExpiry` and `at` is not after the real wall clock. Ask it at the time of the read.
   */
  mayBeReaped(at: Date): boolean
}

/** What the runner gives each check. */
export interface CheckContext {
  /** Opens a fresh, empty store; the runner closes every store a check opened when the check ends. */
  open(): Promise<Store>
  /** Opens a store, runs `body`, and closes the store whatever happens (for one property case). */
  withStore<T>(body: (store: Store) => Promise<T>): Promise<T>
  /** Base number of generated cases per property for this run. */
  readonly numRuns: number
  /** This check's seed (derived from the master seed and the check id). */
  readonly seed: number
  /**
   * Records a fact about this run worth reporting whatever the outcome (e.g. how many calls a fault
   * actually interrupted); it appears in the check's `notes` in every report.
   */
  note(text: string): void
  /**
   * Runs an async property with this check's seed, replay path and run count; on failure throws a
   * `ContractViolation` carrying the shrunk counterexample and its path.
   * @param runs - cases to generate; defaults to `numRuns`.
   */
  property<Ts extends [unknown, ...unknown[]]>(
    arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> },
    predicate: (...args: Ts) => Promise<void>,
    runs?: number,
  ): Promise<void>
}

/** One rule of the contract, checked on its own. */
export interface Check {
  /** Stable id, `area.method.rule`, e.g. `users.updateEmail.duplicate-leaves-nothing-changed`. */
  readonly id: string
  /** A sentence stating the rule, as the specification would. */
  readonly title: string
  readonly area: Area
  readonly level: Level
  /** The CONTRACT section it enforces, e.g. `§3.1` or `§0.8`. */
  readonly clause: string
  /**
   * The contract revision that introduced the rule (CONTRACT §0.19); a run of an older revision
   * leaves the check out. @default '2026-05'
   */
  readonly since?: ContractRevision
  /** A capability the target must supply for the check to apply; otherwise it is reported as not applicable. */
  readonly requires?: 'faults'
  run(ctx: CheckContext): Promise<void>
}
