import { expect, test } from '@playwright/test'
import oauthErrorResponse from '../../../../src/checks/errors/oauth-error-response.js'
import { exchange, transportFailure } from '../_exchange.js'

test.describe('oauth-error-response (RFC 6749 §5.2)', () => {
  test('proves RFC6749-5.2 wherever it is used', () => {
    expect(oauthErrorResponse.requirements).toEqual(['RFC6749-5.2'])
  })

  for (const error of [
    'invalid_client',
    'invalid_request',
    'unauthorized_client',
    'invalid_scope',
  ]) {
    test(`400 JSON ${error} passes`, () => {
      const v = oauthErrorResponse.evaluate({ response: exchange('token', 400, { error }) })
      expect(v.ok).toBe(true)
      expect(v.evidence).toEqual({ status: 400, error })
    })
  }

  test('401 invalid_client passes', () => {
    const v = oauthErrorResponse.evaluate({
      response: exchange(
        'token',
        401,
        { error: 'invalid_client' },
        { headers: { 'www-authenticate': 'Basic realm="as"' } },
      ),
    })
    expect(v.ok).toBe(true)
    expect(v.evidence).toEqual({ status: 401, error: 'invalid_client' })
  })

  test('401 with another code fails (401 only for invalid_client)', () => {
    const v = oauthErrorResponse.evaluate({
      response: exchange('token', 401, { error: 'invalid_request' }),
    })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBeUndefined()
    expect(v.message).toContain('invalid_request with HTTP 401')
    expect(v.evidence).toEqual({ status: 401, error: 'invalid_request' })
  })

  test('403 access_denied at the CIBA backchannel endpoint passes (CIBA Core §13)', () => {
    const v = oauthErrorResponse.evaluate({
      response: exchange('backchannel_authentication', 403, { error: 'access_denied' }),
    })
    expect(v.ok).toBe(true)
    expect(v.evidence).toEqual({ status: 403, error: 'access_denied' })
  })

  test('403 with another code at the backchannel endpoint fails', () => {
    const v = oauthErrorResponse.evaluate({
      response: exchange('backchannel_authentication', 403, { error: 'invalid_client' }),
    })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBeUndefined()
  })

  test('403 access_denied at the token endpoint fails (only CIBA admits it)', () => {
    const v = oauthErrorResponse.evaluate({
      response: exchange('token', 403, { error: 'access_denied' }),
    })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBeUndefined()
    expect(v.evidence).toEqual({ status: 403, error: 'access_denied' })
  })

  for (const status of [404, 405]) {
    test(`${status} with a JSON error fails`, () => {
      const v = oauthErrorResponse.evaluate({
        response: exchange('token', status, { error: 'invalid_request' }),
      })
      expect(v.ok).toBe(false)
      expect(v.undecidable).toBeUndefined()
    })
  }

  for (const status of [500, 502, 503]) {
    test(`${status} fails even with a JSON error object`, () => {
      const v = oauthErrorResponse.evaluate({
        response: exchange('token', status, { error: 'invalid_client' }),
      })
      expect(v.ok).toBe(false)
      expect(v.undecidable).toBeUndefined()
      expect(v.message).toContain('server error')
      expect(v.evidence).toEqual({ status, error: 'invalid_client' })
    })
  }

  test('400 with an HTML body fails', () => {
    const v = oauthErrorResponse.evaluate({
      response: exchange('token', 400, '<html>Bad Request</html>'),
    })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBeUndefined()
    expect(v.message).toContain('not JSON')
    expect(v.evidence).toEqual({ status: 400, error: undefined })
  })

  test('400 JSON served as text/plain fails', () => {
    const v = oauthErrorResponse.evaluate({
      response: exchange('token', 400, { error: 'invalid_client' }, { contentType: 'text/plain' }),
    })
    expect(v.ok).toBe(false)
    expect(v.message).toContain('Content-Type is text/plain')
  })

  test('application/json with a charset and +json media types are JSON', () => {
    for (const contentType of ['application/json; charset=utf-8', 'application/problem+json']) {
      const v = oauthErrorResponse.evaluate({
        response: exchange('token', 400, { error: 'invalid_request' }, { contentType }),
      })
      expect(v.ok, contentType).toBe(true)
    }
  })

  test('400 JSON without an error member fails', () => {
    const v = oauthErrorResponse.evaluate({ response: exchange('token', 400, { message: 'bad' }) })
    expect(v.ok).toBe(false)
    expect(v.message).toContain('without an error code')
  })

  test('a non-string error member is not an error code', () => {
    const v = oauthErrorResponse.evaluate({ response: exchange('token', 400, { error: 42 }) })
    expect(v.ok).toBe(false)
    expect(v.evidence).toEqual({ status: 400, error: undefined })
  })

  test('a redirect (302) where an OAuth error response was due fails', () => {
    const v = oauthErrorResponse.evaluate({ response: exchange('token', 302, '') })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBeUndefined()
    expect(v.evidence).toMatchObject({ status: 302 })
  })

  for (const status of [200, 204]) {
    test(`${status} is not an error response: undecidable`, () => {
      const v = oauthErrorResponse.evaluate({
        response: exchange('token', status, { access_token: 'at', token_type: 'Bearer' }),
      })
      expect(v.ok).toBe(false)
      expect(v.undecidable).toBe(true)
      expect(v.evidence).toMatchObject({ status })
    })
  }

  test('no HTTP response is undecidable', () => {
    const v = oauthErrorResponse.evaluate({ response: transportFailure('token', 'ECONNRESET') })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBe(true)
    expect(v.message).toContain('ECONNRESET')
  })
})
