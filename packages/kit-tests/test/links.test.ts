import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CONTRACT_PATH, CONTRACT_URL, clauseRefs, REPOSITORY_URL } from '@regstack/conformance'
import { ALL_MUTANTS } from '@regstack/conformance-selftest'
import { describe, expect, it } from 'vitest'
import { checkLinks } from '../src/links/link-check.js'
import { anchorsOf, extractLinks, headingSlug } from '../src/links/markdown-links.js'
import { type PackedPackage, publishedPackages } from '../src/links/packed-files.js'

const root = fileURLToPath(new URL('../../../', import.meta.url)).replace(/\/$/, '')
// Packing asks pnpm five times (about a second each): once for the whole file.
const packages = publishedPackages(root)

describe('links', () => {
  it('every link in README, docs, the contract and every packed README resolves', () => {
    expect(checkLinks(root, { packages: () => packages })).toEqual([])
  })

  it('catches missing files and anchors, escapes, foreign addresses of ours and unshipped targets', () => {
    const dir = mkdtempSync(join(tmpdir(), 'regstack-links-'))
    const write = (path: string, text: string): void => {
      mkdirSync(dirname(join(dir, path)), { recursive: true })
      writeFileSync(join(dir, path), text)
    }
    write('docs/a.md', '# Title\n\n<a id="kept"></a>\n')
    write('packages/p/notes.md', '# Notes\n')
    write(
      'packages/p/README.md',
      [
        '[ok](../../docs/a.md#title) [ok](../../docs/a.md#kept) [web](https://example.com/x)',
        '[gone](../../docs/missing.md)',
        '[no anchor](../../docs/a.md#nope)',
        '[escape](../../../elsewhere.md)',
        `[ours](${REPOSITORY_URL}/blob/main/docs/a.md#nope)`,
        `[ours, odd](${REPOSITORY_URL}/pulls)`,
        '[unshipped](notes.md)',
        '```md',
        '[inside a fence](nowhere.md)',
        '```',
        'and `[in code](nowhere.md)`',
      ].join('\n'),
    )
    const fake: PackedPackage = {
      name: '@x/p',
      dir: join(dir, 'packages/p'),
      files: ['README.md', 'package.json'],
      repositoryDirectory: 'packages/q',
      repositoryUrl: undefined,
    }
    const problems = checkLinks(dir, { packages: () => [fake] })
    expect(problems).toEqual([
      'packages/p/README.md:2: ../../docs/missing.md: no such file',
      'packages/p/README.md:3: ../../docs/a.md#nope: no anchor #nope',
      'packages/p/README.md:4: ../../../elsewhere.md: points outside the repository',
      `packages/p/README.md:5: ${REPOSITORY_URL}/blob/main/docs/a.md#nope: no anchor #nope`,
      `packages/p/README.md:6: ${REPOSITORY_URL}/pulls: not a file on the main branch of ${REPOSITORY_URL}`,
      'packages/p/README.md:7: notes.md: not in the @x/p tarball, so the link breaks in node_modules',
      'packages/p/package.json: repository.directory is "packages/q", expected "packages/p" (npm resolves the README\'s relative links through it)',
    ])
  })

  it('reads links and heading ids as GitHub renders them', () => {
    expect(headingSlug('§0.1 Names')).toBe('01-names')
    expect(headingSlug('`runConformance` and <a id="x"></a>friends')).toBe('runconformance-and-friends')
    expect([...anchorsOf('# A\n## A\n<a id="clause-0.1"></a>')]).toEqual(['a', 'a-1', 'clause-0.1'])
    expect(extractLinks('[a [b]](c.md "t") and [d]: e.md\n<a href="f.md">').map((l) => l.target)).toEqual([
      'c.md',
      'f.md',
    ])
    expect(extractLinks('[ref]: g.md').map((l) => l.target)).toEqual(['g.md'])
  })
})

describe('published packages', () => {
  it('ship a LICENSE, their README, no source maps, and name this repository and their folder', () => {
    expect(packages.map((p) => p.name).sort()).toEqual([
      '@regstack/adapter-knex',
      '@regstack/adapter-memory',
      '@regstack/adapter-mongo',
      '@regstack/conformance',
      '@regstack/protocols',
    ])
    for (const pkg of packages) {
      expect(pkg.files, pkg.name).toContain('LICENSE')
      expect(pkg.files, pkg.name).toContain('README.md')
      expect(
        pkg.files.filter((f) => f.endsWith('.map')),
        pkg.name,
      ).toEqual([])
      expect(pkg.repositoryUrl, pkg.name).toBe(`git+${REPOSITORY_URL}.git`)
    }
  })

  it('@regstack/protocols ships the contract every clause link points at', () => {
    const protocols = packages.find((p) => p.name === '@regstack/protocols')
    expect(protocols?.files).toContain('CONTRACT.md')
    expect(CONTRACT_URL).toBe(`${REPOSITORY_URL}/blob/main/${CONTRACT_PATH}`)
    expect(`${protocols?.repositoryDirectory}/CONTRACT.md`).toBe(CONTRACT_PATH)
  })
})

describe('mutant clauses', () => {
  it('name a clause that has an anchor in the contract document', () => {
    const anchors = anchorsOf(readFileSync(join(root, CONTRACT_PATH), 'utf8'))
    const missing = ALL_MUTANTS.flatMap((m) => {
      const refs = clauseRefs(m.clause)
      if (refs.length === 0) return [`${m.id}: "${m.clause}" cites no clause`]
      return refs.filter((r) => !anchors.has(r.anchor)).map((r) => `${m.id}: ${r.label} → #${r.anchor}`)
    })
    expect(missing).toEqual([])
  })
})
