/**
 * Prints a value the way a person would write it in a test: strings JSON-quoted (so trailing spaces,
 * lone surrogates and NULs are visible), dates as `new Date("…")`, errors by name and code.
 */
export function describeValue(value: unknown, depth = 0): string {
  if (value === undefined) return 'undefined'
  if (value === null) return 'null'
  if (typeof value === 'string') return quote(value)
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value)
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? 'new Date(NaN)' : `new Date(${quote(value.toISOString())})`
  }
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code
    return `${value.name}${code === undefined ? '' : `[${String(code)}]`}(${quote(value.message)})`
  }
  if (depth > 4) return '…'
  if (Array.isArray(value)) return `[${value.map((v) => describeValue(v, depth + 1)).join(', ')}]`
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(
      ([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : quote(k)}: ${describeValue(v, depth + 1)}`,
    )
    return `{ ${entries.join(', ')} }`
  }
  return String(value)
}

/** JSON quoting that also escapes lone surrogates, so they survive being printed. */
function quote(s: string): string {
  return JSON.stringify(s).replace(/[\ud800-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`)
}
