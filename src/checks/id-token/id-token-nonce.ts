import { defineCheck, fail, pass } from '../define.js'
import { claimsEvidence, readIdToken, type IdTokenResponseInput } from './id-token.js'

export interface IdTokenNonceInput extends IdTokenResponseInput {
  /** The nonce of the authentication request, if it sent one. */
  nonce?: string
}

/**
 * OIDC Core §2 item 7: "If present in the Authentication Request, Authorization Servers MUST
 * include a nonce Claim in the ID Token with the Claim Value being the nonce value sent in the
 * Authentication Request."; §3.1.3.7 item 11 is the client's side of the same rule.
 */
export default defineCheck<IdTokenNonceInput>({
  id: 'id-token-nonce',
  title: 'The ID Token carries the nonce of the authentication request unchanged',
  requirements: ['OIDCC-3.1.3.7-11', 'OIDCC-2-7'],
  evaluate(input) {
    const t = readIdToken(input)
    if (!t.ok) return t.verdict
    const evidence = { sent: input.nonce, ...claimsEvidence(t.claims, ['nonce']) }
    if (input.nonce === undefined) return pass('no nonce was sent, none is required', evidence)
    if (t.claims.nonce === undefined)
      return fail(
        `the ID Token drops the nonce the request sent (${JSON.stringify(input.nonce)})`,
        evidence,
      )
    if (t.claims.nonce !== input.nonce)
      return fail(
        `the ID Token carries nonce ${JSON.stringify(t.claims.nonce)}, the request sent ${JSON.stringify(input.nonce)}`,
        evidence,
      )
    return pass('the nonce of the request', evidence)
  },
})
