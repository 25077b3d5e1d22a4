import { defineCheck, fail, pass, undecidable } from '../define.js'

export interface AuthorizationResponseInput {
  /** The state sent in the authorization request (RFC 6749 §4.1.1). */
  state?: string
  /** The authorization response parameters (query, fragment or form_post). */
  params?: Record<string, string>
  /** The callback URL as received, for the evidence (redacted with the record: its code is masked). */
  callbackUrl?: string
  /** Why there is no callback (the browser step that failed). */
  failure?: string
}

/**
 * RFC 6749 §4.1.2: a granted authorization request is answered at the redirect URI with `code`
 * ("REQUIRED") and, where the request carried one, the same `state` ("The exact value received
 * from the client"). An error response (§4.1.2.1) where access was granted fails too.
 */
export default defineCheck<AuthorizationResponseInput>({
  id: 'authorization-response-code-and-state',
  title: 'The authorization response carries a code and the exact state of the request',
  requirements: ['RFC6749-4.1.2-1', 'RFC6749-4.1.2-2'],
  evaluate({ state, params, callbackUrl, failure }) {
    if (!params)
      return undecidable(
        `no authorization response: ${failure ?? 'the browser was not redirected'}`,
      )
    const evidence = { callback: callbackUrl, parameters: Object.keys(params) }
    if (params.error)
      return fail(
        `the authorization response is an error where access was granted: ${params.error}${params.error_description ? ` (${params.error_description})` : ''}`,
        evidence,
      )
    if (!params.code) return fail('the authorization response carries no code', evidence)
    if (state !== undefined && params.state !== state) {
      return fail(
        params.state === undefined
          ? `the authorization response drops the state the request carried ("${state}")`
          : `the authorization response carries state "${params.state}", the request "${state}"`,
        evidence,
      )
    }
    return pass(
      `code and ${state !== undefined ? 'the same state' : 'no state (none was sent)'}`,
      evidence,
    )
  },
})
