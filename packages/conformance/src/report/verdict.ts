import type { ConformanceReport } from './report.js'

/**
 * The one-word outcome of a run, from which every writer and the CLI's exit code derive:
 * `certified` (every MUST ran and passed, fault tier included), `certified-base` (the same without
 * the fault tier: no hooks), `failed` (a MUST failed), `partial` (not every check was selected), and
 * `error` (no verdict on the adapter: an infrastructure error, a hang, a process that ended early).
 */
export type Verdict = 'certified' | 'certified-base' | 'failed' | 'partial' | 'error'

/** The verdict of `report`. An error outranks failures: they may be its consequences. */
export function verdictOf(report: ConformanceReport): Verdict {
  if (report.error !== undefined || (report.summary.errors ?? 0) > 0) return 'error'
  if (report.certified) return report.tier === 'base' ? 'certified-base' : 'certified'
  if (report.summary.mustFailed > 0) return 'failed'
  return 'partial'
}

/** What the CLI exits with for a verdict: 0 certified (or partial), 1 a MUST failed, 2 no verdict. */
export function exitCodeOf(verdict: Verdict): 0 | 1 | 2 {
  return verdict === 'error' ? 2 : verdict === 'failed' ? 1 : 0
}

/** What the run could not establish, in one sentence (for an `error` verdict). */
export function errorSummary(report: ConformanceReport): string {
  if (report.error !== undefined) return report.error.message
  const errored = report.checks.filter((c) => c.status === 'error')
  return `${errored.length} check(s) ended in an infrastructure error (first: ${errored[0]?.id ?? '?'})`
}

/** The contract revision a report was checked against: reports before schema 1.2 were `2026-05`. */
export function revisionOf(report: ConformanceReport): string {
  return report.revision?.id ?? '2026-05'
}

/** What a certificate is for: `regstack storage 2026-07`. */
export function storageLabel(report: ConformanceReport): string {
  return `regstack storage ${revisionOf(report)}`
}
