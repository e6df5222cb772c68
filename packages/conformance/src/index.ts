export type { BridgeCommand, BridgeHandshake } from './bridge/bridge-process.js'
export { BRIDGE_PROTOCOL_VERSION } from './bridge/bridge-process.js'
export type { RepoMethods } from './bridge/bridge-repos.js'
export { REPO_METHODS } from './bridge/bridge-repos.js'
export type { ProcessTarget } from './bridge/create-process-target.js'
export { createProcessTarget } from './bridge/create-process-target.js'
export type { WireError } from './bridge/wire-error.js'
export { BridgeCallError } from './bridge/wire-error.js'
export type { WireValue } from './bridge/wire-value.js'
export { decodeWireValue, encodeWireValue } from './bridge/wire-value.js'
export type { Check, CheckContext, Store } from './check.js'
export { hostileInputCounts } from './checks/hostile.js'
export { ALL_CHECKS } from './checks/index.js'
export type { HistoryShape, JudgedSample } from './checks/linearizability/measure-checker.js'
export { measureChecker } from './checks/linearizability/measure-checker.js'
export type { ExtraRow, OpenedTarget, PlannedTarget, TargetsModule } from './cli/targets-module.js'
export { expectEqual, expectRejects, expectResolves, expectTrue } from './harness/assert.js'
export { ContractViolation } from './harness/contract-violation.js'
export { describeValue } from './harness/describe-value.js'
export { InfrastructureError, isInfrastructureError } from './harness/infrastructure-error.js'
export { NeverSettledError } from './harness/never-settled.js'
export { DEFAULT_SEED } from './harness/seed.js'
export { CLOCK_LEAD_MS } from './harness/store-pool.js'
export type { ShieldsEndpointBadge } from './report/badge.js'
export { toBadge } from './report/badge.js'
export type { ClauseRef } from './report/clause-link.js'
export {
  CONTRACT_PATH,
  CONTRACT_URL,
  clauseMarkdown,
  clauseRefs,
  clauseUrl,
  clauseUrls,
  REPOSITORY_URL,
} from './report/clause-link.js'
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
export type {
  Area,
  CheckFailure,
  CheckResult,
  ConformanceCapabilities,
  ConformanceContext,
  ConformanceFaults,
  ConformanceOptions,
  ConformanceTarget,
  Heartbeat,
  Level,
  MakeRepos,
  ReplayInfo,
} from './types.js'
export { AREAS } from './types.js'
