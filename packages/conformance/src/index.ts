export type { Check, CheckContext, Store } from './check.js'
export { hostileInputCounts } from './checks/hostile.js'
export { ALL_CHECKS } from './checks/index.js'
export type { HistoryShape, JudgedSample } from './checks/linearizability/measure-checker.js'
export { measureChecker } from './checks/linearizability/measure-checker.js'
export { expectEqual, expectRejects, expectResolves, expectTrue } from './harness/assert.js'
export { ContractViolation } from './harness/contract-violation.js'
export { describeValue } from './harness/describe-value.js'
export { InfrastructureError, isInfrastructureError } from './harness/infrastructure-error.js'
export { DEFAULT_SEED } from './harness/seed.js'
export { CLOCK_LEAD_MS } from './harness/store-pool.js'
export type { ShieldsEndpointBadge } from './report/badge.js'
export { toBadge } from './report/badge.js'
export { formatFailure } from './report/format-failure.js'
export { toJUnitXml } from './report/junit.js'
export { toMarkdown } from './report/markdown.js'
export type { ConformanceReport } from './report/report.js'
export { REPORT_SCHEMA_VERSION } from './report/report.js'
export { REPORT_SCHEMA, validateReport } from './report/validate-report.js'
export type { WrittenReports } from './report/write-reports.js'
export { writeReports } from './report/write-reports.js'
export { checkConformance, SUITE_VERSION } from './runner/check-conformance.js'
export { defaultReplayCommand } from './runner/run-check.js'
export { runConformance } from './runner/run-conformance.js'
export type {
  Area,
  CheckFailure,
  CheckResult,
  ConformanceCapabilities,
  ConformanceContext,
  ConformanceFaults,
  ConformanceOptions,
  ConformanceTarget,
  Level,
  MakeRepos,
  ReplayInfo,
} from './types.js'
export { AREAS } from './types.js'
