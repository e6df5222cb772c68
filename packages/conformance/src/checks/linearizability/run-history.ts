import type { Repos } from '@regstack/protocols'
import type { Store } from '../../check.js'
import { scramble, snapshot } from '../../harness/scramble.js'
import { type Outcome, settle } from '../model/outcome.js'
import type { LinOp, OpEnv, OpSpec } from './lin-op.js'
import { newUser } from './user-ops.js'

/** One step of a caller: an op, after `pause` event-loop turns (so callers interleave differently). */
export interface Step {
  readonly op: OpSpec
  readonly pause: number
}

/** A generated history: rounds of callers that run together; the clock moves only between rounds. */
export interface Program {
  readonly rounds: readonly (readonly (readonly Step[])[])[]
}

/** One call as it happened. `caller` is -1 for the sequential setup. */
export interface RecordedCall {
  readonly id: number
  readonly caller: number
  readonly round: number
  readonly invoke: number
  readonly ret: number
  readonly nowMs: number
  readonly op: LinOp
  /** What the adapter answered, copied before the run scrambled it. */
  readonly actual: Outcome
  /** Failed with UNAVAILABLE under a fault: it may or may not have taken effect. */
  readonly unknown: boolean
}

/** A call that did not settle in time after a fault: the store never recovered. */
export class StuckCall extends Error {
  readonly code: string
  /** The calls that settled before it. */
  readonly calls: readonly RecordedCall[]

  constructor(code: string, ms: number, calls: readonly RecordedCall[]) {
    super(
      `\`await ${code}\` had not settled ${ms} ms after it was made, in a round whose connections were killed`,
    )
    this.name = 'StuckCall'
    this.code = code
    this.calls = calls
  }
}

/** Setup emails: the two users every users call aims at. */
const SETUP_EMAILS: readonly string[] = ['a@x.io', 'b@x.io']
const ROUND_STEP_MS = 1_000

function pause(turns: number): Promise<void> {
  let p = Promise.resolve()
  for (let i = 0; i < turns; i++) p = p.then(() => new Promise((resolve) => setImmediate(resolve)))
  return p
}

/**
 * Runs a program on a fresh store and records every call; `duringRound` runs alongside the first
 * round (one fault per history: reconnecting costs some engines seconds, and later rounds then show
 * the store recovered).
 */
export async function runHistory(
  store: Store,
  program: Program,
  options: {
    readonly duringRound?: () => Promise<void>
    readonly unknownCode?: string
    /** Under faults: a call still pending this long fails the run with {@link StuckCall}. */
    readonly settleWithinMs?: number
  } = {},
): Promise<RecordedCall[]> {
  const calls: RecordedCall[] = []
  const userIds: string[] = []
  let events = 0
  const env = (): OpEnv => {
    const nowMs = store.clock.now().getTime()
    return {
      nowMs,
      at: (offsetMs) => new Date(nowMs + offsetMs),
      user: (slot) =>
        slot < 0 || userIds[slot] === undefined
          ? { id: 'no-such-user', code: '"no-such-user"' }
          : { id: userIds[slot] as string, code: `u${slot + 1}.id` },
    }
  }
  const perform = async (op: LinOp, caller: number, round: number): Promise<Outcome> => {
    const invoke = events++
    const limit = options.settleWithinMs
    let timer: NodeJS.Timeout | undefined
    const raw = await (limit === undefined
      ? settle(() => op.call(store.repos as Repos))
      : Promise.race([
          settle(() => op.call(store.repos as Repos)),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new StuckCall(op.code, limit, [...calls])), limit)
          }),
        ]).finally(() => clearTimeout(timer)))
    const ret = events++
    const actual: Outcome = raw.ok ? { ok: true, value: snapshot(raw.value) } : raw
    if (raw.ok) scramble(raw.value)
    for (const input of op.inputs) scramble(input)
    const code = raw.ok ? undefined : (raw.error as { code?: unknown } | null)?.code
    const unknown = options.unknownCode !== undefined && code === options.unknownCode
    calls.push({
      id: calls.length,
      caller,
      round,
      invoke,
      ret,
      nowMs: store.clock.now().getTime(),
      op,
      actual,
      unknown,
    })
    return actual
  }
  // Sequential setup, recorded like any call so the search starts from an empty store.
  for (const [i, email] of SETUP_EMAILS.entries()) {
    const e = env()
    const input = newUser(email, e, -2_000 + i)
    const op: LinOp = {
      repo: 'users',
      kind: 'write',
      code: `const u${i + 1} = await repos.users.create(${JSON.stringify(email)}, …)`,
      call: (r) => r.users.create(input),
      inputs: [],
      predict: (o, actual) =>
        o.users.create(
          newUser(email, e, -2_000 + i),
          actual.ok ? (actual.value as { id: string }).id : '(no id)',
        ),
    }
    const outcome = await perform(op, -1, 0)
    if (!outcome.ok) throw outcome.error
    userIds.push((outcome.value as { id: string }).id)
  }
  for (const [round, callers] of program.rounds.entries()) {
    if (round > 0) store.clock.advance(ROUND_STEP_MS)
    const e = env()
    const work = callers.map(async (steps, caller) => {
      for (const step of steps) {
        await pause(step.pause)
        await perform(step.op.bind(e), caller, round)
      }
    })
    const fault = round === 0 && options.duringRound !== undefined ? [options.duringRound()] : []
    await Promise.all([...work, ...fault])
  }
  return calls
}
