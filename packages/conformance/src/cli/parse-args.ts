import { type ParseArgsConfig, parseArgs } from 'node:util'
import { CONTRACT_REVISIONS, type ContractRevision, isContractRevision } from '@regstack/protocols'
import { AREAS, type Area } from '../types.js'
import { UsageError } from './load-target.js'

/** Parsed options of `certify`. */
export interface CertifyOptions {
  /** Module or package to load; with `process`, only a label for the report. */
  readonly specifier: string
  /** A bridge command line (docs/bridge-protocol.md) to run instead of loading a module. */
  readonly process?: string
  /** A module listing several targets to certify one after another (`--targets`). */
  readonly targets?: string
  /** With `targets`: only the targets with these ids (`--target`). */
  readonly onlyTargets?: readonly string[]
  readonly exportName: string
  readonly engineUrl?: string
  readonly engine?: string
  readonly name?: string
  readonly seed?: number
  readonly runs?: number
  /** Contract revision to certify against (default: the one the target declares, else the newest). */
  readonly revision?: ContractRevision
  readonly path?: string
  readonly areas?: readonly Area[]
  readonly checks?: readonly string[]
  readonly bail: boolean
  readonly timeoutMs?: number
  readonly callTimeoutMs?: number
  readonly heartbeatMs?: number
  readonly out: string
  readonly json: boolean
  readonly cwd: string
}

/** What the command line asks for. */
export type Command =
  | { readonly command: 'help'; readonly exitCode: 0 | 2 }
  | { readonly command: 'version' }
  | { readonly command: 'list' }
  | { readonly command: 'certify'; readonly options: CertifyOptions }

/** Every flag; one table, so a new option is one line here and one in the usage text. */
const FLAGS = {
  export: { type: 'string', default: 'makeRepos' },
  process: { type: 'string' },
  targets: { type: 'string' },
  target: { type: 'string' },
  'engine-url': { type: 'string' },
  engine: { type: 'string' },
  name: { type: 'string' },
  seed: { type: 'string' },
  runs: { type: 'string' },
  revision: { type: 'string' },
  areas: { type: 'string' },
  check: { type: 'string' },
  path: { type: 'string' },
  bail: { type: 'boolean', default: false },
  timeout: { type: 'string' },
  'call-timeout': { type: 'string' },
  heartbeat: { type: 'string' },
  out: { type: 'string', default: 'conformance-report' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} as const satisfies NonNullable<ParseArgsConfig['options']>

const COMMANDS = ['certify', 'list', 'help'] as const

/** Parses `argv` (without node and the script); a UsageError names what is wrong and what is valid. */
export function parseCommandLine(argv: readonly string[], cwd: string): Command {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof FLAGS }>>
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: FLAGS })
  } catch (error) {
    const valid = Object.entries(FLAGS)
      .map(([name, spec]) => `--${name}${spec.type === 'string' ? ' <value>' : ''}`)
      .join(', ')
    throw new UsageError(`${(error as Error).message}\nvalid options: ${valid}`, { cause: error })
  }
  const { values, positionals } = parsed
  if (values.version) return { command: 'version' }
  const [command, specifierArg, ...rest] = positionals
  const specifier = specifierArg ?? values.process ?? values.targets
  if (values.help || command === 'help') return { command: 'help', exitCode: 0 }
  if (command === undefined) return { command: 'help', exitCode: 2 }
  if (command === 'list') return { command: 'list' }
  if (command !== 'certify') {
    throw new UsageError(`unknown command ${JSON.stringify(command)}; commands: ${COMMANDS.join(', ')}`)
  }
  if (specifier === undefined)
    throw new UsageError(
      'certify needs a module path or package name, --process "<command line>", or --targets <module>',
    )
  if (values.targets !== undefined && (specifierArg !== undefined || values.process !== undefined))
    throw new UsageError('--targets names every target itself: give no module and no --process with it')
  if (values.target !== undefined && values.targets === undefined)
    throw new UsageError('--target picks targets of a --targets module; give --targets <module> too')
  if (values.targets !== undefined && values.json)
    throw new UsageError('--json prints one report; with --targets each target writes its own under --out')
  if (rest.length > 0) throw new UsageError(`unexpected arguments: ${rest.join(' ')}`)
  const areas = list(values.areas)
  for (const area of areas ?? []) {
    if (!(AREAS as readonly string[]).includes(area))
      throw new UsageError(`unknown area ${JSON.stringify(area)}; areas: ${AREAS.join(', ')}`)
  }
  const seed = integer(values.seed, '--seed')
  const runs = integer(values.runs, '--runs')
  if (runs !== undefined && runs < 1) throw new UsageError('--runs must be at least 1')
  const timeoutMs = secondsFlag(values.timeout, '--timeout')
  const callTimeoutMs = secondsFlag(values['call-timeout'], '--call-timeout')
  const heartbeatMs = secondsFlag(values.heartbeat, '--heartbeat')
  const checks = list(values.check)
  if (values.revision !== undefined && !isContractRevision(values.revision)) {
    throw new UsageError(
      `--revision must be one of ${CONTRACT_REVISIONS.join(', ')}, got ${JSON.stringify(values.revision)}`,
    )
  }
  return {
    command: 'certify',
    options: {
      specifier,
      exportName: values.export,
      ...(values.process === undefined ? {} : { process: values.process }),
      ...(values.targets === undefined ? {} : { targets: values.targets }),
      ...(values.target === undefined ? {} : { onlyTargets: list(values.target) ?? [] }),
      bail: values.bail,
      out: values.out,
      json: values.json,
      cwd,
      ...(values['engine-url'] === undefined ? {} : { engineUrl: values['engine-url'] }),
      ...(values.engine === undefined ? {} : { engine: values.engine }),
      ...(values.name === undefined ? {} : { name: values.name }),
      ...(seed === undefined ? {} : { seed }),
      ...(runs === undefined ? {} : { runs }),
      ...(values.revision === undefined ? {} : { revision: values.revision }),
      ...(values.path === undefined ? {} : { path: values.path }),
      ...(areas === undefined ? {} : { areas: areas as Area[] }),
      ...(checks === undefined ? {} : { checks }),
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
      ...(callTimeoutMs === undefined ? {} : { callTimeoutMs }),
      ...(heartbeatMs === undefined ? {} : { heartbeatMs }),
    },
  }
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

/** A positive number of seconds (fractions allowed), as milliseconds. */
function secondsFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new UsageError(`${flag} must be a positive number of seconds, got ${JSON.stringify(value)}`)
  }
  return Math.round(n * 1000)
}
