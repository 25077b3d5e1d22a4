// Violates FAPI 1.0 Part 2 §5.2.2-18 (FAPI1-ADV-5.2.2-18): "shall require [PAR] requests, if
// supported, to use PKCE ([RFC7636]) with S256 as the code challenge method". Broken by editing
// the configuration (a): oidc-provider's `pkce.required` answers false, so a pushed request
// without a code_challenge is accepted (one that carries it is still checked).
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'par-pkce-not-required',
  module: import.meta.url,
  description: 'fapi1-advanced accepts a pushed authorization request without PKCE',
  profiles: ['fapi1-advanced'],
  expectFailures: {
    'fapi1-advanced': ['request-object-without-pkce'],
  },
  configure(config) {
    config.pkce = { ...config.pkce, required: () => false }
  },
})
