// Violates RFC 7523 §3 item 4 (RFC7523-3-4): the JWT MUST contain an exp claim. oidc-provider
// checks this inline, so it is broken by a source patch (d) of lib/shared/jwt_client_auth.js
// (child process only): the exp presence check is skipped for this profile.
import { defineMutant } from '../../src/reference-as/mutant.js'
import { RELAX_EXP } from '../../src/reference-as/patches.js'

export default defineMutant({
  id: 'accepts-missing-exp',
  module: import.meta.url,
  description: 'oauth2 accepts client assertions without exp',
  profiles: ['oauth2'],
  expectFailures: {
    // the same assertion rules hold at the PAR endpoint (RFC 9126 §2)
    oauth2: ['client-assertion-exp-missing', 'par-client-assertion-exp-missing'],
  },
  sourcePatches: [...RELAX_EXP],
  relax: (check) => check === 'exp',
})
