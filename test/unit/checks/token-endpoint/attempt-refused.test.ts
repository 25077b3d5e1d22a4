import { expect, test } from '@playwright/test'
import attemptRefused, { REGISTRATION_ERRORS } from '../../../../src/checks/token-endpoint/attempt-refused.js'
import { exchange, transportFailure } from '../_exchange.js'

const ALLOWED = ['invalid_client', 'invalid_request'] as const

test.describe('attempt-refused: refused at registration', () => {
  for (const error of REGISTRATION_ERRORS) {
    test(`400 ${error} passes`, () => {
      const v = attemptRefused.evaluate({ registration: exchange('registration', 400, { error }), allowedErrors: ALLOWED })
      expect(v.ok).toBe(true)
      expect(v.undecidable).toBeUndefined()
      expect(v.evidence).toEqual({ refusedAt: 'registration', status: 400, error })
    })
  }

  test('400 with a token-endpoint error code (not RFC 7591) fails', () => {
    const v = attemptRefused.evaluate({ registration: exchange('registration', 400, { error: 'invalid_client' }), allowedErrors: ALLOWED })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBeUndefined()
    expect(v.evidence).toEqual({ refusedAt: 'registration', status: 400, error: 'invalid_client' })
  })

  test('401 invalid_client_metadata fails (a refused registration is 400)', () => {
    const v = attemptRefused.evaluate({ registration: exchange('registration', 401, { error: 'invalid_client_metadata' }), allowedErrors: ALLOWED })
    expect(v.ok).toBe(false)
    expect(v.evidence).toMatchObject({ refusedAt: 'registration', status: 401 })
  })

  test('500 at registration fails', () => {
    const v = attemptRefused.evaluate({ registration: exchange('registration', 500, { error: 'server_error' }), allowedErrors: ALLOWED })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBeUndefined()
    expect(v.evidence).toMatchObject({ refusedAt: 'registration', status: 500, error: 'server_error' })
  })

  test('400 with an HTML body fails and carries no error code', () => {
    const v = attemptRefused.evaluate({ registration: exchange('registration', 400, '<html>bad</html>'), allowedErrors: ALLOWED })
    expect(v.ok).toBe(false)
    expect(v.evidence).toEqual({ refusedAt: 'registration', status: 400, error: undefined })
  })

  test('400 with a JSON body but a text/plain content type fails', () => {
    const v = attemptRefused.evaluate({
      registration: exchange('registration', 400, { error: 'invalid_client_metadata' }, { contentType: 'text/plain' }),
      allowedErrors: ALLOWED,
    })
    expect(v.ok).toBe(false)
    expect(v.evidence).toMatchObject({ status: 400, error: undefined })
  })

  test('registration transport error is undecidable', () => {
    const v = attemptRefused.evaluate({ registration: transportFailure('registration'), allowedErrors: ALLOWED })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBe(true)
  })

  test('neither a registration nor a request is undecidable', () => {
    const v = attemptRefused.evaluate({ allowedErrors: ALLOWED })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBe(true)
  })
})

test.describe('attempt-refused: refused at the endpoint', () => {
  test('400 invalid_client passes with full evidence', () => {
    const v = attemptRefused.evaluate({
      response: exchange('token', 400, { error: 'invalid_client', error_description: 'nope' }),
      allowedErrors: ALLOWED,
    })
    expect(v.ok).toBe(true)
    expect(v.evidence).toEqual({ refusedAt: 'token', status: 400, error: 'invalid_client', error_description: 'nope', allowed: ALLOWED })
  })

  test('400 invalid_request passes when allowed', () => {
    const v = attemptRefused.evaluate({ response: exchange('token', 400, { error: 'invalid_request' }), allowedErrors: ALLOWED })
    expect(v.ok).toBe(true)
  })

  test('the endpoint name in evidence is the exchange purpose', () => {
    const v = attemptRefused.evaluate({ response: exchange('backchannel_authentication', 401, { error: 'invalid_client' }), allowedErrors: ALLOWED })
    expect(v.ok).toBe(true)
    expect(v.evidence?.refusedAt).toBe('backchannel_authentication')
  })

  test('a successful registration followed by a refusal is judged on the refusal', () => {
    const v = attemptRefused.evaluate({
      registration: exchange('registration', 201, { client_id: 'c1' }),
      response: exchange('token', 400, { error: 'invalid_client' }),
      allowedErrors: ALLOWED,
    })
    expect(v.ok).toBe(true)
    expect(v.evidence?.refusedAt).toBe('token')
  })

  test('application/json with charset and +json media types are JSON', () => {
    for (const ct of ['application/json; charset=utf-8', 'application/problem+json']) {
      const v = attemptRefused.evaluate({ response: exchange('token', 400, { error: 'invalid_client' }, { contentType: ct }), allowedErrors: ALLOWED })
      expect(v.ok, ct).toBe(true)
    }
  })

  for (const status of [200, 201, 204]) {
    test(`${status} fails (accepted)`, () => {
      const v = attemptRefused.evaluate({ response: exchange('token', status, { access_token: 'x', token_type: 'Bearer' }), allowedErrors: ALLOWED })
      expect(v.ok).toBe(false)
      expect(v.undecidable).toBeUndefined()
      expect(v.evidence).toMatchObject({ refusedAt: 'token', status })
    })
  }

  for (const status of [500, 502, 503]) {
    test(`${status} fails even with an allowed error code`, () => {
      const v = attemptRefused.evaluate({ response: exchange('token', status, { error: 'invalid_client' }), allowedErrors: ALLOWED })
      expect(v.ok).toBe(false)
      expect(v.undecidable).toBeUndefined()
      expect(v.evidence).toMatchObject({ status, error: 'invalid_client' })
    })
  }

  test('400 with an error not in allowedErrors fails', () => {
    const v = attemptRefused.evaluate({ response: exchange('token', 400, { error: 'unauthorized_client' }), allowedErrors: ALLOWED })
    expect(v.ok).toBe(false)
    expect(v.evidence).toMatchObject({ status: 400, error: 'unauthorized_client', allowed: ALLOWED })
  })

  test('allowedErrors is honoured as given (invalid_request not allowed)', () => {
    const v = attemptRefused.evaluate({ response: exchange('token', 400, { error: 'invalid_request' }), allowedErrors: ['invalid_client'] })
    expect(v.ok).toBe(false)
  })

  test('401 invalid_client passes', () => {
    const v = attemptRefused.evaluate({
      response: exchange('token', 401, { error: 'invalid_client' }, { headers: { 'www-authenticate': 'Basic realm="as"' } }),
      allowedErrors: ALLOWED,
    })
    expect(v.ok).toBe(true)
    expect(v.evidence).toMatchObject({ status: 401, error: 'invalid_client' })
  })

  test('401 with invalid_request fails (401 only for invalid_client)', () => {
    const v = attemptRefused.evaluate({ response: exchange('token', 401, { error: 'invalid_request' }), allowedErrors: ALLOWED })
    expect(v.ok).toBe(false)
    expect(v.evidence).toMatchObject({ status: 401, error: 'invalid_request' })
  })

  for (const status of [302, 403, 404]) {
    test(`${status} invalid_client fails`, () => {
      const v = attemptRefused.evaluate({ response: exchange('token', status, { error: 'invalid_client' }), allowedErrors: ALLOWED })
      expect(v.ok).toBe(false)
      expect(v.evidence).toMatchObject({ status, error: 'invalid_client' })
    })
  }

  test('400 with a non-JSON body fails', () => {
    const v = attemptRefused.evaluate({ response: exchange('token', 400, '<html>Bad Request</html>'), allowedErrors: ALLOWED })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBeUndefined()
    expect(v.evidence).toMatchObject({ status: 400, error: undefined })
  })

  test('400 with a JSON body served as text/plain fails', () => {
    const v = attemptRefused.evaluate({ response: exchange('token', 400, { error: 'invalid_client' }, { contentType: 'text/plain' }), allowedErrors: ALLOWED })
    expect(v.ok).toBe(false)
  })

  test('400 JSON without an error member fails', () => {
    const v = attemptRefused.evaluate({ response: exchange('token', 400, { message: 'bad' }), allowedErrors: ALLOWED })
    expect(v.ok).toBe(false)
    expect(v.evidence).toMatchObject({ status: 400, error: undefined })
  })

  test('a non-string error member is not an error code', () => {
    const v = attemptRefused.evaluate({ response: exchange('token', 400, { error: 42 }), allowedErrors: ALLOWED })
    expect(v.ok).toBe(false)
    expect(v.evidence).toMatchObject({ error: undefined })
  })

  test('transport error is undecidable and carries the transport error', () => {
    const v = attemptRefused.evaluate({ response: transportFailure('token', 'ECONNRESET'), allowedErrors: ALLOWED })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBe(true)
    expect(v.evidence).toEqual({ transport_error: { code: 'ECONNRESET', message: 'socket hang up' } })
  })
})
