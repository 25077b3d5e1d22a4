import type { Exchange } from '../../suite/result.js'
import { defineCheck, fail, pass, undecidable } from '../define.js'
import { oauthError } from './oauth-error.js'

export interface AttemptRefusedInput {
  /** The registration exchange, when the client was registered for this test. */
  registration?: Exchange
  /** The request that had to be refused; absent when registration already refused the client. */
  response?: Exchange
  /** `error` codes a correct refusal may carry (e.g. invalid_client, invalid_request). */
  allowedErrors: readonly string[]
}

/** RFC 7591 §3.2.2 codes by which a registration refuses client metadata. */
export const REGISTRATION_ERRORS = ['invalid_client_metadata', 'invalid_redirect_uri', 'invalid_software_statement', 'unapproved_software_statement'] as const

/**
 * The server refused, as the spec allows: at registration (400 with an RFC 7591 error code) or at
 * the endpoint (400, or 401 for invalid_client, with an allowed `error`). A 2xx is a failure; a 5xx
 * is not a refusal (RFC 6749 §5.2 says how to refuse); a transport failure decides nothing. The
 * wording of error_description is never judged.
 */
export default defineCheck<AttemptRefusedInput>({
  id: 'attempt-refused',
  title: 'The authorization server refuses the request with HTTP 400/401 and an allowed error code',
  requirements: [],
  evaluate({ registration, response, allowedErrors }) {
    if (!response) {
      if (!registration) return undecidable('neither a registration nor a request was made')
      if (registration.transport_error) return undecidable(`registration: no HTTP response: ${registration.transport_error.code}`)
      const e = oauthError(registration)!
      if (e.status >= 200 && e.status < 300) return fail(`registration accepted (HTTP ${e.status}) a client the profile forbids`, { refusedAt: 'none', status: e.status })
      if (e.status === 400 && e.error && (REGISTRATION_ERRORS as readonly string[]).includes(e.error)) {
        return pass(`refused at registration: HTTP 400 ${e.error}`, { refusedAt: 'registration', status: e.status, error: e.error })
      }
      return fail(`registration answered HTTP ${e.status}${e.error ? ` ${e.error}` : ''}${e.json ? '' : ` (${e.reason})`}; a refused registration is HTTP 400 with ${REGISTRATION_ERRORS.join(' | ')}`, { refusedAt: 'registration', status: e.status, error: e.error })
    }
    if (response.transport_error) return undecidable(`no HTTP response: ${response.transport_error.code}`, { transport_error: response.transport_error })
    const e = oauthError(response)!
    const evidence = { refusedAt: response.purpose, status: e.status, error: e.error, error_description: e.error_description, allowed: allowedErrors }
    if (e.status >= 200 && e.status < 300) return fail(`accepted (HTTP ${e.status}) where a refusal was due`, evidence)
    if (e.status >= 500) return fail(`HTTP ${e.status} server error instead of a refusal (RFC 6749 §5.2: 400, or 401 for invalid_client)`, evidence)
    if (!e.json) return fail(`refused with HTTP ${e.status} but ${e.reason}`, evidence)
    if (!e.error) return fail(`refused with HTTP ${e.status} but without an error code`, evidence)
    if (!allowedErrors.includes(e.error)) return fail(`refused with error ${e.error}; expected ${allowedErrors.join(' or ')}`, evidence)
    const statusOk = e.status === 400 || (e.status === 401 && e.error === 'invalid_client')
    if (!statusOk) return fail(`refused with ${e.error} but HTTP ${e.status} (RFC 6749 §5.2: 400, or 401 for invalid_client)`, evidence)
    return pass(`refused at the ${response.purpose} endpoint: HTTP ${e.status} ${e.error}`, evidence)
  },
})
