import { CONTRACT_REVISIONS } from '@regstack/protocols'
import { AREAS } from '../types.js'

/** The `--help` text: commands, the shape of a target module, every flag, the exit codes. */
export const USAGE: string = `Usage: regstack-conformance certify <module-or-package> [options]
       regstack-conformance certify --process "<command line>" [options]
       regstack-conformance certify --targets <module> [options]
       regstack-conformance list          every check: id, level, clause, rule

Runs the regstack storage conformance suite against an adapter and writes report.json (validated
against the published schema), junit.xml, summary.md and badge.json — whatever the outcome.

The module (an ES module; build TypeScript first, or run through a loader) exports:
  makeRepos(ctx) => ConformanceTarget | Promise<ConformanceTarget>     (or another name: --export)
    ctx.clock       FrozenClock: the adapter takes every "now" from it
    ctx.namespace   unique per call, /^[a-z][a-z0-9_]{0,23}$/: a table or key prefix, a database name
    returns a fresh, empty, isolated store:
    {
      repos: Repos                        users, pending, blacklist, attempts, mfaCodes,
                                          oauthIdentities, oauthStates (guardRepos(raw, { clock }))
      revision?: '${CONTRACT_REVISIONS.join("' | '")}'  the contract revision the adapter implements;
                                          omitted: the newest is checked, and the run says so
      capabilities?: {
        automaticExpiry?: boolean         the engine deletes expired rows by itself (TTL)
      }
      faults?: {                          enables the fault-injection tier
        dropConnections(): Promise<void>  kill the store's connections server-side; resolve once the
                                          client side has seen the kill
      }
      close?(): Promise<void>             release the store and remove what it wrote
    }
  teardown?(): void | Promise<void>       optional; called once at the end (close pools, servers)
The engine URL reaches the module as REGSTACK_ENGINE_URL (--engine-url).

With --process, the command is started once and driven over the JSON-lines bridge protocol instead
(an adapter in any language; docs/bridge-protocol.md); its handshake names the adapter and engine.

With --targets, the module lists several targets and each is certified in turn, as above, into
<out>/<id>/; a table of all of them closes the run (exit code 1 when any target is not certified).
It exports targets(env) => [{ id, open?() => { name, engine, makeRepos, teardown? }, notRunBecause? }]
and optionally extraRows(write) => [{ adapter, engine, result, checks, time, failed }].

Options:
  --process <command>    certify the bridge process this command line starts
  --targets <module>     certify every target the module lists, one after another
  --target <id,…>        with --targets: only these targets
  --export <name>        export to use instead of makeRepos
  --engine-url <url>     sets REGSTACK_ENGINE_URL for the module
  --engine <label>       engine label in the report (e.g. "postgresql 15")
  --name <name>          adapter name in the report (default: the module's package name)
  --seed <n>             master seed (default 20261127)
  --runs <n>             generated cases per property (default: calibrated to the engine)
  --revision <id>        contract revision to certify against (${CONTRACT_REVISIONS.join(', ')}; default:
                         the one the target declares, else the newest)
  --areas <a,b>          only these areas (${AREAS.join(', ')})
  --check <id,…>         only these checks (id or id prefix; \`list\` shows them)
  --path <path>          replay path of a failure (with exactly one --check)
  --bail                 stop at the first failed MUST check
  --timeout <s>          limit per check, in seconds (default 120)
  --call-timeout <s>     limit per call into the adapter, makeRepos and close() (default 30); two
                         calls in a row that never settle stop the run
  --heartbeat <s>        while a check runs, print what it waits on this often (default 15)
  --out <dir>            report directory (default ./conformance-report)
  --json                 print report.json to stdout (everything else goes to stderr)
  -h, --help             this text
  -v, --version          suite version

On GitHub Actions ($GITHUB_STEP_SUMMARY set) summary.md is also appended to the job summary.

Exit codes: 0 every MUST check passed (or a partial run passed) · 1 a MUST check failed ·
2 no verdict: bad usage, the module failed to load, an infrastructure error (makeRepos, close, the
engine), calls that never settle, or the process ending early — the reports say which.`
