import fc from 'fast-check'
import type { Check } from '../../check.js'
import { allRepositoryCommands } from '../model/all-commands.js'
import { clockCommands } from '../model/clock-commands.js'
import { ModelCommand } from '../model/model-command.js'
import { ModelRun } from '../model/model-run.js'
import { VOID } from '../model/outcome.js'
import { withRunTranscript } from '../model/with-run-transcript.js'
import { pivotFor } from './boundaries.js'
import { zoneCheck } from './zone-check.js'

const MAX_COMMANDS = 40
const MINUTE_MS = 60_000

/**
 * Moves the clock forward by the repeated span: from the first pass through the repeated hour to the
 * same wall-clock time on the second pass, where a row dated a minute ago by the wall clock is an hour
 * old, and one dated a minute ahead has expired long since.
 */
function twinJump(span: number): ModelCommand {
  const call = `clock.advance(${span})`
  return new ModelCommand(`${call} /* to the same wall-clock time, second pass */`, async (run) => {
    run.store.clock.advance(span)
    const done = { ok: true, value: VOID } as const
    return { call, actual: done, expected: done, sync: true }
  })
}

/**
 * The model runs' clock moves under every tier zone: random call sequences over every repository
 * that stores dates, compared with the oracle, with the store clock starting just before the repeated
 * hour of the zone's next fall-back and moves that cross it, including jumps to the same wall-clock
 * time on its second pass.
 */
export const modelAcrossFallBack: Check = zoneCheck({
  id: 'timeZones.model.clock-moves-across-the-repeated-hour',
  title:
    'Any sequence of calls and clock moves that crosses a daylight-saving fall-back of the process zone behaves ' +
    'as the contract states: rows dated on the first pass through the repeated hour are older than rows dated ' +
    'at the same wall-clock time on the second.',
  clause: '§0.3, §0.12, §3',
  async inZone(ctx, zone) {
    const commands = fc.array(fc.oneof(...allRepositoryCommands(), ...clockCommands(), ...clockCommands()), {
      maxLength: MAX_COMMANDS,
      size: 'max',
    })
    try {
      await ctx.property(
        [commands, fc.nat(MAX_COMMANDS - 1)],
        (sequence, jumpAt) =>
          ctx.withStore(async (store) => {
            const { pivot, span } = pivotFor(store)
            // Start a few minutes into the first pass, so rows written now have twins after the jump.
            const start = new Date(pivot - span + 2 * MINUTE_MS)
            store.clock.set(start)
            const run = new ModelRun(store)
            run.record(`clock.set(new Date('${start.toISOString()}')) // process TZ=${zone}`)
            const program = [...sequence.slice(0, jumpAt), twinJump(span), ...sequence.slice(jumpAt)]
            await fc.asyncModelRun(() => ({ model: run, real: run }), program)
          }),
        Math.max(2, Math.ceil(ctx.numRuns / 8)),
      )
    } catch (error) {
      throw withRunTranscript(error)
    }
  },
})
