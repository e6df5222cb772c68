import type { Repos } from '@regstack/protocols'
import type fc from 'fast-check'
import type { Oracle } from '../../oracle/oracle.js'
import type { Outcome } from '../model/outcome.js'

/** The repositories, each a partition of the linearizability search. */
export type RepoName = keyof Repos

/**
 * How a call touches rows (§0.17). `read`/`write`: one row, atomic. `multi-read`: several rows, exact
 * only while no write to them is in flight. `multi-write`: several rows, linearizable row by row.
 */
export type OpKind = 'read' | 'write' | 'multi-read' | 'multi-write'

/** One call of a history, bound to concrete arguments, with its oracle side. */
export interface LinOp {
  readonly repo: RepoName
  readonly kind: OpKind
  /** The call as code, e.g. `repos.users.setActive(u1.id, { isActive: true })`. */
  readonly code: string
  /** Calls the adapter with this op's own input objects. */
  call(repos: Repos): Promise<unknown>
  /** The input objects handed to the adapter, mutated by the run once the call settled (§0.7). */
  readonly inputs: readonly object[]
  /**
   * The oracle side, on private copies of the inputs. For a `multi-write` share, `row` names the one
   * row to act on and the result is how many rows of it were removed.
   */
  predict(oracle: Oracle, actual: Outcome, row?: string): unknown
  /** For a `multi-write`: the keys of every row it may touch, each linearized on its own. */
  readonly rows?: readonly string[]
}

/** What an op needs from the run when it is bound: user ids and dates relative to the round's now. */
export interface OpEnv {
  /** The id of setup user `slot` and how the program names it (`u1.id`); a ghost id for slot -1. */
  user(slot: number): { readonly id: string; readonly code: string }
  /** The round's now moved by `offsetMs`, as a new `Date`. */
  at(offsetMs: number): Date
  readonly nowMs: number
}

/** A generated op: a label for fast-check and a way to bind it when the call is about to be made. */
export interface OpSpec {
  readonly label: string
  /**
   * The call returns an id the store generated (`users.create`, `pending.upsert`,
   * `oauthIdentities.create`). Such a call cannot have an unknown outcome in a history: the oracle
   * would not know the id of the row it may have made.
   */
  readonly generatesId: boolean
  bind(env: OpEnv): LinOp
}

/** An arbitrary of ops, for composing the mix of one check. */
export type OpArbitrary = fc.Arbitrary<OpSpec>

/** Builds an {@link OpSpec} whose `toString` is its label (fast-check prints it in counterexamples). */
export function opSpec(label: string, bind: (env: OpEnv) => LinOp, generatesId = false): OpSpec {
  return { label, bind, generatesId, toString: () => label } as OpSpec
}
