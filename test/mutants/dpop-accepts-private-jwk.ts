// Violates RFC 9449 §4.3 item 7 (RFC9449-4.3): the jwk header must not contain a private key. Broken by a source patch (d) of oidc-provider's DPoP proof validation
// (RELAX_DPOP, src/reference-as/patches.ts), relaxed for fapi2-security token requests only.
import { defineMutant } from '../../src/reference-as/mutant.js'
import { RELAX_DPOP } from '../../src/reference-as/patches.js'

export default defineMutant({
  id: 'dpop-accepts-private-jwk',
  module: import.meta.url,
  description: 'fapi2-security accepts DPoP proofs whose header jwk carries the private key',
  profiles: ['fapi2-security'],
  expectFailures: {
    'fapi2-security': ['dpop-proof-private-jwk'],
  },
  sourcePatches: RELAX_DPOP,
  relax(check, info) {
    return (
      check === 'dpop-verify' &&
      typeof (info.header?.jwk as { d?: unknown } | undefined)?.d === 'string'
    )
  },
})
