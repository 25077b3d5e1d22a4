// Violates RFC 8705 §2.2.1 (RFC8705-2) with RFC 8414 §2 (RFC8414-2): self_signed_tls_client_auth is
// the registered token_endpoint_auth_methods_supported value by which a server offers self-signed
// certificate mutual-TLS client authentication. Broken by a middleware (c): fapi1-advanced
// discovery omits it while the token endpoint still accepts it. FAPI allows but does not require
// the method, so mtls-auth-methods-advertised is graded may: a missed may is informational
// (`info`), not a warning. Nothing fails; the modules exercising self_signed_tls_client_auth
// become not applicable (the method is not advertised).
import { defineMutant, rewriteDiscovery } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'mtls-methods-not-advertised',
  module: import.meta.url,
  description:
    'fapi1-advanced discovery omits self_signed_tls_client_auth, which it still supports',
  profiles: ['fapi1-advanced'],
  expectFailures: {},
  expectInfo: {
    'fapi1-advanced': ['mtls-metadata-auth-methods'],
  },
  middleware: rewriteDiscovery((doc) => {
    const methods: unknown = doc.token_endpoint_auth_methods_supported
    if (Array.isArray(methods))
      doc.token_endpoint_auth_methods_supported = methods.filter(
        (m) => m !== 'self_signed_tls_client_auth',
      )
  }),
})
