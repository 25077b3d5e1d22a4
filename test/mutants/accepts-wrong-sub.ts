// Violates RFC 7523 §3 item 2 (RFC7523-3-2) and OpenID Connect Core §9 (OIDCC-9): for client
// authentication the sub of the assertion must be the client_id. oidc-provider identifies the
// client by sub, so it is broken by a source patch (d) of lib/shared/client_auth.js (child
// process only): the client is looked up by iss instead, whatever sub says.
import { defineMutant } from '../../src/reference-as/mutant.js'
import { RELAX_SUB } from '../../src/reference-as/patches.js'

export default defineMutant({
  id: 'accepts-wrong-sub',
  module: import.meta.url,
  description: 'oidc accepts client assertions whose sub is not the client_id',
  profiles: ['oidc'],
  expectFailures: {
    // the same assertion rules hold at the PAR endpoint (RFC 9126 §2)
    oidc: ['client-assertion-sub-not-client-id', 'par-client-assertion-sub-not-client-id'],
  },
  sourcePatches: [RELAX_SUB],
  relax: (check) => check === 'sub',
})
