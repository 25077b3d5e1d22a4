// Violates RFC 8705 §5 (RFC8705-5): the values of mtls_endpoint_aliases have the semantics of the
// top-level endpoint metadata, i.e. https URLs without a fragment (RFC 8414 §2: "MUST use the
// https scheme ... and MUST NOT contain a fragment"). Broken by a middleware (c): fapi1-advanced
// discovery publishes mtls_endpoint_aliases whose revocation_endpoint (an endpoint the harness
// never calls) carries a fragment. An http:// value would trip the discovery JSON Schema too
// (validate-discovery-metadata, module discovery-document-valid); a fragment is seen only by
// validate-mtls-endpoint-aliases. That check is graded may (the aliases are OPTIONAL), so the
// module ends as a warning and nothing fails.
import { defineMutant, rewriteDiscovery } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'malformed-mtls-aliases',
  module: import.meta.url,
  description:
    'fapi1-advanced discovery publishes mtls_endpoint_aliases with a malformed URL (fragment)',
  profiles: ['fapi1-advanced'],
  expectFailures: {},
  expectWarnings: {
    'fapi1-advanced': ['mtls-metadata-endpoint-aliases'],
  },
  middleware: rewriteDiscovery((doc) => {
    const revocation =
      typeof doc.revocation_endpoint === 'string'
        ? doc.revocation_endpoint
        : `${doc.issuer}/token/revocation`
    doc.mtls_endpoint_aliases = {
      ...doc.mtls_endpoint_aliases,
      revocation_endpoint: `${revocation}#mtls`,
    }
  }),
})
