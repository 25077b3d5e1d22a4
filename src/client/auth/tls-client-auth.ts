import { HarnessError } from '../../errors.js'
import { defineAuth } from './types.js'

/**
 * PKI mutual-TLS client authentication: the client_id in the body, the certificate in the handshake.
 * @see https://www.rfc-editor.org/rfc/rfc8705.html#section-2.1
 */
export const TlsClientAuth = () =>
  defineAuth('tls_client_auth', 'tls_client_auth', async (req) => {
    if (!req.client.identity)
      throw new HarnessError(
        'ERR_STEP_PRECONDITION',
        `client ${req.client.client_id} has no TLS client certificate`,
      )
    req.body.set('client_id', req.client.client_id)
    req.identity = req.client.identity
  })
