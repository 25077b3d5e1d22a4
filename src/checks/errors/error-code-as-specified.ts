import type { Exchange } from '../../suite/result.js'
import { defineCheck, fail, pass, undecidable } from '../define.js'
import { oauthError } from '../token-endpoint/oauth-error.js'

export interface ErrorCodeInput {
  response: Exchange
  /** The `error` codes the clause at the call site names for this refusal. */
  codes: readonly string[]
}

/**
 * The refusal names the error code the spec prescribes for it (e.g. invalid_client for an invalid
 * client assertion, RFC 7523 §3.2). The clause and its level are the call site's. Only the `error`
 * member is read, never error_description.
 */
export default defineCheck<ErrorCodeInput>({
  id: 'error-code-as-specified',
  title: 'The refusal carries the error code the clause prescribes',
  requirements: [],
  evaluate({ response, codes }) {
    if (response.transport_error)
      return undecidable(`no HTTP response: ${response.transport_error.code}`)
    const e = oauthError(response)!
    if (e.status < 400)
      return undecidable(`HTTP ${e.status} is not an error response`, { status: e.status })
    if (!e.error) return fail(`no error code; expected ${codes.join(' or ')}`, { status: e.status })
    if (!codes.includes(e.error))
      return fail(`error ${e.error}; expected ${codes.join(' or ')}`, {
        status: e.status,
        error: e.error,
        expected: codes,
      })
    return pass(`error ${e.error}`, { error: e.error })
  },
})
