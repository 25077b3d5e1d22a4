import { expect, test } from '@playwright/test'
import { SelfSignedTlsClientAuth } from '../../../../src/client/auth/self-signed-tls-client-auth.js'
import { TlsClientAuth } from '../../../../src/client/auth/tls-client-auth.js'
import { HarnessError } from '../../../../src/errors.js'
import { requestContext } from './_context.js'

const identity = {
  certPem: '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n',
  keyPem: 'k',
}

for (const [name, factory] of [
  ['tls_client_auth', TlsClientAuth],
  ['self_signed_tls_client_auth', SelfSignedTlsClientAuth],
] as const) {
  test.describe(name, () => {
    test('client_id in the body and the client certificate on the request', async () => {
      const req = requestContext({
        client_id: 'mtls-1',
        identity,
        token_endpoint_auth_method: name,
      })
      await factory()(req)
      expect(req.body.toString()).toBe('grant_type=client_credentials&client_id=mtls-1')
      expect(req.identity).toBe(identity)
      expect(req.headers).toEqual({})
      expect(factory().method).toBe(name)
    })

    test('a client without certificate is a step precondition error', async () => {
      const err = await factory()(requestContext({ client_id: 'c' })).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(HarnessError)
      expect((err as HarnessError).code).toBe('ERR_STEP_PRECONDITION')
    })
  })
}
