// Lists a method FAPI 1.0 Part 2 §5.2.2-14 (FAPI1-ADV-5.2.2-14) does not let its clients use:
// the metadata advertises client_secret_basic as well. That alone is no violation (the metadata
// serves every client of the issuer; the clause governs how FAPI clients are authenticated), so
// the harness warns (should) and the token endpoint modules judge the refusal, which still
// happens: the middleware (c) edits the discovery document only.
import { defineMutant, rewriteDiscovery } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'lists-forbidden-method',
  module: import.meta.url,
  description: 'fapi1-advanced discovery advertises client_secret_basic (not actually accepted)',
  profiles: ['fapi1-advanced'],
  expectFailures: {},
  expectWarnings: {
    'fapi1-advanced': ['discovery-auth-methods-within-profile'],
  },
  middleware: rewriteDiscovery((doc) => {
    doc.token_endpoint_auth_methods_supported = [
      ...(doc.token_endpoint_auth_methods_supported ?? []),
      'client_secret_basic',
    ]
  }),
})
