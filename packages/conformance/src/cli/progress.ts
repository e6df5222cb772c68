import { seconds } from '../harness/never-settled.js'
import type { CheckResult, Heartbeat } from '../types.js'

/**
 * Live progress: one rewritten status line on a TTY; plain lines (per area, per failure or error,
 * and a heartbeat naming the running check and what it waits on) elsewhere, so a CI log is never
 * silent for long.
 */
export class Progress {
  readonly #out: NodeJS.WritableStream & { columns?: number }
  readonly #tty: boolean
  readonly #started = performance.now()
  #passed = 0
  #failed = 0
  #errors = 0
  #area = ''

  constructor(out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number }) {
    this.#out = out
    this.#tty = out.isTTY === true
  }

  onCheckDone(result: CheckResult, done: number, total: number): void {
    if (result.status === 'passed') this.#passed += 1
    else if (result.status === 'failed') this.#failed += 1
    else this.#errors += 1
    const status = `${done}/${total} checks · ${this.#passed} passed · ${this.#failed} failed${this.#errors > 0 ? ` · ${this.#errors} errors` : ''} · ${this.#elapsed()}`
    const mark = result.status === 'failed' ? 'FAIL' : result.status === 'error' ? 'ERROR' : undefined
    if (this.#tty) {
      if (mark !== undefined) this.#out.write(`\r\x1b[2K${mark === 'FAIL' ? '✗' : '⛔'} ${result.id}\n`)
      this.#out.write(`\r\x1b[2K[${result.area}] ${status}`)
      if (done === total) this.#out.write('\n')
      return
    }
    if (mark !== undefined) {
      const why = result.failure?.message.split('\n')[0] ?? ''
      this.#out.write(`${mark} ${result.id} (${result.durationMs} ms): ${why}\n`)
    }
    if (result.area !== this.#area || done === total) {
      if (this.#area !== '' || done === total)
        this.#out.write(`progress: ${status}${done === total ? ' (done)' : ''}\n`)
      this.#area = result.area
    }
  }

  onHeartbeat(beat: Heartbeat): void {
    const waiting =
      beat.pending.length === 0
        ? 'no call pending'
        : `waiting on ${beat.pending
            .slice(0, 3)
            .map((p) => `${p.call} for ${seconds(p.ageMs)}`)
            .join('; ')}${beat.pending.length > 3 ? ` and ${beat.pending.length - 3} more` : ''}`
    const line = `still running: ${beat.running} for ${seconds(beat.runningMs)} (${beat.done}/${beat.total} done, ${this.#elapsed()}), ${waiting}`
    if (this.#tty) this.#out.write(`\r\x1b[2K${line.slice(0, (this.#out.columns ?? 120) - 1)}`)
    else this.#out.write(`heartbeat: ${line}\n`)
  }

  #elapsed(): string {
    return `${((performance.now() - this.#started) / 1000).toFixed(1)}s`
  }
}
