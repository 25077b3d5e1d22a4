// Violates CIBA Core §10.3.1 (CIBA-10.3.1): the pushed ID Token carries at_hash, the hash of the
// delivered access token ("the OP MUST include the hash value of the Access Token and the
// auth_req_id within the ID Token using the at_hash and urn:openid:params:jwt:claim:auth_req_id
// claims respectively"). Broken by patching the Provider (b): ID Tokens are issued without at_hash
// (oidc-provider adds none at the token endpoint, so only the pushed ones change).
import { defineMutant, issueIdTokensWithout } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'ciba-push-id-token-without-at-hash',
  module: import.meta.url,
  description: 'ciba pushes an ID Token without at_hash',
  profiles: ['ciba'],
  expectFailures: {
    ciba: ['ciba-push-mode'],
  },
  patchProvider: issueIdTokensWithout('at_hash'),
})
