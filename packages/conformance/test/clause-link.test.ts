import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ALL_CHECKS } from '../src/checks/index.js'
import {
  CONTRACT_URL,
  clauseMarkdown,
  clauseRefs,
  clauseUrl,
  clauseUrls,
  REPOSITORY_URL,
} from '../src/report/clause-link.js'

const contract = readFileSync(new URL('../../protocols/CONTRACT.md', import.meta.url), 'utf8')
const anchors = new Set([...contract.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]))

describe('clause links', () => {
  it('finds every clause a check cites as an anchor in the shipped contract document', () => {
    const missing: string[] = []
    for (const check of ALL_CHECKS) {
      const refs = clauseRefs(check.clause)
      if (refs.length === 0) missing.push(`${check.id}: "${check.clause}" cites no clause`)
      for (const ref of refs) {
        if (!anchors.has(ref.anchor)) missing.push(`${check.id}: ${ref.label} → #${ref.anchor}`)
      }
    }
    expect(missing).toEqual([])
  })

  it('maps each clause form to its anchor', () => {
    expect(clauseRefs('§0.6')).toEqual([{ label: '§0.6', anchor: 'clause-0.6' }])
    expect(clauseRefs('§3.1 updateEmail')).toEqual([
      { label: '§3.1 updateEmail', anchor: 'clause-3.1-updateemail' },
    ])
    expect(clauseRefs('§7 P5').map((r) => r.anchor)).toEqual(['clause-p5'])
    expect(clauseRefs('§7.1 P15').map((r) => r.anchor)).toEqual(['clause-p15'])
    expect(clauseRefs('§6 D16').map((r) => r.anchor)).toEqual(['clause-6-d16'])
    expect(clauseRefs('§3.2–§3.4, §0.11, §0.12').map((r) => r.anchor)).toEqual([
      'clause-3.2',
      'clause-3.4',
      'clause-0.11',
      'clause-0.12',
    ])
    expect(clauseRefs('makeRepos isolation')).toEqual([])
  })

  it('builds addresses in the repository, and Markdown links for every cited clause', () => {
    expect(CONTRACT_URL.startsWith(`${REPOSITORY_URL}/`)).toBe(true)
    expect(clauseUrl('§3.1 updateEmail')).toBe(`${CONTRACT_URL}#clause-3.1-updateemail`)
    expect(clauseUrl('§3.1, §0.10')).toBe(`${CONTRACT_URL}#clause-3.1`)
    expect(clauseUrls('§3.1, §0.10')).toEqual([`${CONTRACT_URL}#clause-3.1`, `${CONTRACT_URL}#clause-0.10`])
    expect(clauseUrls('no clause')).toEqual([CONTRACT_URL])
    expect(clauseMarkdown('§3.1, §0.10', 'C.md')).toBe('[§3.1](C.md#clause-3.1), [§0.10](C.md#clause-0.10)')
    expect(clauseMarkdown('§7 P5')).toBe(`[§7 P5](${CONTRACT_URL}#clause-p5)`)
  })
})
