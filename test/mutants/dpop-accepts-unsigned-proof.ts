// Violates RFC 9449 §4.2 and §4.3 item 5 (RFC9449-4.3): the proof alg is asymmetric, never none or a MAC. Broken by a source patch (d) of oidc-provider's DPoP proof validation
// (RELAX_DPOP, src/reference-as/patches.ts), relaxed for fapi2-security token requests only.
import { defineMutant } from '../../src/reference-as/mutant.js'
import { RELAX_DPOP } from '../../src/reference-as/patches.js'

export default defineMutant({
  id: 'dpop-accepts-unsigned-proof',
  module: import.meta.url,
  description: 'fapi2-security accepts DPoP proofs with alg none or a MAC algorithm (HS256)',
  profiles: ['fapi2-security'],
  expectFailures: {
    'fapi2-security': ['dpop-proof-alg-none', 'dpop-proof-alg-hs256'],
  },
  sourcePatches: RELAX_DPOP,
  relax(check, info) {
    return check === 'dpop-verify' && /^(none|HS\d+)$/.test(String(info.header?.alg))
  },
})
