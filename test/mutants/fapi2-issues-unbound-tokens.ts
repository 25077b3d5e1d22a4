// Violates FAPI 2.0 §5.3.2.1-4 (FAPI2-SP-FINAL-5.3.2.1-4) "shall only issue sender-constrained
// access tokens" and RFC 9449 §5.2 (RFC9449-5.2): a client registered with
// dpop_bound_access_tokens gets a plain Bearer token for a request without a DPoP proof. Broken by
// patching the provider (b): clients are loaded with dpop_bound_access_tokens switched off (the
// registration still accepts and echoes it), so a token request with neither a proof nor a
// certificate binding is served unbound.
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'fapi2-issues-unbound-tokens',
  module: import.meta.url,
  description: 'fapi2-security issues Bearer tokens to a DPoP-bound client that sends no proof',
  profiles: ['fapi2-security'],
  expectFailures: {
    'fapi2-security': ['sender-constraint-required'],
  },
  patchProvider(provider) {
    const find = provider.Client.find.bind(provider.Client)
    provider.Client.find = async (...args: unknown[]) => {
      const client = await find(...args)
      if (client) client.dpopBoundAccessTokens = false
      return client
    }
  },
})
