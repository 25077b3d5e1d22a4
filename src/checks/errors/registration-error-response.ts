import type { Exchange } from '../../suite/result.js'
import { defineCheck, fail, pass, undecidable } from '../define.js'
import { oauthError } from '../token-endpoint/oauth-error.js'

/** RFC 7591 §3.2.2: a refused registration is HTTP 400 with a JSON object carrying `error`. */
export default defineCheck<{ registration: Exchange }>({
  id: 'registration-error-response',
  title: 'A refused registration is HTTP 400 with a JSON error object',
  requirements: ['RFC7591-3.2.2'],
  evaluate({ registration }) {
    if (registration.transport_error)
      return undecidable(`no HTTP response: ${registration.transport_error.code}`)
    const e = oauthError(registration)!
    const evidence = { status: e.status, error: e.error }
    if (e.status < 400) return undecidable(`HTTP ${e.status} is not an error response`, evidence)
    if (!e.json) return fail(`HTTP ${e.status} but ${e.reason}`, evidence)
    if (!e.error) return fail(`HTTP ${e.status} without an error code`, evidence)
    if (e.status !== 400)
      return fail(`error ${e.error} with HTTP ${e.status} instead of 400`, evidence)
    return pass(`HTTP 400 with error ${e.error}`, evidence)
  },
})
