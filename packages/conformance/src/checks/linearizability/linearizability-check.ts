import type { ContractRevision } from '@regstack/protocols'
import fc from 'fast-check'
import type { Check, CheckContext, Store } from '../../check.js'
import { ContractViolation } from '../../harness/contract-violation.js'
import { InfrastructureError } from '../../harness/infrastructure-error.js'
import { judgeHistory } from './judge-history.js'
import type { OpArbitrary } from './lin-op.js'
import { renderTimeline } from './render-timeline.js'
import { type Program, type RecordedCall, runHistory, type Step, StuckCall } from './run-history.js'

/** Search nodes one repository's history may cost before it is reported undecided. */
export const SEARCH_BUDGET = 200_000

/** How long a call may stay pending in a history with a fault before the run calls it stuck. */
const STUCK_MS = 20_000

/** Bounds of a generated history. */
export interface HistoryBounds {
  readonly rounds: number
  readonly callers: number
  readonly callsPerCaller: number
}

/** What distinguishes one linearizability check from another. */
export interface LinearizabilitySpec {
  readonly id: string
  readonly title: string
  readonly clause: string
  readonly ops: () => OpArbitrary[]
  readonly bounds: HistoryBounds
  /** Share of the context's run count (several checks split the budget). */
  readonly share: number
  readonly requires?: 'faults'
  /** The revision that introduced the rule. @default '2026-05' */
  readonly since?: ContractRevision
  /** Runs alongside every round (e.g. killing connections) and names the error code of unknown outcomes. */
  readonly fault?: { readonly during: (store: Store) => Promise<void>; readonly unknownCode: string }
}

/** Histories of concurrent callers; fast-check shrinks rounds, callers and calls alike. */
export function programArbitrary(
  ops: OpArbitrary[],
  bounds: HistoryBounds,
  knownIdsOnly = false,
): fc.Arbitrary<Program> {
  const any = fc.oneof(...ops)
  const op = knownIdsOnly ? any.filter((o) => !o.generatesId) : any
  const step: fc.Arbitrary<Step> = fc.record({ op, pause: fc.nat(2) })
  const caller = fc.array(step, { minLength: 1, maxLength: bounds.callsPerCaller })
  const round = fc.array(caller, { minLength: 1, maxLength: bounds.callers })
  return fc.record({ rounds: fc.array(round, { minLength: 1, maxLength: bounds.rounds }) })
}

function describeJudgement(calls: readonly RecordedCall[], judged: ReturnType<typeof judgeHistory>): never {
  if (judged.kind === 'linearizable') throw new TypeError('not a failure')
  const size = `${calls.length} calls by ${new Set(calls.filter((c) => c.caller >= 0).map((c) => c.caller)).size} concurrent callers`
  if (judged.kind === 'undecided') {
    throw new InfrastructureError(
      `the ${judged.repo} history (${size}) could not be decided within ${SEARCH_BUDGET} search nodes; it is not counted as passed`,
    )
  }
  const callers = new Set(judged.calls.filter((c) => c.caller >= 0).map((c) => c.caller)).size
  throw new ContractViolation(
    `${judged.repo}: no sequential order of these ${judged.calls.length} calls (set-up and ${callers} concurrent callers), consistent with when each was made and returned, explains their results under the contract (§0.17 linearizable per row); shrunk from a history of ${size}`,
    {
      counterexample: [
        '// at(ms) is relative to the store clock during that round; the clock moves only between rounds.',
        renderTimeline(judged.calls),
      ].join('\n'),
    },
  )
}

/**
 * A check that runs random concurrent histories against fresh stores and fails when one of them is
 * not linearizable per row under the oracle. Runs `share × numRuns` histories.
 */
export function linearizabilityCheck(spec: LinearizabilitySpec): Check {
  return {
    id: spec.id,
    title: spec.title,
    area: 'linearizability',
    level: 'MUST',
    clause: spec.clause,
    ...(spec.requires === undefined ? {} : { requires: spec.requires }),
    ...(spec.since === undefined ? {} : { since: spec.since }),
    async run(ctx: CheckContext) {
      const stats = { histories: 0, calls: 0, unknown: 0, nodes: 0 }
      // A call stuck after a fault is reported as it is, not shrunk: each replay would wait again.
      let stuck: StuckCall | undefined
      await ctx.property(
        [programArbitrary(spec.ops(), spec.bounds, spec.fault !== undefined)],
        (program) =>
          ctx.withStore(async (store) => {
            if (stuck !== undefined) return
            const fault = spec.fault
            let calls: RecordedCall[]
            try {
              calls = await runHistory(store, program, {
                ...(fault === undefined
                  ? {}
                  : {
                      duringRound: () => fault.during(store),
                      unknownCode: fault.unknownCode,
                      settleWithinMs: STUCK_MS,
                    }),
              })
            } catch (error) {
              if (!(error instanceof StuckCall)) throw error
              stuck = error
              return
            }
            const judged = judgeHistory(calls, SEARCH_BUDGET, store.revision)
            stats.histories += 1
            stats.calls += calls.length
            stats.unknown += calls.filter((c) => c.unknown).length
            stats.nodes += judged.nodes
            if (judged.kind !== 'linearizable') describeJudgement(calls, judged)
          }),
        Math.max(1, Math.ceil(ctx.numRuns * spec.share)),
      )
      if (stuck !== undefined) {
        throw new ContractViolation(
          `${stuck.message}: the store must answer again after its connections die (ConformanceFaults.dropConnections)`,
          { counterexample: `calls that settled before it:\n${renderTimeline(stuck.calls)}` },
        )
      }
      ctx.note(
        `${stats.histories} histories, ${stats.calls} calls, ${stats.nodes} search nodes` +
          (spec.fault === undefined ? '' : `, ${stats.unknown} calls with unknown outcome (UNAVAILABLE)`),
      )
    },
  }
}
