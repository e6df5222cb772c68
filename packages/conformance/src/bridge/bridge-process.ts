import { type ChildProcess, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { InfrastructureError } from '../harness/infrastructure-error.js'
import type { WireError } from './wire-error.js'
import type { WireValue } from './wire-value.js'

/** The protocol version this kit speaks (docs/bridge-protocol.md). */
export const BRIDGE_PROTOCOL_VERSION = 1

/** The first line a bridge writes: who it is. */
export interface BridgeHandshake {
  readonly bridge: 'regstack-conformance'
  readonly protocol: number
  readonly implementation: { readonly name: string; readonly version: string; readonly engine: string }
  readonly capabilities?: { readonly automaticExpiry?: boolean }
  /** The contract revision the implementation declares (CONTRACT §0.19), e.g. `"2026-07"`. */
  readonly revision?: string
}

/** How to start a bridge process. */
export interface BridgeCommand {
  readonly command: string
  readonly args?: readonly string[]
  /** Added to this process's environment. */
  readonly env?: Readonly<Record<string, string>>
  readonly cwd?: string
  /** Longest wait for the handshake (engines may start first). @default 120000 */
  readonly startTimeoutMs?: number
  /** Longest wait for one answer before the process counts as silent. @default 60000 */
  readonly requestTimeoutMs?: number
}

type Answer =
  | { readonly ok: true; readonly result: WireValue }
  | { readonly ok: false; readonly error: WireError }

interface Waiting {
  readonly resolve: (answer: Answer) => void
  readonly reject: (error: Error) => void
  readonly timer: NodeJS.Timeout
}

/**
 * One running bridge process: JSON lines out on stdin, answers in on stdout, matched by `id`.
 * Anything wrong with the process itself — it will not start, exits, crashes, falls silent, or
 * writes a line that is not the protocol — rejects every waiting call with an
 * {@link InfrastructureError} and the process is not used again.
 */
export class BridgeProcess {
  readonly handshake: BridgeHandshake
  readonly #child: ChildProcess
  readonly #waiting = new Map<number, Waiting>()
  readonly #requestTimeoutMs: number
  readonly #stderrTail: string[]
  #nextId = 1
  #dead: InfrastructureError | undefined

  private constructor(child: ChildProcess, handshake: BridgeHandshake, timeoutMs: number, tail: string[]) {
    this.#child = child
    this.handshake = handshake
    this.#requestTimeoutMs = timeoutMs
    this.#stderrTail = tail
  }

  /** Starts the process and waits for its handshake. */
  static async start(command: BridgeCommand): Promise<BridgeProcess> {
    const child = spawn(command.command, [...(command.args ?? [])], {
      cwd: command.cwd,
      env: { ...process.env, ...command.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    const tail: string[] = []
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      tail.push(chunk)
      if (tail.length > 20) tail.shift()
    })
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream, crlfDelay: Infinity })
    const label = [command.command, ...(command.args ?? [])].join(' ')
    const handshake = await new Promise<BridgeHandshake>((resolve, reject) => {
      const fail = (why: string, cause?: unknown): void => {
        child.kill('SIGKILL')
        reject(new InfrastructureError(`bridge ${label}: ${why}${stderrNote(tail)}`, { cause }))
      }
      const timer = setTimeout(() => fail('no handshake in time'), command.startTimeoutMs ?? 120_000)
      child.once('error', (error) => fail('could not start', error))
      child.once('exit', (code, signal) => fail(`exited before its handshake (${signal ?? `code ${code}`})`))
      lines.once('line', (line) => {
        clearTimeout(timer)
        child.removeAllListeners('exit')
        child.removeAllListeners('error')
        try {
          resolve(parseHandshake(line))
        } catch (error) {
          fail((error as Error).message, error)
        }
      })
    })
    const bridge = new BridgeProcess(child, handshake, command.requestTimeoutMs ?? 60_000, tail)
    lines.on('line', (line) => bridge.#onLine(line))
    child.once('error', (error) => bridge.#die('failed', error))
    child.once('exit', (code, signal) => bridge.#die(`exited (${signal ?? `code ${code}`})`))
    child.stdin?.on('error', (error) => bridge.#die('closed its input', error))
    return bridge
  }

  /** Sends one request (an `id` is added) and resolves to its answer. */
  request(body: Readonly<Record<string, WireValue>>): Promise<Answer> {
    if (this.#dead !== undefined) return Promise.reject(this.#dead)
    const id = this.#nextId++
    return new Promise<Answer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#die(`sent no answer to request ${id} within ${this.#requestTimeoutMs} ms`)
      }, this.#requestTimeoutMs)
      this.#waiting.set(id, { resolve, reject, timer })
      this.#child.stdin?.write(`${JSON.stringify({ id, ...body })}\n`)
    })
  }

  /** Closes the process's input (its signal to release everything and exit), then waits for it. */
  async stop(): Promise<void> {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return
    const exited = new Promise<void>((resolve) => this.#child.once('exit', () => resolve()))
    this.#dead ??= new InfrastructureError('the bridge was stopped')
    this.#child.stdin?.end()
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), 30_000)
    await exited
    clearTimeout(timer)
  }

  /** The operating-system process id (the kit's own tests kill it to prove a crash is reported). */
  get pid(): number | undefined {
    return this.#child.pid
  }

  #onLine(line: string): void {
    let message: { id?: unknown; ok?: unknown; result?: WireValue; error?: WireError }
    try {
      message = JSON.parse(line) as typeof message
    } catch (error) {
      this.#die(`wrote a line that is not JSON: ${line.slice(0, 200)}`, error)
      return
    }
    const waiting = typeof message.id === 'number' ? this.#waiting.get(message.id) : undefined
    if (waiting === undefined || typeof message.ok !== 'boolean') {
      this.#die(`wrote an answer to no request: ${line.slice(0, 200)}`)
      return
    }
    this.#waiting.delete(message.id as number)
    clearTimeout(waiting.timer)
    if (message.ok) waiting.resolve({ ok: true, result: message.result ?? null })
    else if (typeof message.error?.code === 'string') waiting.resolve({ ok: false, error: message.error })
    else this.#die(`wrote a failure without an error code: ${line.slice(0, 200)}`)
  }

  #die(why: string, cause?: unknown): void {
    if (this.#dead === undefined) {
      this.#dead = new InfrastructureError(`bridge process ${why}${stderrNote(this.#stderrTail)}`, { cause })
      if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill('SIGKILL')
    }
    for (const [id, waiting] of this.#waiting) {
      clearTimeout(waiting.timer)
      waiting.reject(this.#dead)
      this.#waiting.delete(id)
    }
  }
}

function stderrNote(tail: readonly string[]): string {
  const text = tail.join('').trim()
  return text === '' ? '' : `; its stderr ends with:\n${text.slice(-1500)}`
}

function parseHandshake(line: string): BridgeHandshake {
  let value: Partial<BridgeHandshake>
  try {
    value = JSON.parse(line) as Partial<BridgeHandshake>
  } catch {
    throw new Error(`first line is not a JSON handshake: ${line.slice(0, 200)}`)
  }
  if (value.bridge !== 'regstack-conformance' || typeof value.implementation?.name !== 'string') {
    throw new Error(`first line is not a handshake: ${line.slice(0, 200)}`)
  }
  if (value.protocol !== BRIDGE_PROTOCOL_VERSION) {
    throw new Error(`speaks protocol ${String(value.protocol)}; this kit speaks ${BRIDGE_PROTOCOL_VERSION}`)
  }
  return value as BridgeHandshake
}
