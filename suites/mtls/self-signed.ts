import type { Module } from '../../src/index.js'
import { defineMtlsAttempt } from './common.js'

/** self_signed_tls_client_auth (RFC 8705 §2.2): only the registered certificate authenticates. */
export const selfSignedModules: Module[] = [
  defineMtlsAttempt({
    id: 'mtls-self-signed-other-certificate',
    title:
      'self_signed_tls_client_auth with another self-signed certificate of the same subject is refused',
    summary:
      'Registers a self_signed_tls_client_auth client with its certificate in jwks (x5c), then presents a different self-signed certificate with the same subject DN and a new key. Only the registered certificate may match.',
    method: 'self_signed_tls_client_auth',
    outcome: 'refused',
    requirements: ['RFC8705-2', 'RFC8705-2.2'],
    registered: { issuer: 'self', subject: 'CN=fapi-harness self-signed client,O=fapi-harness' },
    presented: (r) => ({ issuer: 'self', subject: r.subject_dn }),
  }),
]
