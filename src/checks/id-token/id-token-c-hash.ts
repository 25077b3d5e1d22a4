import { defineCheck, fail, pass, undecidable } from '../define.js'
import { claimsEvidence, leftHalfHash, readIdToken, type IdTokenResponseInput } from './id-token.js'

export interface IdTokenCHashInput extends IdTokenResponseInput {
  /** The code of the same authorization response. */
  code?: string
}

/**
 * OIDC Core §3.3.2.11: an ID Token issued from the authorization endpoint with a code carries
 * c_hash, "the base64url encoding of the left-most half of the hash of the octets of the ASCII
 * representation of the code value, where the hash algorithm used is the hash algorithm used in the
 * alg Header Parameter of the ID Token's JOSE Header"; "If the ID Token is issued from the
 * Authorization Endpoint with a code, which is the case for the response_type values code id_token
 * and code id_token token, this is REQUIRED". FAPI 1.0 Part 2 §5.2.2.1-4: the ID Token is a detached
 * signature of the authorization response.
 */
export default defineCheck<IdTokenCHashInput>({
  id: 'id-token-c-hash',
  title: "The ID Token of a code id_token response carries c_hash of the response's code",
  requirements: ['OIDCC-3.3.2.11'],
  evaluate(input) {
    const t = readIdToken(input)
    if (!t.ok) return t.verdict
    if (!input.code)
      return undecidable('the authorization response carries no code to compare c_hash with')
    const alg = String(t.header.alg ?? '')
    const expected = leftHalfHash(input.code, alg)
    const evidence = { alg, ...claimsEvidence(t.claims, ['c_hash']) }
    if (t.claims.c_hash === undefined)
      return fail('the ID Token issued with a code carries no c_hash', evidence)
    if (!expected)
      return undecidable(
        `no hash is defined for the ID Token's alg ${JSON.stringify(alg)}`,
        evidence,
      )
    if (t.claims.c_hash !== expected)
      return fail("c_hash is not the hash of the response's code", { ...evidence, expected })
    return pass("c_hash is the hash of the response's code", evidence)
  },
})
