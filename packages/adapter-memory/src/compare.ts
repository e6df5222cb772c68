/** Orderings shared by the repositories that sort (CONTRACT §0.10). */

/**
 * JavaScript string order (UTF-16 code units), the contract's tie-breaker for ids. `localeCompare`
 * would be wrong here: it follows collation rules, not code units.
 */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
