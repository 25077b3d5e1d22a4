import { expect, test } from '@playwright/test'
import { compactVerify } from 'jose'
import {
  CLIENT_ASSERTION_TYPE,
  ClientSecretJwt,
} from '../../../../src/client/auth/client-secret-jwt.js'
import { HarnessError } from '../../../../src/errors.js'
import { setAud } from '../../../../src/mutators/set-aud.js'
import { METADATA, NOW, decodePart, requestContext } from './_context.js'

const SECRET = 'a-shared-secret-of-at-least-32-bytes!!'

test.describe('client_secret_jwt', () => {
  test('HS256 by default, MACed with the client secret', async () => {
    const req = requestContext({
      client_id: 'client-1',
      client_secret: SECRET,
      token_endpoint_auth_method: 'client_secret_jwt',
    })
    await ClientSecretJwt()(req)
    expect([...req.body.keys()]).toEqual([
      'grant_type',
      'client_assertion_type',
      'client_assertion',
    ])
    expect(req.body.get('client_assertion_type')).toBe(CLIENT_ASSERTION_TYPE)
    const jws = req.body.get('client_assertion')!
    expect(decodePart(jws, 0)).toEqual({ alg: 'HS256' })
    const p = decodePart(jws, 1)
    expect(p).toMatchObject({
      iss: 'client-1',
      sub: 'client-1',
      aud: METADATA.token_endpoint,
      iat: NOW,
      exp: NOW + 60,
    })
    await compactVerify(jws, new TextEncoder().encode(SECRET), { algorithms: ['HS256'] })
    await expect(
      compactVerify(jws, new TextEncoder().encode(`${SECRET}x`), { algorithms: ['HS256'] }),
    ).rejects.toThrow()
  })

  test('HS512 when asked', async () => {
    const req = requestContext({ client_secret: SECRET })
    await ClientSecretJwt({ alg: 'HS512' })(req)
    const jws = req.body.get('client_assertion')!
    expect(decodePart(jws, 0).alg).toBe('HS512')
    await compactVerify(jws, new TextEncoder().encode(SECRET), { algorithms: ['HS512'] })
  })

  test('mutators apply', async () => {
    const req = requestContext({ client_secret: SECRET })
    await ClientSecretJwt({ mutate: [setAud('issuer')] })(req)
    expect(decodePart(req.body.get('client_assertion')!, 1).aud).toBe(METADATA.issuer)
  })

  test('a client without secret is a step precondition error', async () => {
    const err = await ClientSecretJwt()(requestContext({ client_id: 'c' })).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(HarnessError)
    expect((err as HarnessError).code).toBe('ERR_STEP_PRECONDITION')
  })
})
