// RFC 8414 §2: "grant_types_supported OPTIONAL. JSON array containing a list of the OAuth 2.0 grant
// type values that this authorization server supports." Nothing obliges a server to offer the
// client_credentials grant (RFC 6749 §4.4 defines it, no profile here requires it), and RFC 7591
// §3.2.2 names the refusal of a client that asks for it: "invalid_client_metadata The value of one
// of the client metadata fields is invalid and the server has rejected this request."
// Built by configuration (a): oidc-provider's clientCredentials feature is off, so discovery leaves
// the grant out and registration refuses grant_types containing it (400 invalid_client_metadata).
// The harness must find the client_credentials modules not applicable, never failed.
import { defineMutant } from '../../src/reference-as/mutant.js'
import { PROFILE_IDS } from '../../src/suite/profile.js'

export default defineMutant({
  id: 'no-client-credentials',
  module: import.meta.url,
  description:
    'the client_credentials grant is not offered: not in grant_types_supported, refused at registration',
  why: 'RFC 8414 §2: "grant_types_supported OPTIONAL. JSON array containing a list of the OAuth 2.0 grant type values that this authorization server supports." RFC 7591 §3.2.2: "invalid_client_metadata The value of one of the client metadata fields is invalid and the server has rejected this request."',
  profiles: [...PROFILE_IDS],
  expectFailures: {},
  configure(config) {
    config.features.clientCredentials = { enabled: false }
  },
})
