import { describeValue } from '../../harness/describe-value.js'

/**
 * Prints a value as TypeScript a person can paste into the replay program: like `describeValue`, but
 * a date becomes `at(±ms)`, its distance from the store clock's now when the step ran, because every
 * date the model writes is generated that way and absolute instants would hide the boundaries.
 */
export function renderCode(value: unknown, nowMs: number): string {
  if (value instanceof CodeText) return value.text
  if (value instanceof Date) {
    const offset = value.getTime() - nowMs
    return Number.isNaN(offset) ? describeValue(value) : `at(${offset > 0 ? '+' : ''}${offset})`
  }
  if (Array.isArray(value)) return `[${value.map((v) => renderCode(v, nowMs)).join(', ')}]`
  if (value !== null && typeof value === 'object' && !(value instanceof Error)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${renderCode(v, nowMs)}`)
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`
  }
  return describeValue(value)
}

/** A date offset as the argument generator wrote it, for `toString` before any store exists. */
export function renderOffset(offsetMs: number): string {
  return `at(${offsetMs > 0 ? '+' : ''}${offsetMs})`
}

/** Source text printed as is (a variable such as `u1.id`), not as a value. */
export class CodeText {
  readonly text: string
  constructor(text: string) {
    this.text = text
  }
}

/** A call as code: `repos.<path>(<args>)`, dates relative to `nowMs`. */
export function callCode(path: string, args: readonly unknown[], nowMs: number): string {
  return `repos.${path}(${args.map((a) => renderCode(a, nowMs)).join(', ')})`
}
