// Violates OpenID Connect Discovery §3 (OIDCD-3) and RFC 8414 §2 (RFC8414-2), which define the
// type of each metadata member: backchannel_user_code_parameter_supported is a boolean (CIBA §4).
// Broken by a middleware (c): the oidc discovery document carries it as the string "yes". The
// oidc profile has no CIBA, so nothing else reads the member.
import { defineMutant, rewriteDiscovery } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'discovery-invalid-member',
  module: import.meta.url,
  description:
    'oidc discovery carries an ill-typed member (backchannel_user_code_parameter_supported: "yes")',
  profiles: ['oidc'],
  expectFailures: {
    oidc: ['discovery-document-valid'],
  },
  middleware: rewriteDiscovery((doc) => {
    doc.backchannel_user_code_parameter_supported = 'yes'
  }),
})
