// Violates RFC 7523 §3 item 1 (RFC7523-3-1) and OpenID Connect Core §9 (OIDCC-9): for client
// authentication the iss of the assertion must be the client_id. Broken by a source patch (d) of
// lib/shared/jwt_client_auth.js (child process only): the iss === client_id check is skipped.
import { defineMutant } from '../../src/reference-as/mutant.js'
import { RELAX_ISS } from '../../src/reference-as/patches.js'

export default defineMutant({
  id: 'accepts-wrong-iss',
  module: import.meta.url,
  description: 'oidc accepts client assertions whose iss is not the client_id',
  profiles: ['oidc'],
  expectFailures: {
    // the same assertion rules hold at the PAR endpoint (RFC 9126 §2)
    oidc: ['client-assertion-iss-not-client-id', 'par-client-assertion-iss-not-client-id'],
  },
  sourcePatches: [RELAX_ISS],
  relax: (check) => check === 'iss',
})
