/**
 * Harness errors: a problem of the harness or its configuration, never a finding about the target.
 * A non-conformant authorization server is reported through a failed check, not an exception.
 * Every error carries a stable `code`; tests and tooling switch on it, never on the message.
 */
export type HarnessErrorCode =
  | 'ERR_CONFIG_INVALID'
  | 'ERR_CONFIG_MISSING_CLIENT'
  | 'ERR_TARGET_UNREACHABLE'
  | 'ERR_DISCOVERY_INVALID'
  | 'ERR_HTTP_TRANSPORT'
  | 'ERR_HTTP_TIMEOUT'
  /** A response body beyond the size cap (MAX_RESPONSE_BYTES in src/http/client.ts): cut off unread. */
  | 'ERR_HTTP_BODY_TOO_LARGE'
  /** An endpoint on another origin than the issuer, not allow-listed: it is not called with a credential. */
  | 'ERR_FOREIGN_ENDPOINT'
  /** The run was interrupted (SIGINT, SIGTERM). */
  | 'ERR_INTERRUPTED'
  | 'ERR_TLS_HANDSHAKE'
  | 'ERR_UNEXPECTED_CONTENT_TYPE'
  | 'ERR_KEY_UNSUITABLE'
  | 'ERR_STEP_PRECONDITION'
  /** A negative's control (the same request without the change) or its twin registration did not succeed: the clauses are inconclusive. */
  | 'ERR_PRECONDITION'
  | 'ERR_UNKNOWN_PROFILE'
  | 'ERR_UNKNOWN_CHECK'
  | 'ERR_REFERENCE_AS'
  | 'ERR_REPORT'
  | 'ERR_INTERNAL'

export class HarnessError extends Error {
  readonly code: HarnessErrorCode
  constructor(code: HarnessErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
    this.name = 'HarnessError'
  }
}

export function isHarnessError(e: unknown): e is HarnessError {
  return (
    e instanceof Error &&
    typeof (e as HarnessError).code === 'string' &&
    (e as HarnessError).code.startsWith('ERR_')
  )
}

/** One line describing an error and its causes, for the terminal. */
export function oneLine(e: unknown): string {
  const parts: string[] = []
  let cur: unknown = e
  for (let i = 0; cur && i < 4; i++) {
    if (cur instanceof Error) {
      const code = (cur as { code?: unknown }).code
      parts.push(`${typeof code === 'string' ? `${code}: ` : ''}${cur.message}`)
      cur = cur.cause
    } else {
      parts.push(String(cur))
      break
    }
  }
  return [...new Set(parts)].join(' <- ').replace(/\s+/g, ' ')
}
