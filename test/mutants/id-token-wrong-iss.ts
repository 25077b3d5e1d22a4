// Violates OIDC Core 1.0 §3.1.3.7 item 2 (OIDCC-3.1.3.7-2): "The Issuer Identifier for the OpenID
// Provider (which is typically obtained during Discovery) MUST exactly match the value of the iss
// (issuer) Claim." Broken by a patch (b) of the IdToken model: the iss of the ID Token gets a
// trailing slash the issuer does not have (re-signed with the AS's own key).
import { defineMutant } from '../../src/reference-as/mutant.js'
import { rewriteIdToken } from '../../src/reference-as/rewrite-id-token.js'

export default defineMutant({
  id: 'id-token-wrong-iss',
  module: import.meta.url,
  description: 'oidc issues ID Tokens whose iss is the issuer with a trailing slash',
  profiles: ['oidc'],
  expectFailures: {
    oidc: ['oidc-id-token'],
  },
  ...rewriteIdToken(({ payload }) => {
    payload.iss = `${payload.iss}/`
  }),
})
