// Violates OIDC Core 1.0 §2 (OIDCC-2-7): "If present in the Authentication Request,
// Authorization Servers MUST include a nonce Claim in the ID Token with the Claim Value being the
// nonce value sent in the Authentication Request." Broken by a patch (b) of the IdToken model:
// the ID Token loses its nonce and is signed again with the AS's own key, so only the nonce is wrong.
import { defineMutant } from '../../src/reference-as/mutant.js'
import { rewriteIdToken } from '../../src/reference-as/rewrite-id-token.js'

export default defineMutant({
  id: 'id-token-drops-nonce',
  module: import.meta.url,
  description: 'oidc issues ID Tokens without the nonce of the authentication request',
  profiles: ['oidc'],
  expectFailures: {
    oidc: ['oidc-id-token'],
  },
  // its control's nonce is lost too: the long nonce's module cannot tell a length problem from it
  expectErrors: {
    oidc: ['long-state-and-nonce'],
  },
  ...rewriteIdToken(({ payload }) => {
    delete payload.nonce
  }),
})
