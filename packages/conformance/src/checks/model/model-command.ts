import type { Repos } from '@regstack/protocols'
import type fc from 'fast-check'
import { ContractViolation } from '../../harness/contract-violation.js'
import { copyingRepos, scramble, snapshot } from '../../harness/scramble.js'
import type { Oracle } from '../../oracle/oracle.js'
import type { ModelRun } from './model-run.js'
import { compareOutcome, type Outcome, predict, renderOutcome, settle, VOID } from './outcome.js'
import { callCode } from './render-code.js'

/** What one step did on both sides. */
export interface ModelStep {
  /** The call as code, without `await`, e.g. `repos.users.getById(u1.id)`. */
  readonly call: string
  readonly actual: Outcome
  readonly expected: Outcome
  /** A contract problem found beyond the comparison (e.g. a malformed fresh id). */
  readonly problem?: string
  /** A binding written in front of the call, e.g. `const u2 = `. */
  readonly bind?: string
  /** The call is synchronous (a clock move): printed without `await`. */
  readonly sync?: boolean
}

/**
 * Calls the adapter, then asks the oracle (the adapter first, so an oracle that needs an id the
 * adapter generated can be handed it), and returns both outcomes. What the adapter returned is copied
 * and then mutated in place, nested `Date`s included (§0.7, §0.18), and so are the copies of the
 * arguments the adapter was handed: a store that keeps either shows the change in a later step.
 */
export async function exchange(
  run: ModelRun,
  call: string,
  adapter: (repos: Repos) => Promise<unknown>,
  oracle: (model: Oracle, actual: Outcome) => unknown,
): Promise<ModelStep> {
  const handed: object[] = []
  const raw = await settle(() => adapter(copyingRepos(run.repos, handed)))
  const actual: Outcome = raw.ok ? { ok: true, value: snapshot(raw.value) } : raw
  if (raw.ok) scramble(raw.value)
  for (const input of handed) scramble(input)
  const expected = predict(() => oracle(run.oracle, actual))
  return { call, actual, expected }
}

/**
 * One generated call. `toString` is the short label fast-check prints; on divergence the command
 * throws a `ContractViolation` whose counterexample is the whole run so far as a pasteable program.
 */
export class ModelCommand implements fc.AsyncCommand<ModelRun, ModelRun> {
  readonly #label: string
  readonly #apply: (run: ModelRun) => Promise<ModelStep>

  constructor(label: string, apply: (run: ModelRun) => Promise<ModelStep>) {
    this.#label = label
    this.#apply = apply
  }

  check(): boolean {
    return true
  }

  async run(_model: ModelRun, run: ModelRun): Promise<void> {
    const nowMs = run.nowMs()
    const step = await this.#apply(run)
    const problem = compareOutcome(step.actual, step.expected, nowMs) ?? step.problem
    const line = `${step.bind ?? ''}${step.sync === true ? '' : 'await '}${step.call}`
    run.record(
      `${line} // → ${renderOutcome(step.actual, nowMs)}${problem === undefined ? '' : '   ✗ diverged'}`,
    )
    if (problem !== undefined) {
      throw new ContractViolation(`step ${run.steps} \`${line}\` diverged from the contract: ${problem}`, {
        counterexample: run.program(),
      })
    }
  }

  toString(): string {
    return this.#label
  }
}

/** The three parts of one call: its arguments as printed, the adapter side, the oracle side. */
export type CallParts = readonly [
  args: readonly unknown[],
  adapter: (repos: Repos) => Promise<unknown>,
  oracle: (model: Oracle) => unknown,
]

/** A command calling `repos.<path>(…)`; `build` resolves dates and handles when the step runs. */
export function callCommand(label: string, path: string, build: (run: ModelRun) => CallParts): ModelCommand {
  return new ModelCommand(label, (run) => {
    const [args, adapter, oracle] = build(run)
    return exchange(run, callCode(path, args, run.nowMs()), adapter, oracle)
  })
}

/** Oracle side of a `Promise<void>` method: run it (a rejection still counts), compare nothing else. */
export function nothing(_: unknown): typeof VOID {
  return VOID
}
