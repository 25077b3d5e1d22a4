// Violates CIBA Core §10.3.1 (CIBA-10.3.1): "In order to bind together the ID Token, the Access
// Token and the auth_req_id, the OP MUST include the hash value of the Access Token and the
// auth_req_id within the ID Token using the at_hash and urn:openid:params:jwt:claim:auth_req_id
// claims respectively." Broken by patching the Provider (b): ID Tokens are issued without the
// urn:openid:params:jwt:claim:auth_req_id claim (only the pushed ones ever carry it).
import { defineMutant, issueIdTokensWithout } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'ciba-push-id-token-without-auth-req-id',
  module: import.meta.url,
  description: 'ciba pushes an ID Token without the urn:openid:params:jwt:claim:auth_req_id claim',
  profiles: ['ciba'],
  expectFailures: {
    ciba: ['ciba-push-mode'],
  },
  patchProvider: issueIdTokensWithout('urn:openid:params:jwt:claim:auth_req_id'),
})
