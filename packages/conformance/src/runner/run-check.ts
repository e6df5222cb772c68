import { type ContractRevision, revisionIncludes } from '@regstack/protocols'
import type { Check, CheckContext, Store } from '../check.js'
import { CallRecorder } from '../harness/call-recorder.js'
import { InfrastructureError, isInfrastructureError } from '../harness/infrastructure-error.js'
import { isNeverSettled } from '../harness/never-settled.js'
import { runProperty } from '../harness/property.js'
import { BASE_REVISION, sinceOf } from '../harness/revision-view.js'
import { deriveSeed } from '../harness/seed.js'
import { nameSetupFailure } from '../harness/setup-step.js'
import type { StorePool } from '../harness/store-pool.js'
import { watchCalls } from '../harness/watch-calls.js'
import type { CheckResult, ReplayInfo } from '../types.js'
import { describeOutcome } from './describe-outcome.js'

/** How one check is run. */
export interface RunCheckSettings {
  readonly pool: StorePool
  readonly masterSeed: number
  readonly numRuns: number
  /** Limit for the whole check. */
  readonly timeoutMs: number
  /** Limit for one call into the target (a repository method, a hook, `makeRepos`, `close`). */
  readonly callTimeoutMs: number
  /** `false`: report the first failing case unshrunk. @default true */
  readonly shrink?: boolean
  readonly path?: string
  /** The test file that registered the check (vitest), for the replay line. */
  readonly testFile?: string
  readonly replayCommand: (replay: ReplayInfo) => string
  /** What the target declared (failures of rules it does not have say so). */
  readonly declaredRevision?: ContractRevision | null
  /** Receives the check's call recorder as the check starts (heartbeats show its pending calls). */
  readonly onStart?: (calls: CallRecorder) => void
}

/** A finished check and how many of its calls never settled (the run stops after a few in a row). */
export interface CheckRun {
  readonly result: CheckResult
  readonly stalledCalls: number
}

/**
 * Runs one check to a result; never throws. Every store the check opened is closed afterwards, all
 * at once and each within the call limit, even when the check itself was abandoned mid-call.
 */
export async function runCheck(check: Check, settings: RunCheckSettings): Promise<CheckRun> {
  const seed = deriveSeed(settings.masterSeed, check.id)
  const calls = new CallRecorder()
  settings.onStart?.(calls)
  const open = new Set<Store>()
  const notes: string[] = []
  let ended = false
  // An infrastructure error ends the check at once: a property would otherwise go on shrinking
  // through one dead makeRepos or hung close() after another.
  let abort: (error: unknown) => void = () => {}
  const aborted = new Promise<never>((_, reject) => {
    abort = reject
  })
  aborted.catch(() => {})
  const openStore = async (): Promise<Store> => {
    if (ended)
      throw new InfrastructureError(`${check.id} already ended; its abandoned work opens no more stores`)
    try {
      const store = await settings.pool.open(calls, sinceOf(check))
      open.add(store)
      return store
    } catch (error) {
      abort(error)
      throw error
    }
  }
  const ctx: CheckContext = {
    note: (text) => {
      notes.push(text)
    },
    numRuns: settings.numRuns,
    seed,
    open: openStore,
    withStore: async (body) => {
      const store = await openStore()
      try {
        return await body(store)
      } finally {
        open.delete(store)
        await settings.pool.close(store).catch((error: unknown) => {
          abort(error)
          throw error
        })
      }
    },
    property: (arbitraries, predicate, runs) =>
      runProperty(arbitraries, predicate, {
        seed,
        numRuns: Math.max(1, Math.round(runs ?? settings.numRuns)),
        ...(settings.shrink === false ? { shrink: false } : {}),
        ...(settings.path === undefined ? {} : { path: settings.path }),
      }),
  }
  const started = performance.now()
  let error: unknown
  let failed = false
  try {
    const work = Promise.resolve().then(() => check.run(ctx))
    await watchCalls(Promise.race([work, aborted]), calls, settings, check.id)
  } catch (thrown) {
    // A call used only to build the scenario is named as a set-up failure (unless the engine died).
    error =
      isInfrastructureError(thrown) || isNeverSettled(thrown) ? thrown : nameSetupFailure(thrown, check.id)
    failed = true
  }
  ended = true
  const closing = await Promise.allSettled([...open].map((store) => settings.pool.close(store)))
  open.clear()
  const closeErrors = closing.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []))
  const outcome = describeOutcome(check, { failed, error, closeErrors, unavailable: calls.unavailable })
  const replay = settings.replayCommand({
    checkId: check.id,
    seed: settings.masterSeed,
    numRuns: settings.numRuns,
    ...(outcome.path === undefined ? {} : { path: outcome.path }),
    ...(settings.testFile === undefined ? {} : { testFile: settings.testFile }),
  })
  const since = sinceOf(check)
  const failure =
    outcome.failure === undefined
      ? undefined
      : {
          ...outcome.failure,
          message: newRuleNote(since, settings.declaredRevision) + outcome.failure.message,
        }
  const result: CheckResult = {
    id: check.id,
    title: check.title,
    area: check.area,
    level: check.level,
    clause: check.clause,
    since,
    status: outcome.status,
    durationMs: Math.round((performance.now() - started) * 10) / 10,
    seed,
    ...(notes.length === 0 ? {} : { notes }),
    ...(failure === undefined ? {} : { failure: { ...failure, replay } }),
  }
  const stalledCalls = (failed && isNeverSettled(error) ? 1 : 0) + closeErrors.filter(isNeverSettled).length
  return { result, stalledCalls }
}

/**
 * The start of a failure message of a rule added after the seed revision: `new in 2026-07: `, plus,
 * when the target declared an older revision, that this is why (CONTRACT §0.19).
 */
function newRuleNote(since: ContractRevision, declared: ContractRevision | null | undefined): string {
  if (since === BASE_REVISION) return ''
  const older =
    declared !== null && declared !== undefined && !revisionIncludes(declared, since)
      ? ` (the target declares ${declared}, which does not have this rule)`
      : ''
  return `new in ${since}${older}: `
}

/** The default replay line: environment variables in front of the vitest command (and the test file). */
export function defaultReplayCommand(replay: ReplayInfo): string {
  const parts = [
    `REGSTACK_CHECK='${replay.checkId}'`,
    `REGSTACK_SEED=${replay.seed}`,
    `REGSTACK_RUNS=${replay.numRuns}`,
  ]
  if (replay.path !== undefined) parts.push(`REGSTACK_PATH='${replay.path}'`)
  const file = replay.testFile === undefined ? '' : ` ${shellWord(replay.testFile)}`
  return `${parts.join(' ')} npx vitest run${file}`
}

function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`
}
