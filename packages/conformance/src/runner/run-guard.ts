import type { CheckRun } from './run-check.js'

/** Calls that never settled, in a row, after which the run stops: the adapter or its engine hangs. */
export const MAX_STALLED_CALLS = 2
/** Checks ending in an infrastructure error, in a row, after which the run stops: the engine is gone. */
export const MAX_INFRASTRUCTURE_ERRORS = 3

/**
 * Decides when a run must stop early. One hung call or one infrastructure error can be a blip; a few
 * in a row mean every remaining check would end the same way, each after its time limit — hours for a
 * full run, and pages of meaningless counterexamples.
 */
export class RunGuard {
  #stalls = 0
  #errors = 0
  #reason: string | undefined

  /** Why the run must stop, once it must. */
  get stopReason(): string | undefined {
    return this.#reason
  }

  record(run: CheckRun): void {
    if (this.#reason !== undefined) return
    const { result } = run
    this.#stalls = run.stalledCalls > 0 ? this.#stalls + run.stalledCalls : 0
    this.#errors = result.status === 'error' ? this.#errors + 1 : 0
    const why = result.failure?.message.split('\n')[0] ?? ''
    if (this.#stalls >= MAX_STALLED_CALLS) {
      this.#reason =
        `the run stopped: ${this.#stalls} calls in a row never settled (the adapter or its engine hangs); ` +
        `last, in ${result.id}: ${why}`
    } else if (this.#errors >= MAX_INFRASTRUCTURE_ERRORS) {
      this.#reason =
        `the run stopped: ${this.#errors} checks in a row ended in infrastructure errors; ` +
        `last, in ${result.id}: ${why}`
    }
  }
}
