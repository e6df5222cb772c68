/**
 * Starts SecantusDB — a single-node MongoDB-wire server over WiredTiger (PyPI `SecantusDB`, GPL-2.0,
 * a test engine only) — from the regstack bridge's venv (`bridges/regstack-python/setup-venv.sh`
 * installs the pinned pre-release). `REGSTACK_SECANTUSD` names another `secantusd-py` binary.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort } from './free-port.js'

/** A running SecantusDB. */
export interface SecantusProcess {
  /** `host:port` of the server. */
  readonly address: string
  stop(): Promise<void>
}

const STARTUP_TIMEOUT_MS = 60_000

/**
 * The `secantusd-py` to run, or `undefined` when neither the env override nor the venv has one, or
 * when `REGSTACK_SECANTUSD=none` asks for the next engine (to run the suite on jongodb on purpose).
 */
export function secantusBinary(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const override = env.REGSTACK_SECANTUSD
  if (override === 'none') return undefined
  if (override !== undefined && override !== '') return override
  const venv = fileURLToPath(
    // From packages/test-engines/dist/ (or src/) up to the repository root.
    new URL('../../../bridges/regstack-python/.venv/bin/secantusd-py', import.meta.url),
  )
  return existsSync(venv) ? venv : undefined
}

/** Spawns the server with a scratch WiredTiger folder and waits for its "listening on" line. */
export async function startSecantus(binary: string): Promise<SecantusProcess> {
  const port = await freePort()
  const storage = mkdtempSync(join(tmpdir(), 'regstack-secantus-'))
  const child: ChildProcess = spawn(
    binary,
    ['--host', '127.0.0.1', '--port', String(port), '--storage-path', storage, '--log-level', 'INFO'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  try {
    await new Promise<void>((resolve, reject) => {
      let output = ''
      const timer = setTimeout(
        () => reject(new Error(`SecantusDB did not start: ${output}`)),
        STARTUP_TIMEOUT_MS,
      )
      const onData = (chunk: Buffer): void => {
        output += chunk.toString()
        if (output.includes('listening on')) {
          clearTimeout(timer)
          resolve()
        }
      }
      child.stdout?.on('data', onData)
      child.stderr?.on('data', onData)
      child.once('error', (error) => {
        clearTimeout(timer)
        reject(error)
      })
      child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`SecantusDB exited with code ${code}: ${output}`))
      })
    })
  } catch (error) {
    child.kill('SIGKILL')
    rmSync(storage, { recursive: true, force: true })
    throw error
  }
  // Past start-up its log is noise; keep draining it so a full pipe never blocks the server.
  child.stdout?.removeAllListeners('data').resume()
  child.stderr?.removeAllListeners('data').resume()
  child.removeAllListeners('exit')
  return {
    address: `127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
        await exited
        clearTimeout(timer)
      }
      rmSync(storage, { recursive: true, force: true })
    },
  }
}
