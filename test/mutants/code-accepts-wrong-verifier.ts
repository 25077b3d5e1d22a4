// Violates RFC 7636 §4.6 (RFC7636-4.6): "If the values are not equal, an error response indicating
// "invalid_grant" as described in Section 5.2 of [RFC6749] MUST be returned." Broken by a patch of
// the Provider (b): at the token endpoint, a code exchanged WITH a code_verifier gets that
// verifier's S256 challenge, so any verifier matches; a code exchanged without one keeps its
// challenge and is still refused (pkce-missing-verifier passes).
import { createHash } from 'node:crypto'
import { defineMutant, editAuthorizationCodeAtToken } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'code-accepts-wrong-verifier',
  module: import.meta.url,
  description:
    'oauth2 exchanges an authorization code for any code_verifier, not only the one of its code_challenge',
  profiles: ['oauth2'],
  expectFailures: {
    oauth2: ['pkce-wrong-verifier'],
  },
  patchProvider: editAuthorizationCodeAtToken((code, params) => {
    if (typeof params.code_verifier === 'string' && code.codeChallenge)
      code.codeChallenge = createHash('sha256').update(params.code_verifier).digest('base64url')
  }),
})
