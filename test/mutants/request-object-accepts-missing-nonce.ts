// Violates FAPI 1.0 Part 1 §5.2.2.2-1 (FAPI1-BASE-5.2.2.2-1), taken in by Part 2 §5.2.2.0: "If the
// client requests the openid scope, the authorization server shall require the nonce parameter
// defined in Section 3.1.2.1 of [OIDC] in the authentication request." oidc-provider checks this
// inline, so it is broken by a source patch (d) of lib/actions/authorization/response_parameters.js
// (child process only): the nonce is no longer among the required parameters for this profile.
import { defineMutant } from '../../src/reference-as/mutant.js'
import { RELAX_NONCE } from '../../src/reference-as/patches.js'

export default defineMutant({
  id: 'request-object-accepts-missing-nonce',
  module: import.meta.url,
  description: 'fapi1-advanced accepts a pushed request object for openid without a nonce',
  profiles: ['fapi1-advanced'],
  expectFailures: { 'fapi1-advanced': ['request-object-without-nonce'] },
  sourcePatches: [RELAX_NONCE],
  relax: (check) => check === 'nonce',
})
