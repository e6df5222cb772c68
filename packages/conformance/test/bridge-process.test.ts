import { fileURLToPath } from 'node:url'
import { FrozenClock, type Repos } from '@regstack/protocols'
import { afterEach, describe, expect, it } from 'vitest'
import { splitCommandLine } from '../src/bridge/load-process-target.js'
import { createProcessTarget, isInfrastructureError, type ProcessTarget } from '../src/index.js'

const FAKE = fileURLToPath(new URL('./fixtures/fake-bridge.mjs', import.meta.url))
const opened: ProcessTarget[] = []

function fake(mode: string, requestTimeoutMs = 10_000): ProcessTarget {
  const target = createProcessTarget({ command: process.execPath, args: [FAKE, mode], requestTimeoutMs })
  opened.push(target)
  return target
}

async function repos(
  target: ProcessTarget,
  clock = new FrozenClock(new Date(Date.UTC(2030, 0, 1))),
): Promise<Repos> {
  return (await target.makeRepos({ clock, namespace: 'rs_test_1' })).repos as Repos
}

async function infrastructureFailure(call: Promise<unknown>): Promise<Error> {
  const error = await call.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e as Error,
  )
  expect(isInfrastructureError(error), String(error)).toBe(true)
  return error
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((t) => t.close()))
})

describe('bridge client', () => {
  it('sends every argument as it is, and the clock’s now with each call', async () => {
    const clock = new FrozenClock(new Date(Date.UTC(2030, 0, 1)))
    const users = (await repos(fake('echo'), clock)).users
    const args = [
      new Date(Date.UTC(1970, 0, 1)),
      new Date(Number.NaN),
      undefined,
      null,
      Number.NaN,
      Number.NEGATIVE_INFINITY,
      { $ne: null, $bridge: 'not a tag', nested: [new Date(5)] },
      'a\ud800\u0000b',
      2 ** 53,
    ]
    clock.advance(1234)
    const echoed = (await (users.getById as (...a: unknown[]) => Promise<unknown>)(...args)) as {
      args: unknown[]
      now: number
    }
    expect(echoed.now).toBe(Date.UTC(2030, 0, 1) + 1234)
    // The fake answers with the encoded args, so the result decodes back to the originals.
    expect(echoed.args[0]).toEqual(new Date(0))
    expect(Number.isNaN((echoed.args[1] as Date).getTime())).toBe(true)
    expect(echoed.args.slice(2, 6)).toEqual([undefined, null, Number.NaN, Number.NEGATIVE_INFINITY])
    expect(echoed.args[6]).toEqual({ $ne: null, $bridge: 'not a tag', nested: [new Date(5)] })
    expect(echoed.args.slice(7)).toEqual(['a\ud800\u0000b', 2 ** 53])
  })

  it('maps wire errors to the typed errors by code, and anything else to an untyped error', async () => {
    const cases: [object, Record<string, unknown>][] = [
      [
        { code: 'USER_ALREADY_EXISTS', fields: { email: 'a@x.io' } },
        { code: 'USER_ALREADY_EXISTS', email: 'a@x.io' },
      ],
      [
        { code: 'OAUTH_IDENTITY_ALREADY_LINKED', fields: { provider: 'g', subjectId: 's' } },
        { code: 'OAUTH_IDENTITY_ALREADY_LINKED', provider: 'g', subjectId: 's' },
      ],
      [
        { code: 'INVALID_INPUT', fields: { field: 'email' } },
        { code: 'INVALID_INPUT', field: 'email' },
      ],
      [
        { code: 'UNEXPECTED', fields: { type: 'builtins.KeyError' }, message: 'x' },
        { code: 'UNEXPECTED', name: 'BridgeCallError', remoteType: 'builtins.KeyError' },
      ],
    ]
    for (const [wire, expected] of cases) {
      await expect(sendFail(wire)).rejects.toMatchObject(expected)
    }
  })

  it('reports a process that falls silent as an infrastructure error', async () => {
    const users = (await repos(fake('silent', 300))).users
    const error = await infrastructureFailure(users.getByEmail('a@x.io'))
    expect(error.message).toMatch(/no answer/)
  })

  it('reports a process that dies mid-call, or is killed, as an infrastructure error', async () => {
    const crashed = (await repos(fake('crash'))).users
    expect((await infrastructureFailure(crashed.getByEmail('a@x.io'))).message).toMatch(/code 3/)
    const target = fake('echo')
    const users = (await repos(target)).users
    process.kill(target.pid() as number, 'SIGKILL')
    await infrastructureFailure(new Promise((r) => setTimeout(r, 200)).then(() => users.getByEmail('a@x.io')))
  })

  it('reports garbage on stdout, a wrong protocol and a missing handshake as infrastructure errors', async () => {
    const users = (await repos(fake('garbage'))).users
    await infrastructureFailure(users.getByEmail('a@x.io'))
    expect((await infrastructureFailure(fake('old-protocol').handshake())).message).toMatch(/protocol 99/)
    await infrastructureFailure(fake('no-handshake').handshake())
  })

  it('splits a --process command line like a shell', () => {
    expect(splitCommandLine(`python -m "my bridge" --x='a b' c\\ d`)).toEqual([
      'python',
      '-m',
      'my bridge',
      '--x=a b',
      'c d',
    ])
    expect(() => splitCommandLine('python "oops')).toThrow(TypeError)
  })
})

// The echo fake fails any call whose method is "fail"; reach it through the request path the repos use.
async function sendFail(wire: object): Promise<unknown> {
  const { BridgeProcess } = await import('../src/bridge/bridge-process.js')
  const { fromWireError } = await import('../src/bridge/wire-error.js')
  const bridge = await BridgeProcess.start({ command: process.execPath, args: [FAKE, 'echo'] })
  try {
    const answer = await bridge.request({
      op: 'call',
      store: 's',
      repo: 'users',
      method: 'fail',
      args: [wire as never],
    })
    if (!answer.ok) throw fromWireError(answer.error, 'users.fail')
    return answer.result
  } finally {
    await bridge.stop()
  }
}
