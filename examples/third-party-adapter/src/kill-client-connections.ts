/** Server-side connection kills, for the conformance suite's fault-injection tier. */
import type { Redis } from 'ioredis'

/**
 * Kills, from `admin`'s connection, every Redis connection named `connectionName` (ioredis sets the
 * name with CLIENT SETNAME on each connect), then waits until `client` has noticed (`close`), so the
 * caller's next command is queued for the reconnect instead of being written to a dead socket.
 * Resolves to the number of connections killed.
 */
export async function killClientConnections(
  admin: Redis,
  client: Redis,
  connectionName: string,
): Promise<number> {
  const list = await admin.client('LIST')
  const ids = String(list)
    .split('\n')
    .filter((line) => line.split(' ').includes(`name=${connectionName}`))
    .map((line) => /(?:^| )id=(\d+)/.exec(line)?.[1])
    .filter((id): id is string => id !== undefined)
  if (ids.length === 0) return 0
  // Listen before killing: the close may be processed before CLIENT KILL's own reply arrives.
  const noticed = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 2_000)
    client.once('close', () => {
      clearTimeout(timer)
      resolve()
    })
  })
  for (const id of ids) await admin.client('KILL', 'ID', id)
  await noticed
  return ids.length
}
