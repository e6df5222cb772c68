import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { checkCatalog } from '../scripts/check-catalog.js'

describe('docs/checks.md', () => {
  it('matches the suite (regenerate with `pnpm --filter @regstack/conformance docs:checks`)', () => {
    const committed = readFileSync(new URL('../../../docs/checks.md', import.meta.url), 'utf8')
    expect(committed).toBe(checkCatalog())
  })
})
