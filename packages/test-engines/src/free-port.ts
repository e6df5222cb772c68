/** A TCP port on 127.0.0.1 that was free a moment ago (the engines the tests start listen on it). */
import { createServer } from 'node:net'

/** Asks the kernel for a free port by listening on port 0, then releases it. */
export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}
