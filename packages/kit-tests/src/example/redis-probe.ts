/** Checks that a Redis server answers, without a client library (these tests do not depend on one). */
import { connect } from 'node:net'

/**
 * Sends PING to the Redis at `url` (redis://host:port) and resolves when it answers PONG; rejects
 * with a message naming the URL otherwise, within `timeoutMs`.
 */
export function pingRedis(url: string, timeoutMs = 3_000): Promise<void> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname || '127.0.0.1', port: Number(port || 6379) })
    const fail = (why: string): void => {
      socket.destroy()
      reject(new Error(`Redis is not reachable at ${url}: ${why}`))
    }
    socket.setTimeout(timeoutMs, () => fail(`no answer within ${timeoutMs} ms`))
    socket.on('error', (error) => fail(error.message))
    socket.on('connect', () => socket.write('PING\r\n'))
    socket.on('data', (data) => {
      socket.end()
      if (data.toString('utf8').startsWith('+PONG')) resolve()
      else fail(`unexpected reply ${JSON.stringify(data.toString('utf8').slice(0, 80))}`)
    })
  })
}
