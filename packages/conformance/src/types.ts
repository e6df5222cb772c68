import type { ContractRevision, FrozenClock, Repos, ReposOf } from '@regstack/protocols'

/** What the suite hands `makeRepos` each time it needs a store. */
export interface ConformanceContext {
  /** The adapter must take every defaulted "now" from this clock (CONTRACT §0.2). */
  readonly clock: FrozenClock
  /**
   * Unique per call; use it as a table prefix, key prefix or database name if the adapter needs one.
   * Always matches `/^[a-z][a-z0-9_]{0,23}$/`: lower-case ASCII letters, digits and underscores,
   * starting with a letter, at most 24 characters (so `<namespace>_oauth_identities` still fits the
   * 63-character identifiers of PostgreSQL and the 64 of MySQL, and it is a valid MongoDB database name).
   */
  readonly namespace: string
}

/** Optional behaviours an adapter declares (a manifest, never a skip list). */
export interface ConformanceCapabilities {
  /**
   * The engine may delete pending rows, MFA codes, OAuth states and blacklist entries on its own once
   * they are past expiry by the real wall clock (CONTRACT §0.13). The suite then accepts "still there"
   * or "gone" for such rows.
   */
  readonly automaticExpiry?: boolean
}

/**
 * Hooks for the fault-injection tier. A target that supplies them enables the `faults` area; without
 * them those checks are reported as not applicable (never as passed).
 */
export interface ConformanceFaults {
  /**
   * Kills, from the server side, every connection this store's adapter holds (PostgreSQL
   * `pg_terminate_backend`, MariaDB `KILL`, a stand-in restart, …) and resolves once they are dead
   * **as the client sees them**: the server having closed them is not enough. A `pg.Pool` can still hold
   * an idle client that has not yet read its `57P01 terminating connection` message; resolve only
   * after each of the adapter's connections has observed the kill (its `error`/`end` event fired, or a
   * probe through it failed), or the next check meets the kill instead of this one.
   * The adapter must recover on its next call without being re-created.
   */
  dropConnections(): Promise<void>
}

/** A fresh, empty, isolated store. */
export interface ConformanceTarget {
  /**
   * The repositories. An adapter that declares `revision: '2026-05'` may hand the `2026-05` shapes
   * (states without `resultWasNew`); see `ReposOf` in `@regstack/protocols`.
   */
  readonly repos: Repos | ReposOf<'2026-05'>
  /**
   * The contract revision the adapter implements (CONTRACT §0.19), e.g. `'2026-07'`. The suite checks
   * exactly that revision's rules unless `ConformanceOptions.revision` says otherwise. Omitted: the
   * newest revision is checked, and the run says so.
   */
  readonly revision?: ContractRevision
  readonly capabilities?: ConformanceCapabilities
  /** Fault-injection hooks (optional); see {@link ConformanceFaults}. */
  readonly faults?: ConformanceFaults
  /** Called once the suite is done with this store; release connections, drop scratch tables. */
  close?(): Promise<void>
}

/** Returns a fresh, empty, isolated store every call; called many times. */
export type MakeRepos = (ctx: ConformanceContext) => Promise<ConformanceTarget> | ConformanceTarget

/** Areas of the contract; every check belongs to exactly one. */
export const AREAS = [
  'users',
  'pending',
  'blacklist',
  'attempts',
  'mfaCodes',
  'oauthIdentities',
  'oauthStates',
  'model',
  'concurrency',
  'hostile',
  'isolation',
  'faults',
  'linearizability',
  'timeZones',
] as const
/** One area of the contract. */
export type Area = (typeof AREAS)[number]

/** RFC 2119 strength of a rule. A failed MUST fails certification; a failed SHOULD is reported only. */
export type Level = 'MUST' | 'SHOULD'

/** Options shared by `runConformance` and `checkConformance`. */
export interface ConformanceOptions {
  /** Adapter name used in reports and test titles. @default 'adapter' */
  readonly name?: string
  /** Engine label written into the report (e.g. `postgresql 15`). @default 'unknown' */
  readonly engine?: string
  /**
   * Base number of generated cases per property. Omitted: chosen from the measured cost of opening a
   * store (about 100 for in-process stores, fewer for networked ones). Env: `REGSTACK_RUNS`.
   */
  readonly numRuns?: number
  /** Master seed; every check derives its own from it and its id. Env: `REGSTACK_SEED`. @default 20261127 */
  readonly seed?: number
  /** Replay path of a failure (needs exactly one check selected). Env: `REGSTACK_PATH`. */
  readonly path?: string
  /**
   * The contract revision to certify against (CONTRACT §0.19), overriding what the target declares
   * (`ConformanceTarget.revision`). Checks new in a later revision than the target's fail saying so.
   * Env: `REGSTACK_REVISION`. @default the target's declared revision, else the newest
   */
  readonly revision?: ContractRevision
  /** Run only these areas; the report is then marked partial. Env: `REGSTACK_AREAS` (comma-separated). */
  readonly areas?: readonly Area[]
  /** Run only checks whose id equals or starts with one of these. Env: `REGSTACK_CHECK` (comma-separated). */
  readonly checks?: readonly string[]
  /** Stop after the first failed MUST check (fast feedback while developing; the report is then partial). */
  readonly bail?: boolean
  /**
   * Shrink a failing property's counterexample to a minimal one. `false` reports the first failing
   * case as found: pass or fail is unchanged, only the counterexample is less minimal — for slow targets
   * (an adapter behind the process bridge) that fail many checks, where shrinking dominates the run.
   * Env: `REGSTACK_SHRINK=0`. @default true
   */
  readonly shrink?: boolean
  /** Per-check time limit in milliseconds. @default 120000 */
  readonly timeoutMs?: number
  /**
   * Limit for one call into the target — a repository method, a fault hook, `makeRepos`, `close` — in
   * milliseconds. A call still pending after it fails its check naming the call; two such calls in a
   * row stop the run as an error, so an adapter that hangs is diagnosed in about a minute.
   * @default 30000
   */
  readonly callTimeoutMs?: number
  /** Called as each check finishes (progress reporting). */
  readonly onCheckDone?: (result: CheckResult, done: number, total: number) => void
  /**
   * Called every `heartbeatMs` while the run is going, with the running check and the calls it is
   * waiting on (so a long or stuck check is never silent).
   */
  readonly onHeartbeat?: (beat: Heartbeat) => void
  /** Interval of `onHeartbeat`. @default 15000 */
  readonly heartbeatMs?: number
  /**
   * Builds the one-line command that replays a failure. Default: environment variables in front of
   * `npx vitest run`.
   */
  readonly replayCommand?: (replay: ReplayInfo) => string
}

/** What a replay needs. */
export interface ReplayInfo {
  readonly checkId: string
  readonly seed: number
  /** The base run count of the failing run (calibrated counts can differ between machines). */
  readonly numRuns: number
  readonly path?: string
  /** The test file that ran it, when known (vitest): the replay line then runs only that file. */
  readonly testFile?: string
}

/** A sign of life of a running suite. */
export interface Heartbeat {
  /** The check running now, or `calibration` before the first check. */
  readonly running: string
  /** How long it has been running, in milliseconds. */
  readonly runningMs: number
  /** Calls into the target it is waiting on, oldest first, as code with their arguments. */
  readonly pending: readonly { readonly call: string; readonly ageMs: number }[]
  readonly done: number
  readonly total: number
}

/**
 * Outcome of one check: `passed`; `failed` (the adapter broke the rule, or one of its calls never
 * settled); `error` (the check could not reach a verdict: `makeRepos`, `close` or the engine failed —
 * not the adapter's behaviour). An `error` is never certified and never counted as a failure.
 */
export interface CheckResult {
  readonly id: string
  readonly title: string
  readonly area: Area
  readonly level: Level
  readonly clause: string
  /** The contract revision that introduced the rule (report 1.2; absent in older reports: `2026-05`). */
  readonly since?: ContractRevision
  readonly status: 'passed' | 'failed' | 'error'
  readonly durationMs: number
  /** The seed the check's properties ran with. */
  readonly seed: number
  /** Facts the check recorded about this run (see `CheckContext.note`). */
  readonly notes?: readonly string[]
  /** Where `clause` is written: the contract document's web address with the clause's anchor (report 1.1). */
  readonly clauseUrl?: string
  readonly failure?: CheckFailure
}

/** Why a check failed or ended in an error, in a form a person can act on. */
export interface CheckFailure {
  /** What rule broke and how: expected versus actual. */
  readonly message: string
  /** The minimal input or command sequence after shrinking, printed as code. */
  readonly counterexample?: string
  /** fast-check replay path of the counterexample. */
  readonly path?: string
  /** The one-line command that replays exactly this failure. */
  readonly replay: string
  /** Stack of an unexpected exception or an infrastructure error's cause (not of a contract violation). */
  readonly stack?: string
}
