// Violates OIDC Core 1.0 §3.1.3.6 (OIDCC-3.1.3.6): an at_hash's "value is the base64url encoding
// of the left-most half of the hash of the octets of the ASCII representation of the access_token
// value". Broken by a patch (b) of the IdToken model: the ID Token of the token response carries
// an at_hash of another access token (re-signed with the AS's own key, so only at_hash is wrong).
import { defineMutant } from '../../src/reference-as/mutant.js'
import { rewriteIdToken } from '../../src/reference-as/rewrite-id-token.js'
import { atHash } from '../../src/checks/id-token/id-token-at-hash.js'

export default defineMutant({
  id: 'id-token-wrong-at-hash',
  module: import.meta.url,
  description: 'oidc issues ID Tokens whose at_hash is not that of the access token',
  profiles: ['oidc'],
  expectFailures: {
    oidc: ['oidc-id-token'],
  },
  ...rewriteIdToken(({ payload }) => {
    payload.at_hash = atHash('not-the-access-token', 'sha256')
  }),
})
