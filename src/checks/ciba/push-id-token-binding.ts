import { defineCheck, fail, pass, undecidable } from '../define.js'
import { claimsEvidence, leftHalfHash, readIdToken } from '../id-token/id-token.js'

export const AUTH_REQ_ID_CLAIM = 'urn:openid:params:jwt:claim:auth_req_id'
export const RT_HASH_CLAIM = 'urn:openid:params:jwt:claim:rt_hash'

export interface PushIdTokenBindingInput {
  /** The id_token of the push delivery. */
  idToken: string
  /** The access_token and refresh_token the same delivery carried. */
  accessToken?: string
  refreshToken?: string
  /** The auth_req_id of the backchannel request. */
  authReqId: string
}

/**
 * CIBA §10.3.1: "In order to bind together the ID Token, the Access Token and the auth_req_id, the
 * OP MUST include the hash value of the Access Token and the auth_req_id within the ID Token using
 * the at_hash and urn:openid:params:jwt:claim:auth_req_id claims respectively. In case a Refresh
 * Token is sent to the Client, the hash value of it MUST also be added to the ID token using the
 * urn:openid:params:jwt:claim:rt_hash claim." at_hash and rt_hash are the left half of the hash of
 * the token under the ID Token's alg (OIDC Core §3.1.3.6).
 */
export default defineCheck<PushIdTokenBindingInput>({
  id: 'push-id-token-binding',
  title:
    'The pushed ID Token binds the delivery: urn:openid:params:jwt:claim:auth_req_id is the auth_req_id, at_hash (and rt_hash with a refresh token) hash the delivered tokens',
  requirements: ['CIBA-10.3.1'],
  evaluate({ idToken, accessToken, refreshToken, authReqId }) {
    const t = readIdToken({ idToken })
    if (!t.ok) return t.verdict
    const alg = typeof t.header.alg === 'string' ? t.header.alg : undefined
    const evidence = {
      alg,
      ...claimsEvidence(t.claims, ['at_hash', AUTH_REQ_ID_CLAIM, RT_HASH_CLAIM]),
    }
    const problems: string[] = []
    const bound = t.claims[AUTH_REQ_ID_CLAIM]
    if (bound === undefined) problems.push(`no ${AUTH_REQ_ID_CLAIM} claim`)
    else if (bound !== authReqId)
      problems.push(`${AUTH_REQ_ID_CLAIM} is not the auth_req_id of the request`)
    if (typeof accessToken !== 'string')
      return undecidable(
        'the delivery carries no access_token to compare the at_hash with',
        evidence,
      )
    const hashOf = (v: string) => (alg ? leftHalfHash(v, alg) : undefined)
    const expected = hashOf(accessToken)
    if (!expected)
      return undecidable(`no hash is known for the ID Token's alg ${String(alg)}`, evidence)
    if (t.claims.at_hash === undefined) problems.push('no at_hash claim')
    else if (t.claims.at_hash !== expected)
      problems.push('the at_hash is not the left half of the hash of the delivered access_token')
    if (typeof refreshToken === 'string') {
      if (t.claims[RT_HASH_CLAIM] === undefined)
        problems.push(`a refresh_token was delivered, but no ${RT_HASH_CLAIM} claim`)
      else if (t.claims[RT_HASH_CLAIM] !== hashOf(refreshToken))
        problems.push(
          `the ${RT_HASH_CLAIM} is not the left half of the hash of the delivered refresh_token`,
        )
    }
    return problems.length
      ? fail(`the pushed ID Token does not bind the delivery: ${problems.join('; ')}`, evidence)
      : pass(
          `the ID Token carries the auth_req_id and the at_hash of the delivered access token${typeof refreshToken === 'string' ? ' (and its rt_hash)' : ''}`,
          evidence,
        )
  },
})
