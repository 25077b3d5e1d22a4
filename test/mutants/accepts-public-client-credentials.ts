// Violates RFC 6749 §4.4 (RFC6749-4.4): the client credentials grant type MUST only be used by
// confidential clients. Broken by the reference AS policy (registration validator): a public client
// (token_endpoint_auth_method none) may register client_credentials, and then gets tokens.
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'accepts-public-client-credentials',
  module: import.meta.url,
  description: 'oauth2 lets a public client use the client_credentials grant',
  profiles: ['oauth2'],
  expectFailures: {
    oauth2: ['public-client-credentials-grant'],
  },
  policy: { refusePublicClientCredentials: false },
})
