import { expect, test } from '@playwright/test'
import attemptAccepted from '../../../../src/checks/token-endpoint/attempt-accepted.js'
import { exchange, transportFailure } from '../_exchange.js'

test.describe('attempt-accepted: token', () => {
  test('200 JSON with access_token and token_type passes', () => {
    const v = attemptAccepted.evaluate({
      response: exchange('token', 200, {
        access_token: 'at',
        token_type: 'Bearer',
        expires_in: 300,
      }),
      kind: 'token',
    })
    expect(v.ok).toBe(true)
    expect(v.evidence).toEqual({ members: ['access_token', 'token_type', 'expires_in'] })
  })

  test('200 without token_type fails, listing the members it had', () => {
    const v = attemptAccepted.evaluate({
      response: exchange('token', 200, { access_token: 'at' }),
      kind: 'token',
    })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBeUndefined()
    expect(v.evidence).toEqual({ members: ['access_token'] })
  })

  test('200 with an empty access_token fails', () => {
    const v = attemptAccepted.evaluate({
      response: exchange('token', 200, { access_token: '', token_type: 'Bearer' }),
      kind: 'token',
    })
    expect(v.ok).toBe(false)
  })

  test('200 with a CIBA response is not a token response', () => {
    const v = attemptAccepted.evaluate({
      response: exchange('token', 200, { auth_req_id: 'r', expires_in: 60 }),
      kind: 'token',
    })
    expect(v.ok).toBe(false)
  })

  test('200 with a non-JSON body fails', () => {
    const v = attemptAccepted.evaluate({
      response: exchange('token', 200, '<html>ok</html>'),
      kind: 'token',
    })
    expect(v.ok).toBe(false)
    expect(v.evidence).toEqual({ status: 200 })
  })

  test('200 JSON served as text/plain fails', () => {
    const v = attemptAccepted.evaluate({
      response: exchange(
        'token',
        200,
        { access_token: 'at', token_type: 'Bearer' },
        { contentType: 'text/plain' },
      ),
      kind: 'token',
    })
    expect(v.ok).toBe(false)
    expect(v.evidence).toEqual({ status: 200 })
  })

  test('200 with a JSON null body fails', () => {
    const v = attemptAccepted.evaluate({ response: exchange('token', 200, null), kind: 'token' })
    expect(v.ok).toBe(false)
  })

  test('400 invalid_client fails with status and error as evidence', () => {
    const v = attemptAccepted.evaluate({
      response: exchange('token', 400, { error: 'invalid_client', error_description: 'd' }),
      kind: 'token',
    })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBeUndefined()
    expect(v.evidence).toEqual({ status: 400, error: 'invalid_client' })
  })

  test('201 with a valid body fails (200 is due)', () => {
    const v = attemptAccepted.evaluate({
      response: exchange('token', 201, { access_token: 'at', token_type: 'Bearer' }),
      kind: 'token',
    })
    expect(v.ok).toBe(false)
    expect(v.evidence).toMatchObject({ status: 201 })
  })

  test('a refused registration fails with the registration error as evidence', () => {
    const v = attemptAccepted.evaluate({
      registration: exchange('registration', 400, { error: 'invalid_client_metadata' }),
      kind: 'token',
    })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBeUndefined()
    expect(v.evidence).toEqual({
      registration: { status: 400, error: 'invalid_client_metadata', json: true },
    })
  })

  test('transport error on the request is undecidable', () => {
    const v = attemptAccepted.evaluate({
      response: transportFailure('token', 'UND_ERR_HEADERS_TIMEOUT'),
      kind: 'token',
    })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBe(true)
    expect(v.evidence).toEqual({
      transport_error: { code: 'UND_ERR_HEADERS_TIMEOUT', message: 'socket hang up' },
    })
  })

  // Like attempt-refused, a registration without an HTTP response decides nothing.
  test('transport error at registration is undecidable, not a failure', () => {
    const v = attemptAccepted.evaluate({
      registration: transportFailure('registration'),
      kind: 'token',
    })
    expect(v.undecidable).toBe(true)
  })
})

test.describe('attempt-accepted: backchannel_authentication', () => {
  test('200 JSON with auth_req_id and expires_in passes', () => {
    const v = attemptAccepted.evaluate({
      response: exchange('backchannel_authentication', 200, {
        auth_req_id: 'r1',
        expires_in: 120,
        interval: 5,
      }),
      kind: 'backchannel_authentication',
    })
    expect(v.ok).toBe(true)
    expect(v.evidence).toEqual({ members: ['auth_req_id', 'expires_in', 'interval'] })
  })

  test('200 without expires_in fails', () => {
    const v = attemptAccepted.evaluate({
      response: exchange('backchannel_authentication', 200, { auth_req_id: 'r1' }),
      kind: 'backchannel_authentication',
    })
    expect(v.ok).toBe(false)
    expect(v.evidence).toEqual({ members: ['auth_req_id'] })
  })

  test('200 with a token response is not a backchannel response', () => {
    const v = attemptAccepted.evaluate({
      response: exchange('backchannel_authentication', 200, {
        access_token: 'at',
        token_type: 'Bearer',
      }),
      kind: 'backchannel_authentication',
    })
    expect(v.ok).toBe(false)
  })
})

test.describe('attempt-accepted: revocation (RFC 7009 §2.2)', () => {
  test('200 with an empty body passes (no members are required)', () => {
    const v = attemptAccepted.evaluate({
      response: exchange('revocation', 200, '', { contentType: null }),
      kind: 'revocation',
    })
    expect(v.ok).toBe(true)
    expect(v.evidence).toEqual({ status: 200 })
  })

  test('400 unsupported_token_type fails', () => {
    const v = attemptAccepted.evaluate({
      response: exchange('revocation', 400, { error: 'unsupported_token_type' }),
      kind: 'revocation',
    })
    expect(v.ok).toBe(false)
    expect(v.evidence).toEqual({ status: 400, error: 'unsupported_token_type' })
  })

  test('204 fails (200 is due)', () => {
    const v = attemptAccepted.evaluate({
      response: exchange('revocation', 204),
      kind: 'revocation',
    })
    expect(v.ok).toBe(false)
    expect(v.evidence).toMatchObject({ status: 204 })
  })
})

test.describe('attempt-accepted: pushed_authorization_request (RFC 9126 §2.2)', () => {
  test('201 JSON with request_uri and expires_in passes', () => {
    const v = attemptAccepted.evaluate({
      response: exchange('pushed_authorization_request', 201, {
        request_uri: 'urn:ietf:params:oauth:request_uri:x',
        expires_in: 60,
      }),
      kind: 'pushed_authorization_request',
    })
    expect(v.ok).toBe(true)
    expect(v.message).toContain('HTTP 201')
    expect(v.evidence).toEqual({ members: ['request_uri', 'expires_in'] })
  })

  test('200 with a valid body fails (201 is due)', () => {
    const v = attemptAccepted.evaluate({
      response: exchange('pushed_authorization_request', 200, {
        request_uri: 'urn:ietf:params:oauth:request_uri:x',
        expires_in: 60,
      }),
      kind: 'pushed_authorization_request',
    })
    expect(v.ok).toBe(false)
    expect(v.evidence).toMatchObject({ status: 200 })
  })

  test('201 without expires_in fails', () => {
    const v = attemptAccepted.evaluate({
      response: exchange('pushed_authorization_request', 201, { request_uri: 'urn:x' }),
      kind: 'pushed_authorization_request',
    })
    expect(v.ok).toBe(false)
    expect(v.message).toContain('expires_in')
    expect(v.evidence).toEqual({ members: ['request_uri'] })
  })
})

test.describe('attempt-accepted: introspection (RFC 7662 §2.2)', () => {
  test('200 with active (false counts) passes', () => {
    const v = attemptAccepted.evaluate({
      response: exchange('introspection', 200, { active: false }),
      kind: 'introspection',
    })
    expect(v.ok).toBe(true)
    expect(v.evidence).toEqual({ members: ['active'] })
  })

  test('200 without active fails', () => {
    const v = attemptAccepted.evaluate({
      response: exchange('introspection', 200, { scope: 'x' }),
      kind: 'introspection',
    })
    expect(v.ok).toBe(false)
    expect(v.message).toContain('active')
  })
})

test.describe('attempt-accepted: registration (RFC 7591 §3.2.1)', () => {
  test('201 with client_id passes', () => {
    const v = attemptAccepted.evaluate({
      response: exchange('registration', 201, {
        client_id: 'c1',
        token_endpoint_auth_method: 'private_key_jwt',
      }),
      kind: 'registration',
    })
    expect(v.ok).toBe(true)
    expect(v.evidence).toEqual({ members: ['client_id', 'token_endpoint_auth_method'] })
  })

  test('200 fails (201 is due)', () => {
    const v = attemptAccepted.evaluate({
      response: exchange('registration', 200, { client_id: 'c1' }),
      kind: 'registration',
    })
    expect(v.ok).toBe(false)
    expect(v.evidence).toMatchObject({ status: 200 })
  })

  test('201 without client_id fails', () => {
    const v = attemptAccepted.evaluate({
      response: exchange('registration', 201, { client_secret: 's' }),
      kind: 'registration',
    })
    expect(v.ok).toBe(false)
    expect(v.message).toContain('client_id')
  })

  test('400 invalid_client_metadata fails', () => {
    const v = attemptAccepted.evaluate({
      response: exchange('registration', 400, { error: 'invalid_client_metadata' }),
      kind: 'registration',
    })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBeUndefined()
    expect(v.evidence).toEqual({ status: 400, error: 'invalid_client_metadata' })
  })
})

test.describe('attempt-accepted: a hostile or broken server', () => {
  test('required members of the wrong JSON type fail (RFC 6749 §5.1: strings), naming each', () => {
    const v = attemptAccepted.evaluate({
      response: exchange('token', 200, { access_token: 42, token_type: ['Bearer'] }),
      kind: 'token',
    })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBeUndefined()
    expect(v.message).toContain('access_token is number, not string')
    expect(v.message).toContain('token_type is array, not string')
  })

  test('CIBA and PAR expires_in must be a number', () => {
    expect(
      attemptAccepted.evaluate({
        response: exchange('backchannel_authentication', 200, {
          auth_req_id: 'r',
          expires_in: '120',
        }),
        kind: 'backchannel_authentication',
      }).ok,
    ).toBe(false)
    expect(
      attemptAccepted.evaluate({
        response: exchange('pushed_authorization_request', 201, {
          request_uri: 'urn:x',
          expires_in: null,
        }),
        kind: 'pushed_authorization_request',
      }).ok,
    ).toBe(false)
  })

  test('a 5xx is the server failing, not a refusal: undecidable', () => {
    const v = attemptAccepted.evaluate({
      response: exchange('token', 503, { error: 'temporarily_unavailable' }),
      kind: 'token',
    })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBe(true)
    expect(v.message).toContain('HTTP 503')
  })
})
