/**
 * Names the kind of a rejected value for `InvalidInputError` messages ("a string", "an array"). It
 * never prints the value itself: inputs may be secrets (password hashes, tokens) or hostile objects
 * with throwing `toString`. (The conformance suite's `describeValue` is the opposite: it prints values
 * for failure reports.)
 */
export function describeKind(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  switch (typeof value) {
    case 'undefined':
      return 'undefined'
    case 'string':
      return 'a string'
    case 'number':
      return Number.isNaN(value) ? 'NaN' : 'a number'
    case 'bigint':
      return 'a bigint'
    case 'boolean':
      return 'a boolean'
    case 'symbol':
      return 'a symbol'
    case 'function':
      return 'a function'
    default:
      // Boxed primitives are the classic way a "string" slips past a careless `String(x)` check.
      if (value instanceof String) return 'a String object'
      if (value instanceof Number) return 'a Number object'
      if (value instanceof Boolean) return 'a Boolean object'
      return 'an object'
  }
}
