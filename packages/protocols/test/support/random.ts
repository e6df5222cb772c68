/**
 * A small seeded generator for property-style loops. `fast-check` is not a dependency of this
 * package (only of @regstack/conformance), so these tests draw their own cases; the seed is part of
 * every failure message so a failure replays exactly.
 */
import { expect } from 'vitest'

export type Rng = () => number

/** mulberry32: tiny, fast and good enough to spread test cases. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function int(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1))
}

/** Code points biased towards the interesting edges: ASCII, U+0000, BMP, astral. */
function codePoint(rng: Rng): number {
  const pick = rng()
  if (pick < 0.5) return int(rng, 0x20, 0x7e)
  if (pick < 0.55) return 0
  if (pick < 0.8) return int(rng, 0x80, 0xd7ff)
  if (pick < 0.9) return int(rng, 0xe000, 0xffff)
  return int(rng, 0x10000, 0x10ffff)
}

/** A well-formed string of at most `maxUnits` UTF-16 code units, without U+0000. */
export function wellFormedString(rng: Rng, maxUnits: number): string {
  const target = int(rng, 0, maxUnits)
  let s = ''
  while (s.length < target) {
    const cp = codePoint(rng)
    if (cp === 0) continue
    const ch = String.fromCodePoint(cp)
    if (s.length + ch.length > target) break
    s += ch
  }
  return s
}

/** Any sequence of UTF-16 code units (lone surrogates and U+0000 included). */
export function anyUnits(rng: Rng, maxUnits: number): string {
  const n = int(rng, 0, maxUnits)
  let s = ''
  for (let i = 0; i < n; i++)
    s += String.fromCharCode(rng() < 0.2 ? int(rng, 0xd800, 0xdfff) : int(rng, 0, 0xffff))
  return s
}

/** A well-formed string with one lone surrogate (high or low) inserted at a random index. */
export function withLoneSurrogate(rng: Rng, maxUnits: number): { value: string; index: number } {
  const base = wellFormedString(rng, maxUnits)
  const chars = Array.from(base)
  const at = int(rng, 0, chars.length)
  const lone =
    rng() < 0.5
      ? String.fromCharCode(int(rng, 0xd800, 0xdbff))
      : String.fromCharCode(int(rng, 0xdc00, 0xdfff))
  // Guard the spliced unit from pairing with a neighbour: put an ASCII letter after a high one.
  const inserted = lone.charCodeAt(0) <= 0xdbff ? `${lone}x` : lone
  const before = chars.slice(0, at).join('')
  return { value: before + inserted + chars.slice(at).join(''), index: before.length }
}

/** Runs `check` on `runs` cases drawn from `draw`, reporting the seed and case on failure. */
export function forAll<T>(
  seed: number,
  runs: number,
  draw: (rng: Rng) => T,
  check: (value: T) => void,
): void {
  const rng = seededRng(seed)
  for (let i = 0; i < runs; i++) {
    const value = draw(rng)
    try {
      check(value)
    } catch (error) {
      expect.unreachable(`seed ${seed}, case ${i} (${JSON.stringify(value)}): ${String(error)}`)
    }
  }
}
