// RFC 8414 §2: "introspection_endpoint OPTIONAL. URL of the authorization server's OAuth 2.0
// introspection endpoint [RFC7662]." RFC 8705 §3 binds the token to the certificate and leaves how
// the protected resource learns the binding to the deployment: a JWT access token (§3.1) or
// introspection (§3.2); a resource that shares the AS's token store needs neither on the wire.
// This server has no introspection endpoint and issues opaque access tokens (oidc-provider's
// default for client_credentials without resource indicators), so the binding is observable only
// through the protected resource. Built by configuration (a).
import { defineMutant } from '../../src/reference-as/mutant.js'
import { PROFILE_IDS } from '../../src/suite/profile.js'

export default defineMutant({
  id: 'no-introspection',
  module: import.meta.url,
  description: 'no introspection endpoint, opaque access tokens',
  why: 'RFC 8414 §2: "introspection_endpoint OPTIONAL. URL of the authorization server\'s OAuth 2.0 introspection endpoint [RFC7662]."',
  profiles: [...PROFILE_IDS],
  expectFailures: {},
  configure(config) {
    config.features.introspection = { enabled: false }
  },
})
