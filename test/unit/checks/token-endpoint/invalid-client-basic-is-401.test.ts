import { expect, test } from '@playwright/test'
import invalidClientBasicIs401 from '../../../../src/checks/token-endpoint/invalid-client-basic-is-401.js'
import { exchange, transportFailure } from '../_exchange.js'

const basic = { authorization: `Basic ${Buffer.from('c1:s1').toString('base64')}` }

test.describe('invalid-client-basic-is-401', () => {
  test('401 invalid_client with WWW-Authenticate after Basic passes', () => {
    const v = invalidClientBasicIs401.evaluate({
      response: exchange(
        'token',
        401,
        { error: 'invalid_client' },
        { requestHeaders: basic, headers: { 'www-authenticate': 'Basic realm="as"' } },
      ),
    })
    expect(v.ok).toBe(true)
  })

  test('400 invalid_client after Basic fails with the status as evidence', () => {
    const v = invalidClientBasicIs401.evaluate({
      response: exchange('token', 400, { error: 'invalid_client' }, { requestHeaders: basic }),
    })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBeUndefined()
    expect(v.evidence).toEqual({ status: 400 })
  })

  test('401 invalid_client after Basic without WWW-Authenticate fails', () => {
    const v = invalidClientBasicIs401.evaluate({
      response: exchange('token', 401, { error: 'invalid_client' }, { requestHeaders: basic }),
    })
    expect(v.ok).toBe(false)
  })

  test('does not apply when credentials were not in the Authorization header', () => {
    const v = invalidClientBasicIs401.evaluate({
      response: exchange('token', 400, { error: 'invalid_client' }),
    })
    expect(v.ok).toBe(true)
  })

  test('does not apply to other error codes', () => {
    const v = invalidClientBasicIs401.evaluate({
      response: exchange('token', 400, { error: 'invalid_request' }, { requestHeaders: basic }),
    })
    expect(v.ok).toBe(true)
  })

  test('does not apply without an HTTP response', () => {
    const x = transportFailure('token')
    x.request.headers = basic
    const v = invalidClientBasicIs401.evaluate({ response: x })
    expect(v.ok).toBe(true)
  })

  test('cites RFC 6749 §5.2', () => {
    expect(invalidClientBasicIs401.id).toBe('invalid-client-basic-is-401')
    expect(invalidClientBasicIs401.requirements).toEqual(['RFC6749-5.2'])
  })
})
