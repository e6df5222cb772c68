#!/usr/bin/env node
import { ALL_CHECKS } from '../checks/index.js'
import { sinceOf } from '../harness/revision-view.js'
import { SUITE_VERSION } from '../runner/suite-version.js'
import { certify } from './certify.js'
import { certifyTargets } from './certify-targets.js'
import { UsageError } from './load-target.js'
import { parseCommandLine } from './parse-args.js'
import { USAGE } from './usage.js'

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseCommandLine(argv, process.cwd())
  switch (parsed.command) {
    case 'version':
      process.stdout.write(`${SUITE_VERSION}\n`)
      return 0
    case 'help':
      process.stdout.write(`${USAGE}\n`)
      return parsed.exitCode
    case 'list':
      for (const check of ALL_CHECKS) {
        process.stdout.write(
          `${check.id}  [${check.level} ${check.clause}, since ${sinceOf(check)}]  ${check.title}\n`,
        )
      }
      return 0
    case 'certify': {
      const { targets } = parsed.options
      return targets === undefined
        ? await certify(parsed.options)
        : await certifyTargets({ ...parsed.options, targets })
    }
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
    // An adapter that leaves a pool open would keep the process alive; give it a moment, then leave.
    setTimeout(() => process.exit(code), 2_000).unref()
  },
  (error: unknown) => {
    process.stderr.write(`regstack-conformance: ${(error as Error).message ?? String(error)}\n`)
    if (!(error instanceof UsageError)) process.stderr.write(`${(error as Error).stack ?? ''}\n`)
    process.exitCode = 2
    setTimeout(() => process.exit(2), 2_000).unref()
  },
)
