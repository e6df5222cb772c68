/** One adapter on one engine as the benchmarks see it: fresh stores, a round-trip counter, the raw floor. */
import type { FrozenClock, Repos } from '@regstack/protocols'
import type { Knex } from 'knex'
import type { Peer, PeerName, PeerRepos } from './peers/peer-repos.js'
import type { RawDb } from './raw-driver.js'

/** Counts what crossed the wire; the engine increments it from driver instrumentation. */
export interface RoundTripCounter {
  count: number
  /**
   * Attaches the instrumentation and returns its detach; absent when counting is always on. Counting
   * that costs time (a knex `query` listener makes knex build an event per statement) is attached only
   * while round trips are counted, never while latency is timed.
   */
  listen?(): () => void
}

/** A fresh, isolated store for one pass. */
export interface BenchStore {
  readonly repos: Repos
  /** The same store without `guardRepos` (memory only), to price validation separately. */
  readonly unguarded?: Repos
  /** Physical table name of a logical one (`users` → `b1x_users`); SQL engines only. */
  readonly table?: (name: string) => string
  /** The hot paths written with other query libraries on this store's tables (PostgreSQL, MariaDB). */
  readonly peers?: Partial<Record<PeerName, PeerRepos>>
  close(): Promise<void>
}

export interface BenchEngine {
  /** `memory`, `sqlite-file`, `sqlite-memory`, `postgres`, `mariadb`, `mongo`. */
  readonly id: string
  /** Engine and version as reported by the server. */
  readonly label: string
  /** False for stand-ins whose timings say nothing about the real engine (jongodb). */
  readonly reference: boolean
  /** How the round trips are counted, for the report. */
  readonly counterLabel: string
  readonly counter?: RoundTripCounter
  readonly raw?: RawDb
  /** Other query libraries on the same engine, each with its own pool. */
  readonly peers?: readonly Peer[]
  readonly knex?: Knex
  openStore(clock: FrozenClock): Promise<BenchStore>
  close(): Promise<void>
}

let storeSequence = 0
const runTag = Math.floor(Math.random() * 36 ** 4).toString(36)

/** A table prefix (or database name) nobody used before in this database. */
export function freshNamespace(): string {
  storeSequence += 1
  return `bench_${runTag}_${storeSequence}`
}
