// Violates RFC 9700 §2.1.1 (RFC9700-2.1.1): "If a client sends a valid PKCE code_challenge
// parameter in the authorization request, the authorization server MUST enforce the correct usage
// of code_verifier at the token endpoint." Broken by a patch of the Provider (b): at the token
// endpoint, a code exchanged WITHOUT a code_verifier loses its challenge (the PKCE downgrade); a
// wrong verifier is still compared with the challenge and refused (pkce-wrong-verifier passes).
import { defineMutant, editAuthorizationCodeAtToken } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'code-accepts-missing-verifier',
  module: import.meta.url,
  description:
    'oauth2 exchanges an authorization code requested with a code_challenge without any code_verifier',
  profiles: ['oauth2'],
  expectFailures: {
    oauth2: ['pkce-missing-verifier'],
  },
  patchProvider: editAuthorizationCodeAtToken((code, params) => {
    if (params.code_verifier === undefined) {
      code.codeChallenge = undefined
      code.codeChallengeMethod = undefined
    }
  }),
})
