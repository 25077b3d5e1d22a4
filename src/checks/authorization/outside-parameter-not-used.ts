import { defineCheck, fail, pass, undecidable } from '../define.js'

export interface OutsideParameterInput {
  /** The authorization request parameter sent only outside the request object (beside `request` or `request_uri`), e.g. `state`. */
  name: string
  /** Its value there. */
  value: string
  /** The authorization response parameters (query, fragment, form_post; JARM claims). */
  params?: Record<string, string>
  /** The callback URL as received, for the evidence (redacted with the record: its code is masked). */
  callbackUrl?: string
  /** Why there is no callback (the browser step that failed). */
  failure?: string
}

/**
 * FAPI 1.0 Part 2 §5.2.2-10: the AS "shall only use the parameters included in the signed request
 * object passed via the request or request_uri parameter". An authorization (a code) answering a
 * request whose `name` was only outside the request object must not carry that value back: had
 * the AS used it, the response would echo it (a state comes back as "The exact value received
 * from the client", RFC 6749 §4.1.2). Where the request was refused, or no code came, the
 * authorization does not show it: undecidable.
 */
export default defineCheck<OutsideParameterInput>({
  id: 'outside-parameter-not-used',
  title:
    'A parameter sent only outside the signed request object does not come back in the authorization response',
  requirements: [],
  evaluate({ name, value, params, callbackUrl, failure }) {
    if (!params)
      return undecidable(
        `no authorization response: ${failure ?? 'the browser was not redirected'}`,
      )
    const evidence = { callback: callbackUrl, parameters: Object.keys(params) }
    if (params.error)
      return undecidable(
        `the request was answered with an error (${params.error}), not an authorization: whether the AS uses the ${name} outside the request object is not shown`,
        evidence,
      )
    if (!params.code)
      return undecidable(
        `the authorization response carries no code (${Object.keys(params).join(', ') || 'no parameters'}): whether the AS uses the ${name} outside the request object is not shown`,
        evidence,
      )
    if (params[name] === value)
      return fail(
        `the authorization response carries the ${name} that was sent only outside the request object ("${value}"): the AS used a parameter the signed request object does not hold`,
        evidence,
      )
    return pass(
      params[name] === undefined
        ? `a code and no ${name}: the ${name} outside the request object was not used`
        : `a code, and a ${name} ("${params[name]}") other than the one outside the request object`,
      evidence,
    )
  },
})
