// Violates OpenID Connect Core §9 (OIDCC-9): jti is REQUIRED in a client assertion. oidc-provider
// checks this inline, so it is broken by a source patch (d) of lib/shared/jwt_client_auth.js
// (child process only): the jti presence check is skipped for this profile.
import { defineMutant } from '../../src/reference-as/mutant.js'
import { RELAX_JTI } from '../../src/reference-as/patches.js'

export default defineMutant({
  id: 'accepts-missing-jti',
  module: import.meta.url,
  description: 'oidc accepts client assertions without jti',
  profiles: ['oidc'],
  expectFailures: {
    // the same assertion rules hold at the PAR endpoint (RFC 9126 §2)
    oidc: ['client-assertion-jti-missing', 'par-client-assertion-jti-missing'],
  },
  sourcePatches: [...RELAX_JTI],
  relax: (check) => check === 'jti',
})
