import type { ContractRevision } from '@regstack/protocols'
import { InfrastructureError } from '../harness/infrastructure-error.js'
import type { MakeRepos } from '../types.js'
import { type BridgeCommand, type BridgeHandshake, BridgeProcess } from './bridge-process.js'
import { bridgeRepos } from './bridge-repos.js'

/** A suite target served by a bridge process (docs/bridge-protocol.md). */
export interface ProcessTarget {
  /** Opens a store in the process per call (the process starts on the first call). */
  readonly makeRepos: MakeRepos
  /** Starts the process if needed and resolves to its handshake (name, version, engine). */
  handshake(): Promise<BridgeHandshake>
  /** The running process's id, once started. */
  pid(): number | undefined
  /** Stops the process; call once the suite is done. */
  close(): Promise<void>
}

/**
 * Drives an adapter written in any language: `command` is started once, speaks the JSON-lines bridge
 * protocol on stdin/stdout, and every `makeRepos` opens a store in it (`op: 'open'`, closed with
 * `op: 'close'`). A process that will not start, crashes, falls silent or breaks the protocol makes
 * the calls waiting on it reject with an `InfrastructureError`, never with a contract failure.
 *
 * ```ts
 * const target = createProcessTarget({ command: '.venv/bin/python', args: ['-m', 'my_bridge'] })
 * const report = await checkConformance(target.makeRepos)
 * await target.close()
 * ```
 */
export function createProcessTarget(command: BridgeCommand): ProcessTarget {
  let started: Promise<BridgeProcess> | undefined
  let running: BridgeProcess | undefined
  const start = (): Promise<BridgeProcess> => {
    started ??= BridgeProcess.start(command).then((bridge) => {
      running = bridge
      return bridge
    })
    return started
  }
  return {
    makeRepos: async ({ clock, namespace }) => {
      const bridge = await start()
      const opened = await bridge.request({ op: 'open', store: namespace, now: clock.now().getTime() })
      if (!opened.ok) {
        throw new InfrastructureError(
          `bridge could not open store ${namespace}: ${opened.error.message ?? opened.error.code}`,
        )
      }
      return {
        repos: bridgeRepos(bridge, namespace, clock),
        capabilities: { automaticExpiry: bridge.handshake.capabilities?.automaticExpiry === true },
        // Passed on as declared: the suite itself refuses an unknown revision, naming the known ones.
        ...(bridge.handshake.revision === undefined
          ? {}
          : { revision: bridge.handshake.revision as ContractRevision }),
        close: async () => {
          const closed = await bridge.request({ op: 'close', store: namespace })
          if (!closed.ok)
            throw new InfrastructureError(
              `bridge could not close store ${namespace}: ${closed.error.message ?? closed.error.code}`,
            )
        },
      }
    },
    handshake: async () => (await start()).handshake,
    pid: () => running?.pid,
    close: async () => {
      if (started === undefined) return
      const bridge = await started.catch(() => undefined)
      await bridge?.stop()
    },
  }
}
