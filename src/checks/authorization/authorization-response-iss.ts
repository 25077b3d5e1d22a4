import { defineCheck, fail, pass, undecidable } from '../define.js'

export interface AuthorizationResponseIssInput {
  /** The authorization response parameters (query, fragment or form_post). */
  params?: Record<string, string>
  /** The issuer identifier the configuration names. */
  issuer: string
  /** Whether the iss parameter must be present (the profile requires it, or the AS advertises it for this response). */
  required: boolean
  /** Why there is no callback. */
  failure?: string
}

/**
 * RFC 9207 §2: "In authorization responses to the client, including error responses, an
 * authorization server supporting this specification MUST indicate its identity by including the
 * iss parameter in the response." and "The iss parameter value is the issuer identifier of the
 * authorization server that created the authorization response, as defined in [RFC8414]." FAPI
 * 2.0 §5.3.2.2-7 requires it of every FAPI 2.0 AS. A present iss is judged whatever the call site
 * requires; a missing one fails only where it is `required`.
 */
export default defineCheck<AuthorizationResponseIssInput>({
  id: 'authorization-response-iss',
  title: 'The authorization response carries iss, equal to the issuer identifier (RFC 9207)',
  requirements: ['RFC9207-2'],
  evaluate({ params, issuer, required, failure }) {
    if (!params)
      return undecidable(
        `no authorization response: ${failure ?? 'the browser was not redirected'}`,
      )
    const evidence = { issuer, iss: params.iss ?? null, parameters: Object.keys(params) }
    if (params.iss === undefined)
      return required
        ? fail('the authorization response carries no iss parameter', evidence)
        : pass('no iss parameter, and none is required here', evidence)
    if (params.iss !== issuer)
      return fail(
        `the authorization response's iss is ${JSON.stringify(params.iss)}, the issuer ${JSON.stringify(issuer)}`,
        evidence,
      )
    return pass('iss is the issuer identifier', evidence)
  },
})
