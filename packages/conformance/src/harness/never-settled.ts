/**
 * A call into the target that did not settle in time: a repository method, `makeRepos`, `close()` or a
 * fault hook. It names the call(s) it was waiting on, so a hang is diagnosed in one line.
 */
export class NeverSettledError extends Error {
  /** The calls still in flight when the limit passed, as code with their arguments. */
  readonly calls: readonly string[]

  constructor(message: string, calls: readonly string[]) {
    super(message)
    this.name = 'NeverSettledError'
    this.calls = calls
  }
}

/** True when `error` or an error in its cause chain is a {@link NeverSettledError}. */
export function isNeverSettled(error: unknown): boolean {
  const seen = new Set<unknown>()
  let current: unknown = error
  while (typeof current === 'object' && current !== null && !seen.has(current)) {
    seen.add(current)
    if (current instanceof NeverSettledError) return true
    current = (current as { cause?: unknown }).cause
  }
  return false
}

/**
 * Resolves or rejects like `work`, unless it is still pending after `ms`: then rejects with what
 * `onTimeout` builds. The timer is cleared as soon as `work` settles.
 */
export async function settleWithin<T>(work: PromiseLike<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms)
  })
  try {
    return await Promise.race([work, deadline])
  } finally {
    clearTimeout(timer)
  }
}

/** `1500` → `1.5 s`, `30000` → `30 s`: limits as people read them. */
export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`
}
