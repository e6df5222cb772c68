import { CONTRACT_REVISIONS, type ContractRevision, isContractRevision } from '@regstack/protocols'
import { DEFAULT_SEED } from '../harness/seed.js'
import type { Area, ConformanceOptions, ReplayInfo } from '../types.js'
import { defaultReplayCommand } from './run-check.js'

/** Options with environment overrides applied (`REGSTACK_SEED`, `REGSTACK_RUNS`, `REGSTACK_PATH`, …). */
export interface ResolvedOptions {
  readonly name: string
  readonly engine: string
  readonly seed: number
  readonly numRuns: number | undefined
  readonly path: string | undefined
  readonly areas: readonly Area[] | undefined
  /** The revision asked for explicitly (option or `REGSTACK_REVISION`); undefined: the target's. */
  readonly revision: ContractRevision | undefined
  readonly checks: readonly string[] | undefined
  readonly timeoutMs: number
  readonly callTimeoutMs: number
  readonly shrink: boolean
  readonly replayCommand: (replay: ReplayInfo) => string
}

/** Explicit options win over environment variables, which win over defaults. */
export function resolveOptions(
  options: ConformanceOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): ResolvedOptions {
  const list = (v: string | undefined) =>
    v === undefined || v.trim() === ''
      ? undefined
      : v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
  return {
    name: options.name ?? 'adapter',
    engine: options.engine ?? 'unknown',
    seed: options.seed ?? integerFromEnv(env.REGSTACK_SEED, 'REGSTACK_SEED') ?? DEFAULT_SEED,
    numRuns: options.numRuns ?? integerFromEnv(env.REGSTACK_RUNS, 'REGSTACK_RUNS'),
    path: options.path ?? (env.REGSTACK_PATH || undefined),
    areas: options.areas ?? (list(env.REGSTACK_AREAS) as Area[] | undefined),
    checks: options.checks ?? list(env.REGSTACK_CHECK),
    revision: revisionOption(options.revision ?? (env.REGSTACK_REVISION || undefined)),
    timeoutMs: positive(options.timeoutMs, 'timeoutMs') ?? 120_000,
    callTimeoutMs: positive(options.callTimeoutMs, 'callTimeoutMs') ?? 30_000,
    shrink: options.shrink ?? env.REGSTACK_SHRINK !== '0',
    replayCommand: options.replayCommand ?? defaultReplayCommand,
  }
}

function revisionOption(value: unknown): ContractRevision | undefined {
  if (value === undefined) return undefined
  if (!isContractRevision(value)) {
    throw new TypeError(
      `unknown contract revision ${JSON.stringify(value)}; known: ${CONTRACT_REVISIONS.join(', ')}`,
    )
  }
  return value
}

function integerFromEnv(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value.trim() === '') return undefined
  const n = Number(value)
  if (!Number.isSafeInteger(n))
    throw new TypeError(`${name} must be an integer, got ${JSON.stringify(value)}`)
  return n
}

function positive(value: number | undefined, name: string): number | undefined {
  if (value === undefined) return undefined
  if (!Number.isFinite(value) || value <= 0)
    throw new TypeError(`${name} must be a positive number of milliseconds`)
  return value
}
