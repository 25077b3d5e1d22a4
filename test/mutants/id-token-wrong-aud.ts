// Violates OIDC Core 1.0 §2 (OIDCC-2-3): aud "MUST contain the OAuth 2.0 client_id of the Relying
// Party as an audience value." Broken by a patch (b) of the IdToken model: the aud of the ID Token
// names another client (re-signed with the AS's own key).
import { defineMutant } from '../../src/reference-as/mutant.js'
import { rewriteIdToken } from '../../src/reference-as/rewrite-id-token.js'

export default defineMutant({
  id: 'id-token-wrong-aud',
  module: import.meta.url,
  description: 'oidc issues ID Tokens whose aud is not the client_id',
  profiles: ['oidc'],
  expectFailures: {
    oidc: ['oidc-id-token'],
  },
  ...rewriteIdToken(({ payload }) => {
    payload.aud = `${String(payload.aud)}-other`
  }),
})
