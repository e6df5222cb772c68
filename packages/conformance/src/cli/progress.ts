import type { CheckResult } from '../types.js'

/** Live progress: one rewritten status line on a TTY; plain lines (per area, per failure) elsewhere. */
export class Progress {
  readonly #out: NodeJS.WriteStream
  readonly #tty: boolean
  readonly #started = performance.now()
  #passed = 0
  #failed = 0
  #area = ''

  constructor(out: NodeJS.WriteStream) {
    this.#out = out
    this.#tty = out.isTTY === true
  }

  onCheckDone(result: CheckResult, done: number, total: number): void {
    if (result.status === 'passed') this.#passed += 1
    else this.#failed += 1
    const elapsed = ((performance.now() - this.#started) / 1000).toFixed(1)
    const status = `${done}/${total} checks · ${this.#passed} passed · ${this.#failed} failed · ${elapsed}s`
    if (this.#tty) {
      if (result.status === 'failed') this.#out.write(`\r\x1b[2K✗ ${result.id}\n`)
      this.#out.write(`\r\x1b[2K[${result.area}] ${status}`)
      if (done === total) this.#out.write('\n')
      return
    }
    if (result.status === 'failed') this.#out.write(`FAIL ${result.id} (${result.durationMs} ms)\n`)
    if (result.area !== this.#area || done === total) {
      if (this.#area !== '' || done === total)
        this.#out.write(`progress: ${status}${done === total ? ' (done)' : ''}\n`)
      this.#area = result.area
    }
  }
}
