import { defineCheck, fail, pass, undecidable } from '../define.js'
import { claimsEvidence, leftHalfHash, readIdToken, type IdTokenResponseInput } from './id-token.js'

export interface IdTokenSHashInput extends IdTokenResponseInput {
  /** The state the authorization request sent (undefined: none was sent, s_hash is not due). */
  state?: string
}

/**
 * FAPI 1.0 Part 2 §5.2.2.1-5: with response_type code id_token the AS "shall include state hash,
 * s_hash, in the ID Token to protect the state value if the client supplied a value for state";
 * s_hash is computed as OIDC Core §3.3.2.11 computes c_hash, over the state (the left-most half
 * of the hash of the state under the ID Token's alg, base64url; FAPI 1.0 Part 2 §5.1 defines it so).
 */
export default defineCheck<IdTokenSHashInput>({
  id: 'id-token-s-hash',
  title: 'The ID Token of a code id_token response carries s_hash of the state the client sent',
  requirements: ['FAPI1-ADV-5.2.2.1-5'],
  evaluate(input) {
    const t = readIdToken(input)
    if (!t.ok) return t.verdict
    if (input.state === undefined)
      return undecidable('the authorization request sent no state: s_hash is not due')
    const alg = String(t.header.alg ?? '')
    const expected = leftHalfHash(input.state, alg)
    const evidence = { alg, ...claimsEvidence(t.claims, ['s_hash']) }
    if (t.claims.s_hash === undefined)
      return fail('the ID Token carries no s_hash for the state the client sent', evidence)
    if (!expected)
      return undecidable(
        `no hash is defined for the ID Token's alg ${JSON.stringify(alg)}`,
        evidence,
      )
    if (t.claims.s_hash !== expected)
      return fail('s_hash is not the hash of the state the client sent', { ...evidence, expected })
    return pass('s_hash is the hash of the state the client sent', evidence)
  },
})
