/** The adapter's one place where ioredis failures become the kit's errors. */
import { StorageUnavailableError, wrapStorageFailure } from '@regstack/protocols'

/** Errors ioredis (and Node's sockets) raise when the connection, not the command, failed. */
const CONNECTION_ERROR_NAMES = new Set(['MaxRetriesPerRequestError', 'AbortError', 'InterruptError'])
const CONNECTION_ERROR_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
])
const CONNECTION_ERROR_MESSAGES = ['Connection is closed', "Stream isn't writeable", 'Command timed out']

/**
 * Connection failures become `StorageUnavailableError` (code `UNAVAILABLE`) with the driver error as
 * `cause`: the caller cannot know whether the command ran, and can retry. Everything else — a
 * `ReplyError` is Redis rejecting a command, i.e. a bug here — is wrapped in `StorageFailureError`
 * (code `STORAGE_FAILURE`, driver error as `cause`), never swallowed.
 */
export function translateError(error: unknown): Error {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code
    const lost =
      CONNECTION_ERROR_NAMES.has(error.name) ||
      (code !== undefined && CONNECTION_ERROR_CODES.has(code)) ||
      CONNECTION_ERROR_MESSAGES.some((m) => error.message.startsWith(m))
    if (lost) return new StorageUnavailableError(`Redis is unavailable: ${error.message}`, { cause: error })
  }
  return wrapStorageFailure(error, 'Redis')
}

/** Awaits one ioredis call, translating its failure. */
export async function redisCall<T>(call: Promise<T>): Promise<T> {
  try {
    return await call
  } catch (error) {
    throw translateError(error)
  }
}
