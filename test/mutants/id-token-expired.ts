// Violates OIDC Core 1.0 §3.1.3.7 item 9 (OIDCC-3.1.3.7-9): "The current time MUST be before the
// time represented by the exp Claim." Broken by a patch (b) of the IdToken model: the ID Token is
// issued already expired (exp an hour in the past; re-signed with the AS's own key).
import { defineMutant } from '../../src/reference-as/mutant.js'
import { rewriteIdToken } from '../../src/reference-as/rewrite-id-token.js'

export default defineMutant({
  id: 'id-token-expired',
  module: import.meta.url,
  description: 'oidc issues ID Tokens that have already expired',
  profiles: ['oidc'],
  expectFailures: {
    oidc: ['oidc-id-token'],
  },
  ...rewriteIdToken(({ payload }) => {
    payload.exp = Math.floor(Date.now() / 1000) - 3600
  }),
})
