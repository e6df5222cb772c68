import { fileURLToPath } from 'node:url'
import { checkLinks, markdownFiles } from './link-check.js'

// The repository root, four levels up from dist/links/run-link-check.js.
const root = fileURLToPath(new URL('../../../../', import.meta.url)).replace(/\/$/, '')
const problems = checkLinks(root)
if (problems.length > 0) {
  process.stderr.write(`${problems.length} broken link(s):\n${problems.map((p) => `  ${p}`).join('\n')}\n`)
  process.exitCode = 1
} else {
  process.stdout.write(`links: every link in ${markdownFiles(root).length} Markdown files resolves\n`)
}
