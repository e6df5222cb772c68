import { type LoadedProcessTarget, loadProcessTarget } from '../bridge/load-process-target.js'
import { formatFailure } from '../report/format-failure.js'
import { writeReports } from '../report/write-reports.js'
import { checkConformance } from '../runner/check-conformance.js'
import type { Area, ReplayInfo } from '../types.js'
import { type LoadedTarget, loadTarget, UsageError } from './load-target.js'
import { Progress } from './progress.js'
import { summaryTable } from './summary-table.js'

/** Parsed options of `certify`. */
export interface CertifyOptions {
  /** Module or package to load; with `process`, only a label for the report. */
  readonly specifier: string
  /** A bridge command line (docs/bridge-protocol.md) to run instead of loading a module. */
  readonly process?: string
  readonly exportName: string
  readonly engineUrl?: string
  readonly engine?: string
  readonly name?: string
  readonly seed?: number
  readonly runs?: number
  readonly path?: string
  readonly areas?: readonly Area[]
  readonly checks?: readonly string[]
  readonly bail: boolean
  readonly out: string
  readonly cwd: string
}

/** Runs `certify`; resolves to the process exit code (0 certified or only SHOULD failed, 1 a MUST failed). */
export async function certify(options: CertifyOptions, out: NodeJS.WriteStream): Promise<number> {
  // The adapter module reads its engine URL from the environment, so it must be set before import.
  if (options.engineUrl !== undefined) process.env.REGSTACK_ENGINE_URL = options.engineUrl
  const target: LoadedTarget & Partial<LoadedProcessTarget> =
    options.process === undefined
      ? await loadTarget(options.specifier, options.exportName, options.cwd)
      : await loadProcessTarget(options.process, options.cwd).catch((error: unknown) => {
          throw new UsageError(`could not start ${options.process}: ${(error as Error).message}`, {
            cause: error,
          })
        })
  out.write(`regstack-conformance: certifying ${options.specifier} (${target.resolvedFrom})\n`)
  const progress = new Progress(out)
  const replayCommand = (replay: ReplayInfo): string =>
    [
      'npx regstack-conformance certify',
      options.process === undefined ? shellQuote(options.specifier) : '',
      options.exportName === 'makeRepos' ? '' : `--export ${shellQuote(options.exportName)}`,
      options.process === undefined ? '' : `--process ${shellQuote(options.process)}`,
      `--check ${shellQuote(replay.checkId)}`,
      `--seed ${replay.seed}`,
      `--runs ${replay.numRuns}`,
      replay.path === undefined ? '' : `--path ${shellQuote(replay.path)}`,
    ]
      .filter(Boolean)
      .join(' ')
  let report: Awaited<ReturnType<typeof checkConformance>>
  try {
    report = await checkConformance(target.makeRepos, {
      name: options.name ?? target.name ?? options.specifier,
      engine: options.engine ?? target.engine ?? 'unknown',
      bail: options.bail,
      replayCommand,
      onCheckDone: (result, done, total) => progress.onCheckDone(result, done, total),
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      ...(options.runs === undefined ? {} : { numRuns: options.runs }),
      ...(options.path === undefined ? {} : { path: options.path }),
      ...(options.areas === undefined ? {} : { areas: options.areas }),
      ...(options.checks === undefined ? {} : { checks: options.checks }),
    })
  } catch (error) {
    throw new UsageError(`could not run the suite: ${(error as Error).message ?? String(error)}`, {
      cause: error,
    })
  } finally {
    await target.teardown?.()
  }
  for (const check of report.checks) {
    if (check.status === 'failed') out.write(`\n${formatFailure(check)}\n`)
  }
  for (const check of report.checks) {
    for (const note of check.notes ?? []) out.write(`note: ${check.id}: ${note}\n`)
  }
  out.write(`\n${summaryTable(report)}\n`)
  const files = await writeReports(report, options.out)
  out.write(`reports: ${files.json}, ${files.junit}, ${files.markdown}, ${files.badge}\n`)
  return report.summary.mustFailed > 0 ? 1 : 0
}

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`
}
