/** Starts the jongodb stand-in (a wire-compatible in-memory server) on a free port. */
import { type ChildProcess, spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort } from './free-port.js'

/** A running stand-in. */
export interface JongodbProcess {
  /** `host:port` of the server. */
  readonly address: string
  stop(): Promise<void>
}

const STARTUP_TIMEOUT_MS = 10_000

/**
 * The binary inside `@jongodb/memory-server-bin-linux-x64-gnu`, a dependency of this package: its
 * manifest (the package has no exports map) sits beside `bin/`.
 */
export function jongodbBinary(): string {
  const manifest = import.meta.resolve('@jongodb/memory-server-bin-linux-x64-gnu/package.json')
  return join(dirname(fileURLToPath(manifest)), 'bin', 'jongodb')
}

/** Spawns the binary and waits for its `JONGODB_URI=` line (about 15 ms on this machine). */
export async function startJongodb(): Promise<JongodbProcess> {
  const port = await freePort()
  const child: ChildProcess = spawn(jongodbBinary(), ['--host=127.0.0.1', `--port=${port}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  await new Promise<void>((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`jongodb did not start: ${output}`)), STARTUP_TIMEOUT_MS)
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      if (output.includes('JONGODB_URI=')) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
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
  // Keep draining its output so a full pipe never blocks the server.
  child.stdout?.resume()
  child.stderr?.resume()
  return {
    address: `127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode !== null) return
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      })
    },
  }
}
