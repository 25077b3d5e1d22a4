// Violates RFC 9449 §11.3 (RFC9449-11.3): "A server MUST NOT accept any DPoP proofs without the
// nonce claim when a DPoP nonce has been provided to the client", and §8 (RFC9449-8-10): "If the
// nonce claim in the DPoP proof does not exactly match a nonce recently supplied by the
// authorization server to the client, the authorization server MUST reject the request." The
// alternative-correct server dpop-nonce (configuration (a)), whose nonce check is switched off by a
// source patch (d) of oidc-provider's proof validation (RELAX_DPOP `dpop-nonce`): it still supplies
// nonces (a DPoP-Nonce header on its answers) but accepts proofs without one or with any value.
import { configureDpopNonce } from '../alternatives/dpop-nonce.js'
import { defineMutant } from '../../src/reference-as/mutant.js'
import { RELAX_DPOP } from '../../src/reference-as/patches.js'

export default defineMutant({
  id: 'dpop-nonce-ignored',
  module: import.meta.url,
  description:
    'fapi2-security supplies DPoP nonces but accepts proofs without the nonce or with one it never supplied',
  profiles: ['fapi2-security'],
  expectFailures: {
    'fapi2-security': ['dpop-proof-nonce-missing', 'dpop-proof-nonce-invalid'],
  },
  configure: configureDpopNonce,
  sourcePatches: RELAX_DPOP,
  relax(check) {
    return check === 'dpop-nonce'
  },
})
