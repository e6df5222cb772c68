import { describeValue } from '../harness/describe-value.js'

/**
 * Makes every way the process can end before the verdict go through `onEnd` (which writes the
 * reports and exits 2): the event loop running dry (every promise of the target stuck with nothing
 * left to wake it), an uncaught exception or unhandled rejection (a driver emitting `error` with no
 * listener), SIGINT and SIGTERM (a CI job cancelled or timed out). `onEnd` may be called more than
 * once. A `process.exit()` by the target leaves no time for anything asynchronous: it goes to
 * `onExit`, which must work synchronously. Returns the function that disarms both once the reports
 * are written.
 */
export function guardProcess(onEnd: (reason: string) => void, onExit: (code: number) => void): () => void {
  let disarmed = false
  const end = (reason: string): void => {
    if (!disarmed) onEnd(reason)
  }
  const onBeforeExit = (): void =>
    end(
      'the process ran out of work (every pending call of the target was stuck with nothing left to wake it)',
    )
  const onUncaught = (error: unknown): void =>
    end(`an uncaught exception ended the run: ${describeValue(error)}${stackLine(error)}`)
  const onRejection = (error: unknown): void =>
    end(`an unhandled rejection ended the run: ${describeValue(error)}${stackLine(error)}`)
  const onSignal = (signal: NodeJS.Signals): void => end(`the process received ${signal}`)
  const onProcessExit = (code: number): void => {
    if (!disarmed) onExit(code)
  }
  process.on('beforeExit', onBeforeExit)
  process.on('uncaughtException', onUncaught)
  process.on('unhandledRejection', onRejection)
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  process.on('exit', onProcessExit)
  return () => {
    disarmed = true
    process.off('beforeExit', onBeforeExit)
    process.off('uncaughtException', onUncaught)
    process.off('unhandledRejection', onRejection)
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    process.off('exit', onProcessExit)
  }
}

function stackLine(error: unknown): string {
  const stack = error instanceof Error ? error.stack?.split('\n')[1]?.trim() : undefined
  return stack === undefined ? '' : ` (${stack})`
}
