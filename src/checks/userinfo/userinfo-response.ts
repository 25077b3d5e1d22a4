import { jsonBody } from '../../http/client.js'
import type { Exchange } from '../../suite/result.js'
import { defineCheck, fail, pass, undecidable } from '../define.js'

export interface UserinfoResponseInput {
  /** The UserInfo request with the code flow's access token as a Bearer token. */
  response?: Exchange
  /** The sub of the ID Token of the same token response. */
  sub?: string
}

/**
 * OIDC Core §5.3: "The UserInfo Endpoint MUST accept Access Tokens as OAuth 2.0 Bearer Token Usage
 * [RFC6750]."; §5.3.2: "The sub (subject) Claim MUST always be returned in the UserInfo Response."
 * (a JSON object, where no signed or encrypted response was registered); §2: sub is "A locally
 * unique and never reassigned identifier within the Issuer for the End-User", so the UserInfo
 * response to the token of a grant names the ID Token's sub.
 */
export default defineCheck<UserinfoResponseInput>({
  id: 'userinfo-response',
  title:
    "The UserInfo endpoint answers the code flow's access token with a JSON object whose sub is the ID Token's",
  requirements: ['OIDCC-5.3', 'OIDCC-5.3.2', 'OIDCC-2-2'],
  evaluate({ response: x, sub }) {
    if (!x) return undecidable('no UserInfo request was sent')
    if (!x.response)
      return fail(
        `no HTTP response from the UserInfo endpoint: ${x.transport_error?.code ?? 'transport error'}`,
      )
    const status = x.response.status
    if (status !== 200)
      return fail(
        `the UserInfo endpoint refused the access token of the code flow: HTTP ${status}`,
        { status },
      )
    const body = jsonBody(x)
    if (!body.ok || !body.value || typeof body.value !== 'object' || Array.isArray(body.value))
      return fail(
        `the UserInfo response is not a JSON object: ${body.ok ? 'not an object' : body.reason}`,
        { content_type: x.response.headers['content-type'] },
      )
    const claims = body.value as Record<string, unknown>
    const evidence = { status, members: Object.keys(claims), sub: claims.sub, id_token_sub: sub }
    if (typeof claims.sub !== 'string')
      return fail('the UserInfo response carries no sub', evidence)
    if (sub === undefined)
      return undecidable(
        "the ID Token's sub is not known: nothing to compare the UserInfo sub with",
        evidence,
      )
    if (claims.sub !== sub)
      return fail(
        `the UserInfo response names sub ${JSON.stringify(claims.sub)}, the ID Token ${JSON.stringify(sub)}`,
        evidence,
      )
    return pass("a JSON object with the ID Token's sub", evidence)
  },
})
