// Violates RFC 8628 §3.1 (RFC8628-3.1): "The client authentication requirements of Section 3.2.1
// of [RFC6749] apply to requests on this endpoint", so a confidential client authenticates at the
// device authorization endpoint. Broken by patching the provider (b): at the device_authorization
// route, a request with a client_id and no credentials is treated as coming from a public client
// and accepted.
import { acceptUnauthenticatedAt, defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'unauthenticated-device',
  module: import.meta.url,
  description: 'oauth2 accepts device authorization requests without client authentication',
  profiles: ['oauth2'],
  expectFailures: {
    oauth2: ['endpoint-requires-client-auth-device'],
  },
  patchProvider: acceptUnauthenticatedAt('device_authorization'),
})
