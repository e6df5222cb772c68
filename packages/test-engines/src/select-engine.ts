/**
 * Which MongoDB the tests run against, chosen once per test file and printed at the start:
 *
 * 1. `MONGODB_URI` when set: a real server the caller runs.
 * 2. `mongodb-memory-server` (a real mongod it downloads) when `REGSTACK_TRY_MONGOMS=1` or inside
 *    GitHub Actions. Only tried there because, without internet, the download attempt costs ~7 s
 *    before failing. `REGSTACK_REQUIRE_REAL_MONGO=1` turns a failure here into a test failure instead
 *    of a fallback (the real-MongoDB workflow sets it).
 * 3. SecantusDB (WiredTiger; regstack's own test engine) when its binary is available: the regstack
 *    bridge's venv or `REGSTACK_SECANTUSD` (see secantusdb.ts). `REGSTACK_REQUIRE_SECANTUS=1` (CI)
 *    makes a missing binary a failure instead of a fallback.
 * 4. Otherwise the jongodb stand-in behind the findAndModify wire shim (see wire-shim.ts).
 */
import { MongoClient } from 'mongodb'
import type { ConnectionKiller } from './fault-hooks.js'
import { startJongodb } from './jongodb.js'
import { secantusBinary, startSecantus } from './secantusdb.js'
import { startWireShim } from './wire-shim.js'

/** A running engine plus a connected client the tests share. */
export interface MongoEngine {
  readonly kind: 'external' | 'mongodb-memory-server' | 'secantusdb' | 'jongodb'
  /** Human-readable engine and version, written into the conformance report. */
  readonly label: string
  readonly client: MongoClient
  /** Connection kills for the fault-injection tier, through the wire shim (SecantusDB and jongodb). */
  readonly faults?: ConnectionKiller
  /** Closes the client, then stops whatever this module started. */
  stop(): Promise<void>
}

const DEFAULT_MONGOMS_TIMEOUT_MS = 30_000

interface Started {
  readonly kind: MongoEngine['kind']
  readonly uri: string
  readonly note: string
  readonly stop: () => Promise<void>
  readonly dropConnections?: () => Promise<void>
}

async function tryMemoryServer(): Promise<Started | Error> {
  const timeoutMs = Number(process.env.REGSTACK_MONGOMS_TIMEOUT_MS ?? DEFAULT_MONGOMS_TIMEOUT_MS)
  try {
    const { MongoMemoryServer } = await import('mongodb-memory-server')
    const creating = MongoMemoryServer.create()
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no mongod within ${timeoutMs} ms`)), timeoutMs)
    })
    try {
      const server = await Promise.race([creating, timeout])
      return {
        kind: 'mongodb-memory-server',
        uri: server.getUri(),
        note: 'mongodb-memory-server',
        stop: async () => {
          await server.stop()
        },
      }
    } catch (error) {
      // A server that starts after the timeout must not outlive the run.
      creating.then((late) => late.stop()).catch(() => undefined)
      throw error
    } finally {
      clearTimeout(timer)
    }
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error))
  }
}

async function startStandIn(): Promise<Started> {
  const jongodb = await startJongodb()
  const shim = await startWireShim(jongodb.address)
  return {
    kind: 'jongodb',
    uri: `mongodb://${shim.address}/?directConnection=true`,
    note: 'stand-in through the findAndModify wire shim; no real mongod here',
    dropConnections: () => shim.dropConnections(),
    stop: async () => {
      await shim.close()
      await jongodb.stop()
    },
  }
}

async function startSecantusDb(binary: string): Promise<Started> {
  const server = await startSecantus(binary)
  // The shim only forwards here; it is what lets the fault tier kill the driver's connections.
  const shim = await startWireShim(server.address, { rewrite: false })
  return {
    kind: 'secantusdb',
    uri: `mongodb://${shim.address}/?directConnection=true`,
    note: 'SecantusDB over WiredTiger, single node',
    dropConnections: () => shim.dropConnections(),
    stop: async () => {
      await shim.close()
      await server.stop()
    },
  }
}

async function start(): Promise<Started> {
  const external = process.env.MONGODB_URI
  if (external !== undefined && external !== '') {
    return { kind: 'external', uri: external, note: 'MONGODB_URI', stop: async () => undefined }
  }
  if (process.env.REGSTACK_TRY_MONGOMS === '1' || process.env.GITHUB_ACTIONS === 'true') {
    const started = await tryMemoryServer()
    if (!(started instanceof Error)) return started
    if (process.env.REGSTACK_REQUIRE_REAL_MONGO === '1') {
      throw new Error('REGSTACK_REQUIRE_REAL_MONGO=1 but mongodb-memory-server could not start', {
        cause: started,
      })
    }
    console.warn(
      `[adapter-mongo] mongodb-memory-server unavailable (${started.message}); trying the next engine`,
    )
  }
  const secantus = secantusBinary()
  if (secantus !== undefined) return await startSecantusDb(secantus)
  if (process.env.REGSTACK_REQUIRE_SECANTUS === '1') {
    throw new Error(
      'REGSTACK_REQUIRE_SECANTUS=1 but no secantusd-py: run bridges/regstack-python/setup-venv.sh or set REGSTACK_SECANTUSD',
    )
  }
  return await startStandIn()
}

/** Which engine to start: the first available in the order above, or the jongodb stand-in itself. */
export interface MongoEngineChoice {
  /** Start the jongodb stand-in whatever else is available. */
  readonly standIn?: boolean
}

/** Starts (or connects to) the engine and prints which one it is. */
export async function selectMongoEngine(choice: MongoEngineChoice = {}): Promise<MongoEngine> {
  const started = choice.standIn === true ? await startStandIn() : await start()
  const client = new MongoClient(started.uri, { serverSelectionTimeoutMS: 10_000 })
  await client.connect()
  const info = await client.db('admin').command({ buildInfo: 1 })
  const version = typeof info.version === 'string' ? info.version : 'unknown version'
  const product = started.kind === 'jongodb' || started.kind === 'secantusdb' ? started.kind : 'mongodb'
  const label = `${product} ${version} (${started.note})`
  console.info(`[adapter-mongo] engine: ${label}`)
  return {
    kind: started.kind,
    label,
    client,
    ...(started.dropConnections === undefined
      ? {}
      : { faults: { dropConnections: started.dropConnections } }),
    stop: async () => {
      await client.close()
      await started.stop()
    },
  }
}
