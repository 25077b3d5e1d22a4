// Violates RFC 7009 §2.1 (RFC7009-2.1): the AS first validates the client credentials of a confidential client. Broken by patching the provider (b): at the revocation route, a request with a
// client_id and no credentials is treated as coming from a public client and accepted.
import { acceptUnauthenticatedAt, defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'unauthenticated-revocation',
  module: import.meta.url,
  description: 'oauth2 accepts revocation requests without client authentication',
  profiles: ['oauth2'],
  expectFailures: {
    oauth2: ['endpoint-requires-client-auth-revocation'],
  },
  patchProvider: acceptUnauthenticatedAt('revocation'),
})
