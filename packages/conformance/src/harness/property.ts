import fc from 'fast-check'
import { callThatThrew } from './call-recorder.js'
import { ContractViolation } from './contract-violation.js'

/** Settings of one property run. */
export interface PropertySettings {
  readonly seed: number
  readonly numRuns: number
  /** Replay path; when set, fast-check replays exactly that case and shrinks no further. */
  readonly path?: string
  /** `false`: stop at the first failing case, unshrunk. @default true */
  readonly shrink?: boolean
}

/**
 * Runs an async property and, on failure, throws a `ContractViolation` whose message is the broken
 * rule and whose counterexample is the shrunk input printed as code, with the replay path.
 */
export async function runProperty<Ts extends [unknown, ...unknown[]]>(
  arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> },
  predicate: (...args: Ts) => Promise<void>,
  settings: PropertySettings,
): Promise<void> {
  // fast-check's variadic signature cannot be satisfied generically; the tuple is rebuilt untyped.
  const build = fc.asyncProperty as unknown as (
    ...args: [...fc.Arbitrary<unknown>[], (...values: unknown[]) => Promise<void>]
  ) => fc.IAsyncProperty<Ts>
  const property = build(
    ...(arbitraries as unknown as fc.Arbitrary<unknown>[]),
    async (...args: unknown[]) => {
      await predicate(...(args as Ts))
    },
  )
  const details = await fc.check(property, {
    seed: settings.seed,
    numRuns: settings.numRuns,
    ...(settings.path === undefined ? {} : { path: settings.path, endOnFailure: true }),
    ...(settings.shrink === false ? { endOnFailure: true } : {}),
  })
  if (!details.failed) return
  const error = details.errorInstance
  // A check that renders its own counterexample (the model runs print a program) keeps it.
  const counterexample =
    error instanceof ContractViolation && error.counterexample !== undefined
      ? error.counterexample
      : details.counterexample === null
        ? undefined
        : details.counterexample.map((v) => fc.stringify(v)).join(',\n')
  // An exception that is no typed regstack error names the call (and its shrunk arguments) it came from.
  const call = error instanceof ContractViolation ? undefined : callThatThrew(error)
  const message =
    error instanceof ContractViolation
      ? error.message
      : `unexpected ${error instanceof Error ? `${error.name}: ${error.message}` : fc.stringify(error)}${call === undefined ? '' : ` from ${call}`}`
  throw new ContractViolation(message, {
    ...(counterexample === undefined ? {} : { counterexample }),
    path: details.counterexamplePath ?? undefined,
    cause: error,
  })
}
