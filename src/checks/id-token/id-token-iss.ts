import { defineCheck, fail, pass } from '../define.js'
import { claimsEvidence, readIdToken, type IdTokenResponseInput } from './id-token.js'

export interface IdTokenIssInput extends IdTokenResponseInput {
  /** The OP's issuer identifier, as discovered. */
  issuer: string
}

/**
 * OIDC Core §3.1.3.7 item 2: "The Issuer Identifier for the OpenID Provider (which is typically
 * obtained during Discovery) MUST exactly match the value of the iss (issuer) Claim."; §2 item 1:
 * iss is "REQUIRED".
 */
export default defineCheck<IdTokenIssInput>({
  id: 'id-token-iss',
  title: 'The iss of the ID Token equals the issuer of the OP exactly',
  requirements: ['OIDCC-3.1.3.7-2', 'OIDCC-2-1'],
  evaluate(input) {
    const t = readIdToken(input)
    if (!t.ok) return t.verdict
    const evidence = { issuer: input.issuer, ...claimsEvidence(t.claims, ['iss']) }
    if (t.claims.iss === undefined) return fail('the ID Token has no iss claim', evidence)
    if (t.claims.iss !== input.issuer)
      return fail(
        `the ID Token's iss is ${JSON.stringify(t.claims.iss)}, the issuer ${JSON.stringify(input.issuer)}`,
        evidence,
      )
    return pass('iss is the issuer', evidence)
  },
})
