// Violates FAPI 2.0 §5.3.2.2-7 (FAPI2-SP-FINAL-5.3.2.2-7): "shall return an iss parameter in the
// authorization response according to [RFC9207]", and RFC 9207 §2 (the AS still advertises
// authorization_response_iss_parameter_supported). Broken by a patch (b): an authorization.success
// listener deletes iss from the response parameters oidc-provider is about to redirect with.
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'fapi2-omits-authorization-response-iss',
  module: import.meta.url,
  description: 'fapi2-security answers authorization requests without the iss parameter',
  profiles: ['fapi2-security'],
  expectFailures: {
    'fapi2-security': ['authorization-code-flow'],
  },
  patchProvider(provider) {
    provider.on('authorization.success', (_ctx: unknown, out: Record<string, unknown>) => {
      delete out.iss
    })
  },
})
