// Violates RFC 9126 §2 (RFC9126-2): confidential clients MUST authenticate at the PAR endpoint as at the token endpoint. Broken by patching the provider (b): at the pushed_authorization_request route, a request with a
// client_id and no credentials is treated as coming from a public client and accepted.
import { acceptUnauthenticatedAt, defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'unauthenticated-par',
  module: import.meta.url,
  description: 'fapi1-advanced accepts pushed_authorization_request requests without client authentication',
  profiles: ['fapi1-advanced'],
  expectFailures: {
    'fapi1-advanced': ['endpoint-requires-client-auth-par'],
  },
  patchProvider: acceptUnauthenticatedAt('pushed_authorization_request'),
})
