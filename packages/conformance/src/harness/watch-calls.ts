import type { CallRecorder } from './call-recorder.js'
import { NeverSettledError, seconds } from './never-settled.js'

/** Time limits of one watched piece of work. */
export interface CallLimits {
  /** How long one call into the target may stay unsettled. */
  readonly callTimeoutMs: number
  /** How long the whole piece of work may take. */
  readonly timeoutMs: number
}

/**
 * Settles like `work`, unless a call `calls` recorded stays pending longer than `callTimeoutMs` or the
 * whole of `work` takes longer than `timeoutMs`: then rejects with a {@link NeverSettledError} naming
 * the calls it was waiting on. The ticking timer is deliberately ref'd: while a check runs, the
 * process cannot drain its event loop and end without a verdict, however the adapter hangs.
 */
export async function watchCalls<T>(
  work: Promise<T>,
  calls: CallRecorder,
  limits: CallLimits,
  what: string,
): Promise<T> {
  const started = performance.now()
  let timer: NodeJS.Timeout | undefined
  const watchdog = new Promise<never>((_, reject) => {
    const tick = Math.max(10, Math.min(1_000, Math.floor(limits.callTimeoutMs / 4)))
    timer = setInterval(() => {
      const pending = calls.pending().filter((p) => !p.infrastructure)
      const stuck = pending.filter((p) => p.ageMs > limits.callTimeoutMs)
      if (stuck.length > 0) {
        const [first] = stuck
        const others =
          stuck.length > 1
            ? ` (and ${stuck.length - 1} more: ${stuck
                .slice(1)
                .map((p) => p.call)
                .join('; ')})`
            : ''
        reject(
          new NeverSettledError(
            `${first?.call} never settled: still pending after ${seconds(first?.ageMs ?? 0)} (call limit ${seconds(limits.callTimeoutMs)})${others}`,
            stuck.map((p) => p.call),
          ),
        )
      } else if (performance.now() - started > limits.timeoutMs) {
        const waiting =
          pending.length === 0
            ? 'no call into the adapter was pending (the check itself is slow on this engine)'
            : `still waiting on ${pending.map((p) => `${p.call} for ${seconds(p.ageMs)}`).join('; ')}`
        reject(
          new NeverSettledError(
            `${what} did not finish within ${seconds(limits.timeoutMs)}: ${waiting}`,
            pending.map((p) => p.call),
          ),
        )
      }
    }, tick)
  })
  try {
    return await Promise.race([work, watchdog])
  } finally {
    clearInterval(timer)
  }
}
