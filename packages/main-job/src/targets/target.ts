import type { MakeRepos } from '@regstack/conformance'

/** One adapter on one engine, ready to be certified or benchmarked. */
export interface EngineTarget {
  /** Short stable id, used for report folders: `memory`, `sqlite-file`, `postgres`, … */
  readonly id: string
  readonly adapter: string
  readonly engine: string
  readonly makeRepos: MakeRepos
  /** Releases what the target opened (connection pools, temporary files). */
  teardown(): Promise<void>
}
