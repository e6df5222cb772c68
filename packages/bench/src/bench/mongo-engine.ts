/**
 * The Mongo adapter on `MONGODB_URI`, or else on the jongodb stand-in (a wire-compatible in-memory
 * server, not a performance reference: its numbers are labelled and kept out of every target).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createMongoRepos, ensureIndexes } from '@regstack/adapter-mongo'
import { MongoClient } from 'mongodb'
import { type BenchEngine, freshNamespace, type RoundTripCounter } from './bench-engine.js'

const STARTUP_TIMEOUT_MS = 10_000
const WEEK_MS = 7 * 86_400_000

/**
 * The stand-in's binary ships in an npm package that is a dev dependency of adapter-mongo only, so it is
 * resolved from there (suggested: make it a workbench dev dependency too).
 */
function jongodbBinary(): string {
  const adapterEntry = fileURLToPath(import.meta.resolve('@regstack/adapter-mongo'))
  const require = createRequire(join(dirname(adapterEntry), '..', 'package.json'))
  return join(
    dirname(require.resolve('@jongodb/memory-server-bin-linux-x64-gnu/package.json')),
    'bin',
    'jongodb',
  )
}

/** A port the OS just handed out and released (the binary wants an explicit one). */
async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

async function startJongodb(): Promise<{ uri: string; stop: () => Promise<void> }> {
  const port = await freePort()
  const child: ChildProcess = spawn(jongodbBinary(), ['--host=127.0.0.1', `--port=${port}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  await new Promise<void>((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`jongodb did not start: ${output}`)), STARTUP_TIMEOUT_MS)
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('JONGODB_URI=')) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`jongodb exited with ${String(code)}: ${output}`))
    })
  })
  child.stderr?.resume()
  return {
    uri: `mongodb://127.0.0.1:${port}/?directConnection=true`,
    stop: async () => {
      if (child.exitCode !== null) return
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      })
    },
  }
}

/** Opens the Mongo engine; rejects when neither a URI nor the stand-in is available. */
export async function openMongoEngine(uri: string | undefined): Promise<BenchEngine> {
  const standIn = uri === undefined ? await startJongodb() : undefined
  const client = new MongoClient(uri ?? standIn?.uri ?? '', { monitorCommands: true, maxPoolSize: 10 })
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
      await ensureIndexes(db, { loginLockoutWindowMs: WEEK_MS })
      return { repos: createMongoRepos(db, { clock }), close: async () => {} }
    },
    close: async () => {
      await client.close()
      await standIn?.stop()
    },
  }
}
