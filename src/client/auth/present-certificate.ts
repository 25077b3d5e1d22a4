import { describeCertificate, type ClientIdentity } from '../../http/agents.js'
import { defineAuth } from './types.js'

/**
 * Mutual-TLS client authentication with a chosen certificate instead of the registered one, or
 * with none (`undefined`): client_id in the body, the certificate in the handshake. For the
 * negative cases of RFC 8705 §2.1 and §2.2.
 * @see https://www.rfc-editor.org/rfc/rfc8705.html#section-2
 */
export const PresentCertificate = (
  identity: ClientIdentity | undefined,
  method: 'tls_client_auth' | 'self_signed_tls_client_auth' = 'tls_client_auth',
) =>
  defineAuth(
    method,
    `${method}(${identity ? `certificate ${describeCertificate(identity.certPem).subject}` : 'no certificate'})`,
    async (req) => {
      req.body.set('client_id', req.client.client_id)
      if (identity) req.identity = identity
      else delete req.identity
    },
  )
