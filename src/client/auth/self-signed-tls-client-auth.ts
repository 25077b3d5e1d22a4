import { HarnessError } from '../../errors.js'
import { defineAuth } from './types.js'

/**
 * Self-signed certificate mutual-TLS client authentication; the certificate is registered in jwks (x5c).
 * @see https://www.rfc-editor.org/rfc/rfc8705.html#section-2.2
 */
export const SelfSignedTlsClientAuth = () =>
  defineAuth('self_signed_tls_client_auth', 'self_signed_tls_client_auth', async (req) => {
    if (!req.client.identity)
      throw new HarnessError(
        'ERR_STEP_PRECONDITION',
        `client ${req.client.client_id} has no TLS client certificate`,
      )
    req.body.set('client_id', req.client.client_id)
    req.identity = req.client.identity
  })
