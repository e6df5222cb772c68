import type { ConformanceReport } from '../report/report.js'
import type { ConformanceOptions, MakeRepos } from '../types.js'
import { ConformanceRun } from './conformance-run.js'

export { SUITE_VERSION } from './suite-version.js'

/**
 * Runs the conformance suite against `makeRepos` without any test runner and resolves to the report.
 * Never rejects for anything the target does: failures are in `checks`, infrastructure errors are
 * checks with status `error`, and a run that had to stop says why in `error`. Rejects only for bad
 * options.
 */
export async function checkConformance(
  makeRepos: MakeRepos,
  options: ConformanceOptions = {},
): Promise<ConformanceReport> {
  return await new ConformanceRun(makeRepos, options).run()
}
