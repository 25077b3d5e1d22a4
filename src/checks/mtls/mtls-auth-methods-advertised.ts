import type { ServerMetadata } from '../../client/types.js'
import { defineCheck, fail, pass } from '../define.js'

/**
 * RFC 8705 §2.1.1 / §2.2.1 register tls_client_auth and self_signed_tls_client_auth as values of
 * token_endpoint_auth_methods_supported (RFC 8414 §2): a server offering mutual-TLS client
 * authentication lists them (an absent list means client_secret_basic only).
 */
export default defineCheck<{ metadata: ServerMetadata; methods: readonly string[] }>({
  id: 'mtls-auth-methods-advertised',
  title: 'token_endpoint_auth_methods_supported lists the mutual-TLS client authentication methods',
  requirements: ['RFC8414-2'],
  evaluate({ metadata, methods }) {
    const listed = metadata.token_endpoint_auth_methods_supported ?? ['client_secret_basic']
    const missing = methods.filter((m) => !listed.includes(m))
    return missing.length
      ? fail(`token_endpoint_auth_methods_supported does not list ${missing.join(', ')}`, {
          listed,
          missing,
        })
      : pass(`lists ${methods.join(', ')}`, { listed })
  },
})
