/**
 * A loopback TCP proxy between the driver and the jongodb stand-in (test support only; the adapter
 * itself carries no stand-in workarounds).
 *
 * Why: for `findOneAndDelete` the driver sends `findAndModify` with `remove: true` together with
 * `new: false` and `upsert: false`. A real mongod accepts that; jongodb rejects it ("new is not
 * allowed when remove=true"). The proxy parses each OP_MSG from the client, deletes `new` and
 * `upsert` from such commands, re-encodes the body with the driver's own BSON and forwards
 * everything else byte for byte. Replies flow back untouched.
 *
 * SecantusDB accepts the driver's command as sent, so in front of it the proxy only forwards (its one
 * job there is `dropConnections`, the fault tier's connection kill): `{ rewrite: false }`.
 */
import { connect, createServer, type Server, type Socket } from 'node:net'
import { BSON } from 'mongodb'

const OP_MSG = 2013
const HEADER_BYTES = 16
const CHECKSUM_PRESENT = 1
const DROP_SETTLE_MS = 20

/** A running proxy. */
export interface WireShim {
  /** `host:port` to put in the connection string instead of the stand-in's. */
  readonly address: string
  /**
   * Destroys every proxied connection (both ends; the driver's end with a TCP reset) and resolves
   * once all are closed: to the driver it looks like the server dropped them. The proxy keeps
   * listening, so the driver reconnects, and the stand-in keeps its in-memory data (restarting it
   * instead would lose every collection).
   */
  dropConnections(): Promise<void>
  close(): Promise<void>
}

/** The command document with `new`/`upsert` removed when it is a findAndModify with `remove: true`. */
export function rewriteCommand(command: BSON.Document): BSON.Document | null {
  const name = Object.keys(command)[0]
  if (name?.toLowerCase() !== 'findandmodify' || command.remove !== true) return null
  if (!('new' in command) && !('upsert' in command)) return null
  const { new: _new, upsert: _upsert, ...rest } = command
  return rest
}

/** One OP_MSG message rewritten if needed, else the same buffer. */
export function rewriteMessage(message: Buffer): Buffer {
  if (message.readInt32LE(12) !== OP_MSG) return message
  const flags = message.readUInt32LE(HEADER_BYTES)
  // The driver never sends checksums; a checksummed message would need a new CRC, so pass it on.
  if ((flags & CHECKSUM_PRESENT) !== 0) return message
  let offset = HEADER_BYTES + 4
  while (offset < message.length) {
    const kind = message.readUInt8(offset)
    if (kind === 0) {
      const size = message.readInt32LE(offset + 1)
      const body = message.subarray(offset + 1, offset + 1 + size)
      // promoteValues: false keeps Int32/Double/Long wrappers, so re-encoding preserves every type.
      const command = BSON.deserialize(body, {
        promoteValues: false,
        promoteBuffers: false,
        bsonRegExp: true,
      })
      const rewritten = rewriteCommand(command)
      if (rewritten === null) return message
      const encoded = Buffer.from(BSON.serialize(rewritten, { checkKeys: false, ignoreUndefined: false }))
      const out = Buffer.concat([
        message.subarray(0, offset + 1),
        encoded,
        message.subarray(offset + 1 + size),
      ])
      out.writeInt32LE(out.length, 0)
      return out
    }
    // kind 1: a document sequence, length-prefixed (the length includes itself).
    offset += 1 + message.readInt32LE(offset + 1)
  }
  return message
}

function pipeRewriting(client: Socket, upstream: Socket): void {
  let pending: Buffer = Buffer.alloc(0)
  client.on('data', (chunk: Buffer) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk])
    while (pending.length >= 4) {
      const length = pending.readInt32LE(0)
      if (pending.length < length) break
      upstream.write(rewriteMessage(pending.subarray(0, length)))
      pending = pending.subarray(length)
    }
  })
}

/** Starts a proxy on 127.0.0.1 (a free port) forwarding to `target` (`host:port`). */
export async function startWireShim(
  target: string,
  options: { readonly rewrite: boolean } = { rewrite: true },
): Promise<WireShim> {
  const [host = '127.0.0.1', portText = '27017'] = target.split(':')
  const sockets = new Set<Socket>()
  // The driver-facing ends, which a kill resets (see dropConnections).
  const clients = new Set<Socket>()
  const server: Server = createServer((client) => {
    const upstream = connect(Number(portText), host)
    sockets.add(client)
    sockets.add(upstream)
    clients.add(client)
    if (options.rewrite) pipeRewriting(client, upstream)
    else client.pipe(upstream)
    upstream.pipe(client)
    const closeBoth = (): void => {
      client.destroy()
      upstream.destroy()
      sockets.delete(client)
      sockets.delete(upstream)
      clients.delete(client)
    }
    client.on('close', closeBoth)
    upstream.on('close', closeBoth)
    client.on('error', closeBoth)
    upstream.on('error', closeBoth)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('wire shim: no TCP address')
  return {
    address: `127.0.0.1:${address.port}`,
    dropConnections: async () => {
      const closing = [...sockets].map(
        (socket) =>
          new Promise<void>((resolve) =>
            socket.destroyed ? resolve() : socket.once('close', () => resolve()),
          ),
      )
      // The driver's ends are reset (RST), not closed with a FIN. After a FIN the driver (7.9) ends
      // and destroys its socket a loop turn before 'close' reaches its pool; a command checked out in
      // that window is written into the destroyed socket, which emits neither the 'drain' nor the
      // 'error' the driver then awaits, and the call never settles. A reset reaches the driver as an
      // ECONNRESET error, which marks the connection closed at once. Either way the server side
      // kills every connection; only the driver's view of the kill differs (README, fault tier).
      for (const client of clients) if (!client.destroyed) client.resetAndDestroy()
      for (const socket of sockets) socket.destroy()
      await Promise.all(closing)
      // The proxy's ends are closed; give the driver's event loop a turn to read the resets, so its
      // pool sees the dropped connections as closed ("resolves once they are dead", client-side too).
      await new Promise((resolve) => setTimeout(resolve, DROP_SETTLE_MS))
    },
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
