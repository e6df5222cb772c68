/**
 * Strings that look like ids but are not stored ones: fixed shapes every engine might use (ObjectId
 * hex, UUIDs with and without dashes, integers), hostile text, and near misses of real ids (other
 * case, surrounding spaces, one character off, another store's ids). Candidates equal to a stored id
 * are dropped, since an adapter may legitimately generate any string.
 */
export function unknownIdsFor(
  storedIds: readonly string[],
  foreignIds: readonly string[],
  extra: readonly string[] = [],
): string[] {
  const fixed = [
    '',
    ' ',
    'abc',
    '0',
    '1',
    '-1',
    'null',
    'undefined',
    'f'.repeat(24),
    'F'.repeat(24),
    '0'.repeat(24),
    '00000000-0000-4000-8000-000000000000',
    '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
    '3f2504e04f8941d39a0c0305e82c3301',
    'x'.repeat(36),
    'x'.repeat(37),
    'a'.repeat(1000),
    '{"$ne":null}',
    "' OR '1'='1",
    '%',
    '\u00e9',
    'e\u0301',
    '\u{1F600}',
    '\ud800',
    'a\u0000b',
  ]
  const derived = storedIds.flatMap((id) => [
    id.toUpperCase(),
    id.toLowerCase(),
    `${id} `,
    ` ${id}`,
    `${id}\u0000`,
    id.slice(0, -1),
    id.slice(1),
    `${id}0`,
    `${id.slice(0, -1)}${id.endsWith('0') ? '1' : '0'}`,
    id.normalize('NFD'),
  ])
  const stored = new Set(storedIds)
  return [...new Set([...fixed, ...derived, ...foreignIds, ...extra])].filter((s) => !stored.has(s))
}

/**
 * Lookup strings no stored email can equal (CONTRACT §0.6): over the 320-unit limit, with a lone
 * surrogate or with U+0000. They must simply match nothing.
 */
export const UNSTORABLE_EMAILS: readonly string[] = [
  `${'x'.repeat(309)}@example.com`,
  `${'x'.repeat(2000)}@example.com`,
  '\ud800@example.com',
  'a@example.com\udfff',
  'a\u0000@example.com',
  '\u0000',
]
