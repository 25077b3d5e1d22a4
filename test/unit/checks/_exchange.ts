import type { Exchange } from '../../../src/suite/result.js'

export const AS = 'https://as.example.com'

/**
 * A recorded exchange built by hand. `body` that is not a string is sent as JSON with
 * `application/json` unless `contentType` says otherwise.
 */
export function exchange(
  purpose: string,
  status: number,
  body?: unknown,
  opts: {
    contentType?: string | null
    headers?: Record<string, string>
    requestHeaders?: Record<string, string>
  } = {},
): Exchange {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body)
  const ct =
    opts.contentType === undefined
      ? typeof body === 'string'
        ? 'text/html'
        : 'application/json'
      : opts.contentType
  return {
    purpose,
    request: {
      method: 'POST',
      url: `${AS}/${purpose}`,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(opts.requestHeaders ?? {}),
      },
      body: 'grant_type=client_credentials',
    },
    response: {
      status,
      headers: { ...(ct ? { 'content-type': ct } : {}), ...(opts.headers ?? {}) },
      body: text,
    },
    durationMs: 1,
  }
}

/** An exchange that failed below HTTP. */
export function transportFailure(purpose: string, code = 'ECONNRESET'): Exchange {
  return {
    purpose,
    request: { method: 'POST', url: `${AS}/${purpose}`, headers: {} },
    transport_error: { code, message: 'socket hang up' },
    durationMs: 1,
  }
}
