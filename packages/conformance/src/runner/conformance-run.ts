import { NEWEST_CONTRACT_REVISION } from '@regstack/protocols'
import type { Check } from '../check.js'
import { ALL_CHECKS } from '../checks/index.js'
import { CallRecorder } from '../harness/call-recorder.js'
import { describeValue } from '../harness/describe-value.js'
import { seconds } from '../harness/never-settled.js'
import { checksOfRevision, sinceOf } from '../harness/revision-view.js'
import { deriveSeed } from '../harness/seed.js'
import { newRunTag, StorePool } from '../harness/store-pool.js'
import { watchCalls } from '../harness/watch-calls.js'
import type { ConformanceReport } from '../report/report.js'
import type { CheckResult, ConformanceOptions, MakeRepos } from '../types.js'
import { buildReport } from './build-report.js'
import { type Calibration, calibrate } from './calibrate.js'
import { type ResolvedOptions, resolveOptions } from './resolve-options.js'
import { type RunRevision, resolveRevision } from './resolve-revision.js'
import { runCheck } from './run-check.js'
import { RunGuard } from './run-guard.js'
import { type Selection, selectChecks } from './select-checks.js'

/** Why a fault-injection check did not run. */
export const NO_FAULT_HOOKS =
  'the target supplies no fault hooks (ConformanceTarget.faults); the fault-injection tier is optional'

/**
 * One run of the suite without a test runner, observable while it goes: the CLI shows its heartbeat
 * and, should the process end before the verdict, turns what it has into a report with
 * {@link ConformanceRun.interrupt}. While it runs, a ref'd timer keeps the event loop alive, so a
 * target whose every promise is stuck cannot make the process drain and exit without a verdict.
 */
export class ConformanceRun {
  readonly #makeRepos: MakeRepos
  readonly #options: ConformanceOptions
  readonly #resolved: ResolvedOptions
  #selection: Selection
  #revision: RunRevision
  readonly #results: CheckResult[] = []
  readonly #startedAt = new Date()
  readonly #started = performance.now()
  #running: { id: string; started: number; calls: CallRecorder } | undefined
  #calibration: Calibration | undefined
  #applicable: readonly Check[]
  #notApplicable: readonly { id: string; reason: string }[] = []

  /** Throws a TypeError for bad options (unknown area, no matching check, a path without one check). */
  constructor(makeRepos: MakeRepos, options: ConformanceOptions = {}) {
    this.#makeRepos = makeRepos
    this.#options = options
    this.#resolved = resolveOptions(options)
    // Until calibration reads the target's declaration: the requested revision, else the newest.
    this.#revision = resolveRevision(this.#resolved.revision, undefined)
    this.#selection = this.#select(this.#resolved.revision ?? NEWEST_CONTRACT_REVISION)
    this.#applicable = this.#selection.checks
  }

  /** Runs every selected check; resolves to the report, never rejects for anything the target does. */
  async run(): Promise<ConformanceReport> {
    const resolved = this.#resolved
    const heartbeat = setInterval(() => this.#beat(), this.#options.heartbeatMs ?? 15_000)
    const pool = new StorePool(this.#makeRepos, newRunTag(), resolved.callTimeoutMs)
    try {
      const calls = new CallRecorder()
      this.#running = { id: 'calibration', started: performance.now(), calls }
      try {
        this.#calibration = await watchCalls(calibrate(pool, calls), calls, resolved, 'calibration')
      } catch (error) {
        await pool.closeAll().catch(() => {})
        return this.#report({
          message: `calibration (opening a first store and reading from it) failed: ${messageOf(error)}`,
          ...stackOf(error),
        })
      }
      this.#revision = resolveRevision(resolved.revision, this.#calibration.declaredRevision)
      try {
        this.#selection = this.#select(this.#revision.id)
      } catch (error) {
        await pool.closeAll().catch(() => {})
        return this.#report({ message: messageOf(error) })
      }
      const faults = this.#calibration.faults
      this.#applicable = this.#selection.checks.filter((c) => c.requires !== 'faults' || faults)
      this.#notApplicable = this.#selection.checks
        .filter((c) => !this.#applicable.includes(c))
        .map((c) => ({ id: c.id, reason: NO_FAULT_HOOKS }))
      const guard = new RunGuard()
      for (const check of this.#applicable) {
        const run = await runCheck(check, {
          pool,
          masterSeed: resolved.seed,
          numRuns: this.#numRuns(),
          timeoutMs: resolved.timeoutMs,
          callTimeoutMs: resolved.callTimeoutMs,
          shrink: resolved.shrink,
          replayCommand: resolved.replayCommand,
          ...(resolved.path === undefined ? {} : { path: resolved.path }),
          declaredRevision: this.#revision.declared,
          onStart: (checkCalls) => {
            this.#running = { id: check.id, started: performance.now(), calls: checkCalls }
          },
        })
        this.#running = undefined
        this.#results.push(run.result)
        guard.record(run)
        this.#options.onCheckDone?.(run.result, this.#results.length, this.#applicable.length)
        if (guard.stopReason !== undefined) return this.#report({ message: guard.stopReason })
        if (this.#options.bail === true && run.result.status === 'failed' && run.result.level === 'MUST')
          break
      }
      try {
        await pool.closeAll()
      } catch (error) {
        return this.#report({ message: `closing the last stores failed: ${messageOf(error)}` })
      }
      return this.#report(undefined)
    } finally {
      clearInterval(heartbeat)
    }
  }

  /**
   * The report as things stand, for a process that is ending before the verdict (`reason` says how):
   * the check that never finished is an `error` naming the calls it was waiting on.
   */
  interrupt(reason: string): ConformanceReport {
    const running = this.#running
    if (running === undefined || running.id === 'calibration') {
      const waiting =
        running === undefined ? '' : `; calibration was waiting on ${pendingText(running.calls)}`
      return this.#report({ message: `${reason} before the verdict${waiting}` })
    }
    this.#running = undefined
    const check = this.#applicable.find((c) => c.id === running.id)
    const waiting = pendingText(running.calls)
    const message = `${running.id} never finished: ${reason} while it was waiting on ${waiting}`
    if (check !== undefined) {
      this.#results.push({
        id: check.id,
        title: check.title,
        area: check.area,
        level: check.level,
        clause: check.clause,
        since: sinceOf(check),
        status: 'error',
        durationMs: Math.round((performance.now() - running.started) * 10) / 10,
        seed: deriveSeed(this.#resolved.seed, check.id),
        failure: {
          message,
          replay: this.#resolved.replayCommand({
            checkId: check.id,
            seed: this.#resolved.seed,
            numRuns: this.#numRuns(),
          }),
        },
      })
    }
    return this.#report({ message })
  }

  /** A report of a run that could not even start (the target could not be loaded): `message` says why. */
  notStarted(message: string, stack?: string): ConformanceReport {
    return this.#report({ message, ...(stack === undefined ? {} : { stack }) })
  }

  /** The checks of `revision` that the options select (a TypeError when none match, or a path needs one). */
  #select(revision: RunRevision['id']): Selection {
    const selection = selectChecks(
      checksOfRevision(ALL_CHECKS, revision),
      this.#resolved.areas,
      this.#resolved.checks,
    )
    if (this.#resolved.path !== undefined && selection.checks.length !== 1) {
      throw new TypeError('a replay path needs exactly one check selected (REGSTACK_CHECK=<id>)')
    }
    return selection
  }

  /** The revision this run checks, once calibration has read the target's declaration. */
  get revision(): RunRevision {
    return this.#revision
  }

  #numRuns(): number {
    return this.#resolved.numRuns ?? this.#calibration?.numRuns ?? 1
  }

  #beat(): void {
    const running = this.#running
    if (running === undefined || this.#options.onHeartbeat === undefined) return
    this.#options.onHeartbeat({
      running: running.id,
      runningMs: Math.round(performance.now() - running.started),
      pending: running.calls.pending().map(({ call, ageMs }) => ({ call, ageMs })),
      done: this.#results.length,
      total: this.#applicable.length,
    })
  }

  #report(error: { message: string; stack?: string } | undefined): ConformanceReport {
    return buildReport({
      name: this.#resolved.name,
      engine: this.#resolved.engine,
      seed: this.#resolved.seed,
      numRuns: this.#numRuns(),
      revision: this.#revision,
      startedAt: this.#startedAt,
      durationMs: performance.now() - this.#started,
      selection: this.#selection,
      calibration: this.#calibration,
      applicable: this.#applicable.length,
      applicableAreas: this.#selection.areas.filter((a) => this.#applicable.some((c) => c.area === a)),
      notApplicable: this.#notApplicable,
      results: [...this.#results],
      ...(error === undefined ? {} : { error }),
    })
  }
}

function pendingText(calls: CallRecorder): string {
  const pending = calls.pending()
  return pending.length === 0
    ? 'no call into the target (nothing was pending)'
    : pending.map((p) => `${p.call} (pending ${seconds(p.ageMs)})`).join('; ')
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : describeValue(error)
}

function stackOf(error: unknown): { stack?: string } {
  const cause = (error as { cause?: unknown } | null)?.cause
  return cause instanceof Error && cause.stack !== undefined ? { stack: cause.stack } : {}
}
