/**
 * The Mongo adapter on `MONGODB_URI`, or else on the jongodb stand-in (a wire-compatible in-memory
 * server, not a performance reference: its numbers are labelled and kept out of every target).
 */
import { createMongoRepos, ensureIndexes } from '@regstack/adapter-mongo'
import { startJongodb } from '@regstack/test-engines'
import { MongoClient } from 'mongodb'
import { type BenchEngine, freshNamespace, type RoundTripCounter } from './bench-engine.js'

const WEEK_MS = 7 * 86_400_000

/** Opens the Mongo engine; rejects when neither a URI nor the stand-in is available. */
export async function openMongoEngine(uri: string | undefined): Promise<BenchEngine> {
  const standIn = uri === undefined ? await startJongodb() : undefined
  const standInUri = standIn === undefined ? '' : `mongodb://${standIn.address}/?directConnection=true`
  const client = new MongoClient(uri ?? standInUri, { monitorCommands: true, maxPoolSize: 10 })
  const counter: RoundTripCounter = { count: 0 }
  // One commandStarted per command sent: the Mongo adapter's round trips.
  client.on('commandStarted', () => {
    counter.count += 1
  })
  try {
    await client.connect()
  } catch (error) {
    await standIn?.stop()
    throw error
  }
  const info = (await client.db('admin').command({ buildInfo: 1 })) as { version?: string }
  const label =
    standIn === undefined
      ? `MongoDB ${info.version ?? '?'}`
      : `jongodb stand-in (reports ${info.version ?? '?'}) — not a performance reference`
  return {
    id: 'mongo',
    label,
    reference: standIn === undefined,
    counterLabel: 'driver `commandStarted` events',
    counter,
    openStore: async (clock) => {
      // The stand-in cannot drop databases; a fresh name per store keeps runs apart anyway.
      const db = client.db(freshNamespace())
      // The stand-in has neither `create` with a validator nor `collMod`; a real server installs it.
      await ensureIndexes(db, { loginLockoutWindowMs: WEEK_MS, oauthStatesValidator: standIn === undefined })
      return { repos: createMongoRepos(db, { clock }), close: async () => {} }
    },
    close: async () => {
      await client.close()
      await standIn?.stop()
    },
  }
}
