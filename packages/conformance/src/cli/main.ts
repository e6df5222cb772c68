#!/usr/bin/env node
import { parseArgs } from 'node:util'
import { SUITE_VERSION } from '../runner/check-conformance.js'
import { AREAS, type Area } from '../types.js'
import { certify } from './certify.js'
import { UsageError } from './load-target.js'

const USAGE = `Usage: regstack-conformance certify <module-or-package> [options]
       regstack-conformance certify --process "<command line>" [options]

Runs the regstack storage conformance suite against an adapter and writes report.json (validated
against the published schema), junit.xml, summary.md and badge.json.

The module must export makeRepos(ctx) => ({ repos, capabilities?, close? }); an optional
teardown() export is called at the end. The engine URL reaches it as REGSTACK_ENGINE_URL.

A --process command is started once and driven over the JSON-lines bridge protocol (an adapter in
any language; see docs/bridge-protocol.md); its handshake names the adapter and engine.

Options:
  --process <command>  certify the bridge process this command line starts
  --export <name>      export to use instead of makeRepos
  --engine-url <url>   sets REGSTACK_ENGINE_URL for the module
  --engine <label>     engine label in the report (e.g. "postgresql 15")
  --name <name>        adapter name in the report (default: the module specifier)
  --seed <n>           master seed (default 20261127)
  --runs <n>           generated cases per property (default: calibrated to the engine)
  --areas <a,b>        only these areas (${AREAS.join(', ')})
  --check <id,…>       only these checks (id or id prefix)
  --path <path>        replay path of a failure (with exactly one --check)
  --bail               stop at the first failed MUST check
  --out <dir>          report directory (default ./conformance-report)
  -h, --help           this text
  -v, --version        suite version

Exit codes: 0 every MUST check passed · 1 a MUST check failed · 2 usage, loading or engine error.`

async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      export: { type: 'string', default: 'makeRepos' },
      process: { type: 'string' },
      'engine-url': { type: 'string' },
      engine: { type: 'string' },
      name: { type: 'string' },
      seed: { type: 'string' },
      runs: { type: 'string' },
      areas: { type: 'string' },
      check: { type: 'string' },
      path: { type: 'string' },
      bail: { type: 'boolean', default: false },
      out: { type: 'string', default: 'conformance-report' },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
    },
  })
  if (values.version) {
    process.stdout.write(`${SUITE_VERSION}\n`)
    return 0
  }
  const [command, specifierArg, ...rest] = positionals
  const specifier = specifierArg ?? values.process
  if (values.help || command === undefined || command === 'help') {
    process.stdout.write(`${USAGE}\n`)
    return values.help || command === 'help' ? 0 : 2
  }
  if (command !== 'certify') throw new UsageError(`unknown command ${JSON.stringify(command)}`)
  if (specifier === undefined) throw new UsageError('certify needs a module path or package name')
  if (rest.length > 0) throw new UsageError(`unexpected arguments: ${rest.join(' ')}`)
  const areas = list(values.areas)
  for (const area of areas ?? []) {
    if (!(AREAS as readonly string[]).includes(area))
      throw new UsageError(`unknown area ${JSON.stringify(area)}`)
  }
  const seed = integer(values.seed, '--seed')
  const runs = integer(values.runs, '--runs')
  if (runs !== undefined && runs < 1) throw new UsageError('--runs must be at least 1')
  const checks = list(values.check)
  return certify(
    {
      specifier,
      exportName: values.export,
      ...(values.process === undefined ? {} : { process: values.process }),
      bail: values.bail,
      out: values.out,
      cwd: process.cwd(),
      ...(values['engine-url'] === undefined ? {} : { engineUrl: values['engine-url'] }),
      ...(values.engine === undefined ? {} : { engine: values.engine }),
      ...(values.name === undefined ? {} : { name: values.name }),
      ...(seed === undefined ? {} : { seed }),
      ...(runs === undefined ? {} : { runs }),
      ...(values.path === undefined ? {} : { path: values.path }),
      ...(areas === undefined ? {} : { areas: areas as Area[] }),
      ...(checks === undefined ? {} : { checks }),
    },
    process.stdout,
  )
}

function list(value: string | undefined): string[] | undefined {
  return value === undefined
    ? undefined
    : value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
}

function integer(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isSafeInteger(n))
    throw new UsageError(`${flag} must be an integer, got ${JSON.stringify(value)}`)
  return n
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
    // An adapter that leaves a pool open would keep the process alive; give it a moment, then leave.
    setTimeout(() => process.exit(code), 2_000).unref()
  },
  (error: unknown) => {
    const usage =
      error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    process.stderr.write(`regstack-conformance: ${(error as Error).message ?? String(error)}\n`)
    if (!usage) process.stderr.write(`${(error as Error).stack ?? ''}\n`)
    process.exitCode = 2
  },
)
