// Violates RFC 8414 §3.3 (RFC8414-3.3) and OpenID Connect Discovery §4.3 (OIDCD-4.3): the issuer
// value returned MUST be identical to the issuer identifier used to retrieve the configuration.
// Broken by a middleware (c): the oidc discovery document's issuer has a trailing slash.
// The harness sends the published issuer as client assertion aud only in the aud = issuer modules:
// at the token endpoint the oidc profile leaves that value implementation-specific (RFC 7523 §3),
// so that module is not applicable; at the PAR endpoint RFC 9126 §2 makes the server accept its
// issuer, and the published value (with the slash) is refused there. Every other assertion uses
// the token endpoint URL.
import { defineMutant, rewriteDiscovery } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'discovery-wrong-issuer',
  module: import.meta.url,
  description:
    'oidc discovery names an issuer that differs from the one it is served for (trailing slash)',
  profiles: ['oidc'],
  expectFailures: {
    // RFC 9126 §2 makes the issuer an accepted aud at the PAR endpoint; the published one is not it
    oidc: ['discovery-document-valid', 'par-client-assertion-aud-issuer'],
  },
  middleware: rewriteDiscovery((doc) => {
    if (typeof doc.issuer === 'string') doc.issuer = `${doc.issuer.replace(/\/+$/, '')}/`
  }),
})
