// Violates RFC 7523 §3 item 9 (RFC7523-3-9): the assertion MUST be digitally signed or MACed; an
// unsigned (alg "none") JWT must be rejected. Broken by source patches (d) of
// lib/shared/jwt_client_auth.js (child process only): for alg "none" the algorithm allow-list and
// the signature check are skipped (signed assertions are still verified).
import { defineMutant } from '../../src/reference-as/mutant.js'
import { RELAX_ALG, RELAX_SIGNATURE } from '../../src/reference-as/patches.js'

export default defineMutant({
  id: 'accepts-unsigned-assertion',
  module: import.meta.url,
  description: 'oauth2 accepts unsigned (alg none) client assertions',
  profiles: ['oauth2'],
  expectFailures: {
    // the same assertion rules hold at the PAR endpoint (RFC 9126 §2)
    oauth2: ['client-assertion-unsigned', 'par-client-assertion-unsigned'],
  },
  sourcePatches: [RELAX_ALG, RELAX_SIGNATURE],
  relax: (check, { header }) =>
    header?.alg === 'none' && (check === 'alg' || check === 'signature'),
})
