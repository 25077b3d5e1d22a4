import type { Exchange } from '../../suite/result.js'
import { defineCheck, fail, pass, undecidable } from '../define.js'
import { oauthError } from '../token-endpoint/oauth-error.js'

/** Statuses an endpoint's error response may carry, besides 400 (and 401 for invalid_client). */
const EXTRA_STATUS: Record<string, Record<number, string[]>> = {
  // CIBA Core §13: access_denied is 403
  backchannel_authentication: { 403: ['access_denied'] },
}

/**
 * RFC 6749 §5.2 (and the endpoints that adopt it: RFC 7009 §2.2.1, RFC 9126 §2.3, CIBA §13): a
 * refusal is HTTP 400 (401 for invalid_client) with a JSON object whose `error` is a code. Judges
 * the form only; whether the request should have been refused is attempt-refused's question.
 */
export default defineCheck<{ response: Exchange }>({
  id: 'oauth-error-response',
  title: 'A refusal is HTTP 400 (401 for invalid_client) with a JSON error object',
  requirements: ['RFC6749-5.2'],
  evaluate({ response }) {
    if (response.transport_error)
      return undecidable(`no HTTP response: ${response.transport_error.code}`)
    const e = oauthError(response)!
    const evidence = { status: e.status, error: e.error }
    if (e.status < 300) return undecidable(`HTTP ${e.status} is not an error response`, evidence)
    if (e.status < 400)
      return fail(
        `HTTP ${e.status} instead of an OAuth error response (400, or 401 for invalid_client)`,
        evidence,
      )
    if (e.status >= 500)
      return fail(
        `HTTP ${e.status} server error instead of an OAuth error response (400, or 401 for invalid_client)`,
        evidence,
      )
    if (!e.json) return fail(`HTTP ${e.status} but ${e.reason}`, evidence)
    if (!e.error) return fail(`HTTP ${e.status} without an error code`, evidence)
    const extra = EXTRA_STATUS[response.purpose]?.[e.status]
    const ok =
      e.status === 400 ||
      (e.status === 401 && e.error === 'invalid_client') ||
      Boolean(extra?.includes(e.error))
    if (!ok)
      return fail(
        `error ${e.error} with HTTP ${e.status} (RFC 6749 §5.2: 400, or 401 for invalid_client)`,
        evidence,
      )
    return pass(`HTTP ${e.status} with error ${e.error}`, evidence)
  },
})
