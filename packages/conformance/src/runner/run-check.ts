import type { Check, CheckContext, Store } from '../check.js'
import { ContractViolation } from '../harness/contract-violation.js'
import { describeValue } from '../harness/describe-value.js'
import { runProperty } from '../harness/property.js'
import { deriveSeed } from '../harness/seed.js'
import { nameSetupFailure } from '../harness/setup-step.js'
import type { StorePool } from '../harness/store-pool.js'
import type { CheckResult, ReplayInfo } from '../types.js'

/** How one check is run. */
export interface RunCheckSettings {
  readonly pool: StorePool
  readonly masterSeed: number
  readonly numRuns: number
  readonly timeoutMs: number
  /** `false`: report the first failing case unshrunk. @default true */
  readonly shrink?: boolean
  readonly path?: string
  readonly replayCommand: (replay: ReplayInfo) => string
}

/** Runs one check to a result; never throws. Every store the check opened is closed afterwards. */
export async function runCheck(check: Check, settings: RunCheckSettings): Promise<CheckResult> {
  const seed = deriveSeed(settings.masterSeed, check.id)
  const opened: Store[] = []
  const notes: string[] = []
  const ctx: CheckContext = {
    note: (text) => {
      notes.push(text)
    },
    numRuns: settings.numRuns,
    seed,
    open: async () => {
      const store = await settings.pool.open()
      opened.push(store)
      return store
    },
    withStore: async (body) => {
      const store = await settings.pool.open()
      try {
        return await body(store)
      } finally {
        await settings.pool.close(store)
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
  let failure: CheckResult['failure']
  try {
    await withTimeout(check.run(ctx), settings.timeoutMs, check.id)
  } catch (error) {
    failure = describeFailure(nameSetupFailure(error, check.id), check.id, settings)
  } finally {
    for (const store of opened) {
      try {
        await settings.pool.close(store)
      } catch (error) {
        failure ??= describeFailure(
          new ContractViolation(`close() of the store rejected: ${describeValue(error)}`),
          check.id,
          settings,
        )
      }
    }
  }
  return {
    id: check.id,
    title: check.title,
    area: check.area,
    level: check.level,
    clause: check.clause,
    status: failure === undefined ? 'passed' : 'failed',
    durationMs: Math.round((performance.now() - started) * 10) / 10,
    seed,
    ...(notes.length === 0 ? {} : { notes }),
    ...(failure === undefined ? {} : { failure }),
  }
}

function describeFailure(
  error: unknown,
  checkId: string,
  settings: RunCheckSettings,
): NonNullable<CheckResult['failure']> {
  const path = error instanceof ContractViolation ? error.path : undefined
  const replay = settings.replayCommand({
    checkId,
    seed: settings.masterSeed,
    numRuns: settings.numRuns,
    ...(path === undefined ? {} : { path }),
  })
  if (error instanceof ContractViolation) {
    return {
      message: error.message,
      ...(error.counterexample === undefined ? {} : { counterexample: error.counterexample }),
      ...(path === undefined ? {} : { path }),
      replay,
      ...(error.cause instanceof Error && !(error.cause instanceof ContractViolation) && error.cause.stack
        ? { stack: error.cause.stack }
        : {}),
    }
  }
  return {
    message: `unexpected exception (not a typed regstack error): ${describeValue(error)}`,
    replay,
    ...(error instanceof Error && error.stack ? { stack: error.stack } : {}),
  }
}

async function withTimeout<T>(work: Promise<T>, ms: number, id: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new ContractViolation(`${id} did not finish within ${ms} ms (a call never settled?)`)),
      ms,
    )
  })
  try {
    return await Promise.race([work, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** The default replay line: environment variables in front of the vitest command. */
export function defaultReplayCommand(replay: ReplayInfo): string {
  const parts = [
    `REGSTACK_CHECK='${replay.checkId}'`,
    `REGSTACK_SEED=${replay.seed}`,
    `REGSTACK_RUNS=${replay.numRuns}`,
  ]
  if (replay.path !== undefined) parts.push(`REGSTACK_PATH='${replay.path}'`)
  return `${parts.join(' ')} npx vitest run`
}
