/** Runs a command to completion and captures what it printed, for end-to-end tests. */
import { spawn } from 'node:child_process'

/** How a command ended. */
export interface CommandResult {
  /** Exit code, or `null` when it was killed (timeout or signal). */
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
  readonly durationMs: number
}

/** Options of {@link runCommand}. */
export interface RunCommandOptions {
  readonly cwd: string
  /** The child's whole environment. @default process.env */
  readonly env?: NodeJS.ProcessEnv
  /** Kill the command (and fail nothing by itself: the result has `code: null`) after this long. */
  readonly timeoutMs: number
}

/** Spawns `command args…` without a shell and resolves once it exits; never rejects on a non-zero exit. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: RunCommandOptions,
): Promise<CommandResult> {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr, durationMs: Math.round(performance.now() - started) })
    })
  })
}

/** The last `lines` lines of a command's output, for assertion messages that stay readable. */
export function tail(result: CommandResult, lines = 40): string {
  const all = `${result.stdout}\n${result.stderr}`.trimEnd().split('\n')
  return all.slice(-lines).join('\n')
}
