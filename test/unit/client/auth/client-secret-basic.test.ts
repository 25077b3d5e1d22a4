import { expect, test } from '@playwright/test'
import { ClientSecretBasic } from '../../../../src/client/auth/client-secret-basic.js'
import { HarnessError } from '../../../../src/errors.js'
import { requestContext } from './_context.js'

const decodeBasic = (header: string) => {
  const [id, secret] = Buffer.from(header.replace(/^Basic /, ''), 'base64')
    .toString('utf8')
    .split(':')
  const dec = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '))
  return { raw: [id, secret], id: dec(id!), secret: dec(secret!) }
}

test.describe('client_secret_basic', () => {
  test('plain id and secret', async () => {
    const req = requestContext({
      client_id: 'client-1',
      client_secret: 's3cret',
      token_endpoint_auth_method: 'client_secret_basic',
    })
    await ClientSecretBasic()(req)
    expect(req.headers).toEqual({
      authorization: `Basic ${Buffer.from('client-1:s3cret').toString('base64')}`,
    })
    expect(req.body.toString()).toBe('grant_type=client_credentials')
  })

  test('form-urlencodes id and secret before base64 (RFC 6749 §2.3.1)', async () => {
    const req = requestContext({
      client_id: 'app:1 +%',
      client_secret: 'p:a+s s%w/rd',
      token_endpoint_auth_method: 'client_secret_basic',
    })
    await ClientSecretBasic()(req)
    expect(req.headers.authorization).toBe(
      `Basic ${Buffer.from('app%3A1+%2B%25:p%3Aa%2Bs+s%25w%2Frd').toString('base64')}`,
    )
    const d = decodeBasic(req.headers.authorization!)
    expect(d.raw).toEqual(['app%3A1+%2B%25', 'p%3Aa%2Bs+s%25w%2Frd'])
    expect(d).toMatchObject({ id: 'app:1 +%', secret: 'p:a+s s%w/rd' })
  })

  test('non-ASCII is UTF-8 percent-encoded', async () => {
    const req = requestContext({ client_id: 'c', client_secret: 'é€' })
    await ClientSecretBasic()(req)
    expect(decodeBasic(req.headers.authorization!).raw).toEqual(['c', '%C3%A9%E2%82%AC'])
  })

  test('a given secret overrides the client secret', async () => {
    const req = requestContext({ client_id: 'c', client_secret: 'right' })
    await ClientSecretBasic('wrong')(req)
    expect(decodeBasic(req.headers.authorization!).secret).toBe('wrong')
  })

  test('an empty given secret is used as is', async () => {
    const req = requestContext({ client_id: 'c', client_secret: 'right' })
    await ClientSecretBasic('')(req)
    expect(decodeBasic(req.headers.authorization!).raw).toEqual(['c', ''])
  })

  test('a client without secret is a step precondition error', async () => {
    const err = await ClientSecretBasic()(requestContext({ client_id: 'c' })).catch(
      (e: unknown) => e,
    )
    expect(err).toBeInstanceOf(HarnessError)
    expect((err as HarnessError).code).toBe('ERR_STEP_PRECONDITION')
  })

  test('method is the IANA name', () => {
    expect(ClientSecretBasic().method).toBe('client_secret_basic')
    expect(ClientSecretBasic('x').method).toBe('client_secret_basic')
  })
})
