// Violates FAPI 1.0 Part 2 §5.2.2-14 (FAPI1-ADV-5.2.2-14) read with RFC 8414 §2 (RFC8414-2): the
// metadata advertises client_secret_basic, a method the profile forbids. Broken by a middleware
// (c) on the discovery document only: the token endpoint still refuses client_secret_basic.
import { defineMutant, rewriteDiscovery } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'lists-forbidden-method',
  module: import.meta.url,
  description: 'fapi1-advanced discovery advertises client_secret_basic (not actually accepted)',
  profiles: ['fapi1-advanced'],
  expectFailures: {
    'fapi1-advanced': ['discovery-auth-methods-within-profile'],
  },
  middleware: rewriteDiscovery((doc) => {
    doc.token_endpoint_auth_methods_supported = [...(doc.token_endpoint_auth_methods_supported ?? []), 'client_secret_basic']
  }),
})
