import type { ContractRevision } from '@regstack/protocols'
import fc from 'fast-check'
import type { Check } from '../../check.js'
import type { ModelCommand } from './model-command.js'
import { ModelRun } from './model-run.js'
import { withRunTranscript } from './with-run-transcript.js'

/** What distinguishes one differential check from another: its id, rule, clause and call mix. */
export interface DifferentialSpec {
  readonly id: string
  readonly title: string
  readonly clause: string
  readonly commands: () => fc.Arbitrary<ModelCommand>[]
  /** Share of the context's run count this check uses (several checks split the model budget). */
  readonly share: number
  /** The revision that introduced the rule. @default '2026-05' */
  readonly since?: ContractRevision
}

/** Long enough to reach deep states (lockouts, replacements after expiry), short enough to shrink fast. */
const MAX_COMMANDS = 50

/**
 * A check that runs random call sequences against a fresh store and the oracle side by side, and
 * fails at the first step where they disagree. The failure's counterexample is the shrunk sequence
 * as a program (each line with what the adapter answered), not fast-check's command list.
 */
export function differentialCheck(spec: DifferentialSpec): Check {
  return {
    id: spec.id,
    title: spec.title,
    area: 'model',
    level: 'MUST',
    clause: spec.clause,
    ...(spec.since === undefined ? {} : { since: spec.since }),
    async run(ctx) {
      // A plain array, not `fc.commands`: the latter shrinks only the commands that ran, which a replay
      // by path cannot reproduce without its own `replayPath`; array shrinking replays from the path alone.
      const commands = fc.array(fc.oneof(...spec.commands()), { maxLength: MAX_COMMANDS, size: 'max' })
      try {
        await ctx.property(
          [commands],
          (sequence) =>
            ctx.withStore((store) =>
              fc.asyncModelRun(() => {
                const run = new ModelRun(store)
                return { model: run, real: run }
              }, sequence),
            ),
          Math.max(1, Math.ceil(ctx.numRuns * spec.share)),
        )
      } catch (error) {
        throw withRunTranscript(error)
      }
    },
  }
}
