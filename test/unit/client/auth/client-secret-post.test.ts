import { expect, test } from '@playwright/test'
import { ClientSecretPost } from '../../../../src/client/auth/client-secret-post.js'
import { HarnessError } from '../../../../src/errors.js'
import { requestContext } from './_context.js'

test.describe('client_secret_post', () => {
  test('client_id and client_secret go in the body, form-encoded; no header', async () => {
    const req = requestContext({
      client_id: 'app:1',
      client_secret: 'p+s s%&=',
      token_endpoint_auth_method: 'client_secret_post',
    })
    await ClientSecretPost()(req)
    expect(req.body.toString()).toBe(
      'grant_type=client_credentials&client_id=app%3A1&client_secret=p%2Bs+s%25%26%3D',
    )
    expect(req.body.get('client_secret')).toBe('p+s s%&=')
    expect(req.headers).toEqual({})
    expect(req.identity).toBeUndefined()
  })

  test('a client without secret is a step precondition error', async () => {
    const err = await ClientSecretPost()(requestContext({ client_id: 'c' })).catch(
      (e: unknown) => e,
    )
    expect(err).toBeInstanceOf(HarnessError)
    expect((err as HarnessError).code).toBe('ERR_STEP_PRECONDITION')
  })

  test('method is the IANA name', () => {
    expect(ClientSecretPost().method).toBe('client_secret_post')
  })
})
