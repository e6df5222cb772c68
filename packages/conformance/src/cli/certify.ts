import { appendFile } from 'node:fs/promises'
import { type LoadedProcessTarget, loadProcessTarget } from '../bridge/load-process-target.js'
import { seconds, settleWithin } from '../harness/never-settled.js'
import { formatFailure } from '../report/format-failure.js'
import { toMarkdown } from '../report/markdown.js'
import type { ConformanceReport } from '../report/report.js'
import { errorSummary, exitCodeOf, verdictOf } from '../report/verdict.js'
import { writeReports, writeReportsSync } from '../report/write-reports.js'
import { ConformanceRun } from '../runner/conformance-run.js'
import type { ConformanceOptions, MakeRepos, ReplayInfo } from '../types.js'
import { type LoadedTarget, loadTarget, resolveSpecifier, UsageError } from './load-target.js'
import { packageNameOf } from './package-name.js'
import type { CertifyOptions } from './parse-args.js'
import { guardProcess } from './process-guard.js'
import { Progress } from './progress.js'
import { summaryTable } from './summary-table.js'

export type { CertifyOptions } from './parse-args.js'

/**
 * Runs `certify`; resolves to the exit code (0 certified, or a partial run that passed; 1 a MUST
 * failed; 2 no verdict). Once the options are valid, the four report files are written whatever
 * happens — the module failing to load, the engine dying, the process ending early.
 */
export async function certify(options: CertifyOptions): Promise<number> {
  // The adapter module reads its engine URL from the environment, so it must be set before import.
  if (options.engineUrl !== undefined) process.env.REGSTACK_ENGINE_URL = options.engineUrl
  let url: string | undefined
  let loadError: UsageError | undefined
  let target: LoadedTarget | undefined
  // A bridge process is started first: its handshake names the adapter and the engine.
  let bridged: LoadedProcessTarget | undefined
  if (options.process !== undefined) {
    try {
      bridged = await loadProcessTarget(options.process, options.cwd)
      target = bridged
    } catch (error) {
      loadError = new UsageError(`could not start ${options.process}: ${(error as Error).message}`, {
        cause: error,
      })
    }
  } else {
    try {
      url = resolveSpecifier(options.specifier, options.cwd)
    } catch (error) {
      if (!(error instanceof UsageError)) throw error
      loadError = error
    }
  }
  const makeRepos: MakeRepos = (ctx) => {
    if (target === undefined) throw new Error('the target is not loaded')
    return target.makeRepos(ctx)
  }
  let run: ConformanceRun
  try {
    run = createRun(makeRepos, options, {
      name:
        options.name ??
        bridged?.name ??
        (url === undefined ? undefined : packageNameOf(url)) ??
        options.specifier,
      ...(options.engine === undefined && bridged !== undefined ? { engine: bridged.engine } : {}),
    })
  } catch (error) {
    throw new UsageError((error as Error).message, { cause: error })
  }
  if (target === undefined && loadError === undefined && url !== undefined) {
    try {
      target = await loadTarget(options.specifier, options.exportName, options.cwd)
    } catch (error) {
      if (!(error instanceof UsageError)) throw error
      loadError = error
    }
  }
  if (target === undefined) {
    const message = `the target could not be loaded: ${loadError?.message ?? 'unknown reason'}`
    await publish(run.notStarted(message), options)
    return 2
  }
  return (await certifyLoaded(run, target, options)).code
}

/** The run for `makeRepos` with the command line's options; `name` and `engine` label the report. */
export function createRun(
  makeRepos: MakeRepos,
  options: CertifyOptions,
  labels: { readonly name: string; readonly engine?: string },
): ConformanceRun {
  const progress = new Progress(options.json ? process.stderr : process.stdout)
  return new ConformanceRun(makeRepos, { ...runOptions(options, progress), ...labels })
}

/**
 * Runs one loaded target to its verdict, writes its four report files, tears it down. An interrupt
 * (the engine dying, the process ending early) still writes the reports and ends the process with 2.
 */
export async function certifyLoaded(
  run: ConformanceRun,
  target: LoadedTarget,
  options: CertifyOptions,
): Promise<{ readonly code: number; readonly report: ConformanceReport }> {
  // With --json, stdout carries the report and nothing else.
  const out = options.json ? process.stderr : process.stdout
  out.write(`regstack-conformance: certifying ${options.specifier} (${target.resolvedFrom})\n`)
  let verdict: ConformanceReport | undefined
  let interrupted = false
  let published = false
  const disarm = guardProcess(
    (reason) => {
      if (verdict !== undefined) {
        // The verdict is in and its reports are being written; what the target does now changes nothing.
        process.stderr.write(`regstack-conformance: warning: after the verdict, ${reason}\n`)
        return
      }
      if (interrupted) return
      interrupted = true
      publish(run.interrupt(reason), options).then(
        () => process.exit(2),
        (error: unknown) => {
          process.stderr.write(`regstack-conformance: could not write the reports: ${String(error)}\n`)
          process.exit(2)
        },
      )
    },
    (code) => {
      if (interrupted) return
      interrupted = true
      // After the verdict (its reports perhaps half written), an exit must not turn a failure into a pass.
      const report =
        verdict ?? run.interrupt(`the process exited (process.exit(${code}) by the target or its driver)`)
      if (published) {
        process.exitCode = exitCodeOf(verdictOf(report))
        return
      }
      if (verdict === undefined)
        process.stderr.write(`regstack-conformance: error: ${errorSummary(report)}\n`)
      try {
        const files = writeReportsSync(report, options.out)
        process.stderr.write(`reports: ${files.json}, ${files.junit}, ${files.markdown}, ${files.badge}\n`)
      } catch (error) {
        process.stderr.write(`regstack-conformance: could not write the reports: ${String(error)}\n`)
      }
      // An exit listener may still change the code the process ends with: no verdict is 2, never 0.
      process.exitCode = exitCodeOf(verdictOf(report))
    },
  )
  verdict = await run.run()
  if (interrupted) return await new Promise<never>(() => {})
  const code = exitCodeOf(verdictOf(verdict))
  process.exitCode = code
  try {
    await publish(verdict, options)
    published = true
    await tearDown(target, options.callTimeoutMs ?? 30_000)
  } finally {
    disarm()
  }
  return { code, report: verdict }
}

function runOptions(options: CertifyOptions, progress: Progress): ConformanceOptions {
  const replayCommand = (replay: ReplayInfo): string =>
    [
      'npx regstack-conformance certify',
      // With --targets, `specifier` is the id of the target being certified.
      options.targets === undefined
        ? ''
        : `--targets ${shellQuote(options.targets)} --target ${shellQuote(options.specifier)}`,
      options.process === undefined && options.targets === undefined ? shellQuote(options.specifier) : '',
      options.exportName === 'makeRepos' ? '' : `--export ${shellQuote(options.exportName)}`,
      options.process === undefined ? '' : `--process ${shellQuote(options.process)}`,
      `--check ${shellQuote(replay.checkId)}`,
      `--seed ${replay.seed}`,
      `--runs ${replay.numRuns}`,
      replay.path === undefined ? '' : `--path ${shellQuote(replay.path)}`,
    ]
      .filter(Boolean)
      .join(' ')
  return {
    engine: options.engine ?? 'unknown',
    bail: options.bail,
    replayCommand,
    onCheckDone: (result, done, total) => progress.onCheckDone(result, done, total),
    onHeartbeat: (beat) => progress.onHeartbeat(beat),
    ...(options.heartbeatMs === undefined ? {} : { heartbeatMs: options.heartbeatMs }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.callTimeoutMs === undefined ? {} : { callTimeoutMs: options.callTimeoutMs }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.runs === undefined ? {} : { numRuns: options.runs }),
    ...(options.revision === undefined ? {} : { revision: options.revision }),
    ...(options.path === undefined ? {} : { path: options.path }),
    ...(options.areas === undefined ? {} : { areas: options.areas }),
    ...(options.checks === undefined ? {} : { checks: options.checks }),
  }
}

/** Prints the outcome, writes the four files, appends the job summary on GitHub Actions. */
export async function publish(report: ConformanceReport, options: CertifyOptions): Promise<void> {
  const out = options.json ? process.stderr : process.stdout
  for (const status of ['error', 'failed'] as const) {
    for (const check of report.checks) if (check.status === status) out.write(`\n${formatFailure(check)}\n`)
  }
  for (const check of report.checks) {
    for (const note of check.notes ?? []) out.write(`note: ${check.id}: ${note}\n`)
  }
  if (report.revision?.message !== undefined) out.write(`\nnote: ${report.revision.message}\n`)
  out.write(`\n${summaryTable(report)}\n`)
  if (verdictOf(report) === 'error')
    process.stderr.write(`regstack-conformance: error: ${errorSummary(report)}\n`)
  const files = await writeReports(report, options.out)
  out.write(`reports: ${files.json}, ${files.junit}, ${files.markdown}, ${files.badge}\n`)
  const stepSummary = process.env.GITHUB_STEP_SUMMARY
  if (stepSummary !== undefined && stepSummary !== '') {
    await appendFile(stepSummary, toMarkdown(report))
    out.write(`summary appended to $GITHUB_STEP_SUMMARY (${stepSummary})\n`)
  }
  if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
}

/** The module's `teardown()`, within the call limit; a failure is reported but changes no verdict. */
async function tearDown(target: LoadedTarget, limitMs: number): Promise<void> {
  if (target.teardown === undefined) return
  try {
    await settleWithin(
      Promise.resolve().then(() => target.teardown?.()),
      limitMs,
      () => new Error(`teardown() never settled within ${seconds(limitMs)}`),
    )
  } catch (error) {
    process.stderr.write(
      `regstack-conformance: warning: teardown() failed after the verdict: ${(error as Error).message ?? String(error)}\n`,
    )
  }
}

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`
}
