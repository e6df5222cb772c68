/** The master seed used when none is given: fixed, so a default run is reproducible. */
export const DEFAULT_SEED = 20261127

/** A check's own seed: the master seed mixed with a hash of the check id (FNV-1a), as a signed 32-bit int. */
export function deriveSeed(masterSeed: number, checkId: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < checkId.length; i++) {
    hash ^= checkId.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash ^ masterSeed) | 0
}
