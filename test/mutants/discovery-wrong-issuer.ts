// Violates RFC 8414 §3.3 (RFC8414-3.3) and OpenID Connect Discovery §4.3 (OIDCD-4.3): the issuer
// value returned MUST be identical to the issuer identifier used to retrieve the configuration.
// Broken by a middleware (c): the oidc discovery document's issuer has a trailing slash.
// Nothing else breaks: the harness would send the published issuer as client assertion aud only in
// the aud = issuer modules, and the oidc profile leaves those values implementation-specific
// (RFC 7523 §3), so they are not applicable; every other assertion uses the token endpoint URL.
import { defineMutant, rewriteDiscovery } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'discovery-wrong-issuer',
  module: import.meta.url,
  description: 'oidc discovery names an issuer that differs from the one it is served for (trailing slash)',
  profiles: ['oidc'],
  expectFailures: {
    oidc: ['discovery-document-valid'],
  },
  middleware: rewriteDiscovery((doc) => {
    if (typeof doc.issuer === 'string') doc.issuer = `${doc.issuer.replace(/\/+$/, '')}/`
  }),
})
