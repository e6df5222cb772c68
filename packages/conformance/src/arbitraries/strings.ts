import fc from 'fast-check'

/**
 * Fragments that break naive stores: case pairs (ASCII, dotted/dotless i, sharp s), trailing and
 * leading spaces, tabs, combining marks vs precomposed forms (NFC/NFD twins), astral symbols, RTL,
 * zero-width characters, SQL/Mongo metacharacters.
 */
const TRICKY = [
  'a',
  'A',
  'ß',
  'SS',
  'İ',
  'ı',
  'i',
  'I',
  'é',
  'e\u0301',
  ' ',
  '  ',
  '\t',
  '😀',
  '𝔘',
  '\u{10FFFF}',
  'ﬀ',
  '\u200b',
  '\u202e',
  'עברית',
  '%',
  '_',
  "'",
  '"',
  '\\',
  '$',
  '.',
  '{',
] as const

/** A well-formed UTF-16 string without U+0000: any Unicode scalar, often a tricky fragment. */
export function unicodeString(constraints: { minLength?: number; maxLength: number }): fc.Arbitrary<string> {
  const unit = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...TRICKY) },
    { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  )
  return fc
    .array(unit, { minLength: constraints.minLength ?? 0, maxLength: Math.min(constraints.maxLength, 12) })
    .map((parts) => parts.join('').replaceAll('\u0000', ''))
    .map((s) => truncateWellFormed(s, constraints.maxLength))
    .filter((s) => s.length >= (constraints.minLength ?? 0))
}

/** Cuts `s` to at most `max` UTF-16 units without splitting a surrogate pair. */
export function truncateWellFormed(s: string, max: number): string {
  if (s.length <= max) return s
  let cut = s.slice(0, max)
  const last = cut.charCodeAt(cut.length - 1)
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1)
  return cut
}

/**
 * An email-like string (repositories store strings, not validated addresses): a Unicode local part,
 * `@`, a domain; sometimes with odd case or surrounding spaces. At most 320 UTF-16 units.
 */
export function emailString(): fc.Arbitrary<string> {
  return fc
    .tuple(
      unicodeString({ minLength: 1, maxLength: 24 }),
      fc.constantFrom('example.com', 'EXAMPLE.com', 'exämple.org', 'x.io', 'b.co', '例え.jp'),
      fc.constantFrom('', '', '', ' ', '\t'),
    )
    .map(([local, domain, pad]) => `${local}@${domain}${pad}`)
}

/** An ASCII word of 1–`max` characters (a readable key when Unicode is not the point). */
export function word(max = 12): fc.Arbitrary<string> {
  return fc.string({
    unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'),
    minLength: 1,
    maxLength: max,
  })
}

/** 64 lower-case hex characters, like a SHA-256 digest. */
export function hex64(): fc.Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 })
}

/** Variants of `s` that differ only in case or surrounding white space (all different strings from `s`). */
export function nearMisses(s: string): string[] {
  const variants = new Set([
    s.toUpperCase(),
    s.toLowerCase(),
    `${s} `,
    ` ${s}`,
    `${s}\t`,
    s.normalize('NFD'),
    s.normalize('NFC'),
  ])
  variants.delete(s)
  return [...variants]
}
