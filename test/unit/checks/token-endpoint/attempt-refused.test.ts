import { expect, test } from '@playwright/test'
import attemptRefused from '../../../../src/checks/token-endpoint/attempt-refused.js'
import { exchange, transportFailure } from '../_exchange.js'

/** A succeeding control: the same request without the change. */
const CONTROL = exchange('token', 200, { access_token: 'at', token_type: 'Bearer' })
/** A succeeding control for registration-only modules: the twin's registration. */
const TWIN_REGISTERED = exchange('registration', 201, { client_id: 'twin' })

test.describe('attempt-refused: the control', () => {
  test('a refused control makes the verdict undecidable, whatever the variant got', () => {
    const v = attemptRefused.evaluate({
      control: exchange('token', 400, { error: 'invalid_scope' }),
      response: exchange('token', 401, { error: 'invalid_client' }),
    })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBe(true)
    expect(v.message).toContain('HTTP 400 invalid_scope')
    expect(v.evidence).toEqual({ control: 400 })
  })

  test('a refused control is undecidable even when the registration refused with invalid_client_metadata', () => {
    const v = attemptRefused.evaluate({
      control: exchange('token', 401, { error: 'invalid_client' }),
      registration: exchange('registration', 400, { error: 'invalid_client_metadata' }),
    })
    expect(v.undecidable).toBe(true)
    expect(v.evidence).toEqual({ control: 401 })
  })

  test('a refused control is undecidable even when the variant was accepted (no failure without a control)', () => {
    const v = attemptRefused.evaluate({
      control: exchange('token', 500, '<html>oops</html>'),
      response: exchange('token', 200, { access_token: 'at', token_type: 'Bearer' }),
    })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBe(true)
    expect(v.message).toContain('HTTP 500')
  })

  test('a control without an HTTP response is undecidable and names the transport error', () => {
    const v = attemptRefused.evaluate({
      control: transportFailure('token', 'ECONNRESET'),
      response: exchange('token', 400, { error: 'invalid_client' }),
    })
    expect(v.undecidable).toBe(true)
    expect(v.message).toContain('ECONNRESET')
  })

  test('a 201 twin registration is a succeeding control (registration-only modules)', () => {
    const v = attemptRefused.evaluate({
      control: TWIN_REGISTERED,
      registration: exchange('registration', 400, { error: 'invalid_client_metadata' }),
    })
    expect(v.ok).toBe(true)
    expect(v.evidence).toMatchObject({ control: 'registration: HTTP 201' })
  })
})

test.describe('attempt-refused: refused at registration', () => {
  test('400 invalid_client_metadata after a succeeding control passes, refused at registration', () => {
    const v = attemptRefused.evaluate({
      control: CONTROL,
      registration: exchange('registration', 400, { error: 'invalid_client_metadata' }),
    })
    expect(v.ok).toBe(true)
    expect(v.undecidable).toBeUndefined()
    expect(v.evidence).toEqual({
      refusedAt: 'registration',
      status: 400,
      error: 'invalid_client_metadata',
      control: 'token: HTTP 200',
    })
  })

  test('400 invalid_redirect_uri does not name the client metadata: undecidable', () => {
    const v = attemptRefused.evaluate({
      control: CONTROL,
      registration: exchange('registration', 400, { error: 'invalid_redirect_uri' }),
    })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBe(true)
    expect(v.message).toContain('invalid_redirect_uri')
    expect(v.evidence).toEqual({ status: 400, error: 'invalid_redirect_uri' })
  })

  test('400 invalid_software_statement is undecidable', () => {
    const v = attemptRefused.evaluate({
      control: CONTROL,
      registration: exchange('registration', 400, { error: 'invalid_software_statement' }),
    })
    expect(v.undecidable).toBe(true)
  })

  test('500 at registration is undecidable', () => {
    const v = attemptRefused.evaluate({
      control: CONTROL,
      registration: exchange('registration', 500, { error: 'server_error' }),
    })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBe(true)
    expect(v.evidence).toEqual({ status: 500, error: 'server_error' })
  })

  test('400 with an HTML body names no code: undecidable', () => {
    const v = attemptRefused.evaluate({
      control: CONTROL,
      registration: exchange('registration', 400, '<html>bad</html>'),
    })
    expect(v.undecidable).toBe(true)
    expect(v.evidence).toEqual({ status: 400, error: undefined })
  })

  test('invalid_client_metadata served as text/plain is not read as a code: undecidable', () => {
    const v = attemptRefused.evaluate({
      control: CONTROL,
      registration: exchange(
        'registration',
        400,
        { error: 'invalid_client_metadata' },
        { contentType: 'text/plain' },
      ),
    })
    expect(v.undecidable).toBe(true)
  })

  for (const status of [200, 201]) {
    test(`registration ${status} (the forbidden client was registered as asked) fails`, () => {
      const v = attemptRefused.evaluate({
        control: CONTROL,
        registration: exchange('registration', status, { client_id: 'c1' }),
      })
      expect(v.ok).toBe(false)
      expect(v.undecidable).toBeUndefined()
      expect(v.evidence).toEqual({ refusedAt: 'none', status, control: 'token: HTTP 200' })
    })
  }

  test('registration without an HTTP response is undecidable', () => {
    const v = attemptRefused.evaluate({
      control: CONTROL,
      registration: transportFailure('registration', 'ETIMEDOUT'),
    })
    expect(v.undecidable).toBe(true)
    expect(v.message).toContain('ETIMEDOUT')
  })

  test('neither a registration nor a request carried the change: undecidable', () => {
    const v = attemptRefused.evaluate({ control: CONTROL })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBe(true)
  })
})

test.describe('attempt-refused: a replaced member (RFC 7591 §3.2.1)', () => {
  test('the AS replaced the member under test: passes, refused at registration', () => {
    const replaced = {
      member: 'token_endpoint_auth_method',
      asked: 'none',
      granted: 'client_secret_basic',
    }
    const v = attemptRefused.evaluate({
      control: CONTROL,
      replaced,
      registration: exchange('registration', 201, {
        client_id: 'c1',
        token_endpoint_auth_method: 'client_secret_basic',
      }),
    })
    expect(v.ok).toBe(true)
    expect(v.undecidable).toBeUndefined()
    expect(v.message).toContain('token_endpoint_auth_method')
    expect(v.message).toContain('"none"')
    expect(v.message).toContain('"client_secret_basic"')
    expect(v.evidence).toEqual({ refusedAt: 'registration', replaced, control: 'token: HTTP 200' })
  })

  test('a replacement does not count when the control failed', () => {
    const v = attemptRefused.evaluate({
      control: exchange('token', 400, { error: 'invalid_client' }),
      replaced: {
        member: 'grant_types',
        asked: ['client_credentials'],
        granted: ['authorization_code'],
      },
    })
    expect(v.undecidable).toBe(true)
  })
})

test.describe('attempt-refused: refused at the endpoint', () => {
  for (const [status, body] of [
    [400, { error: 'invalid_client' }],
    [401, { error: 'invalid_client' }],
    [403, { error: 'access_denied' }],
    [500, { error: 'server_error' }],
  ] as const) {
    test(`${status} is a refusal: passes (its form is another check's question)`, () => {
      const v = attemptRefused.evaluate({
        control: CONTROL,
        response: exchange('token', status, body),
      })
      expect(v.ok).toBe(true)
      expect(v.undecidable).toBeUndefined()
      expect(v.message).toContain(`HTTP ${status} ${body.error}`)
      expect(v.evidence).toEqual({
        refusedAt: 'token',
        status,
        error: body.error,
        control: 'token: HTTP 200',
      })
    })
  }

  test('a refusal with an HTML body is still a refusal', () => {
    const v = attemptRefused.evaluate({
      control: CONTROL,
      response: exchange('token', 400, '<html>Bad Request</html>'),
    })
    expect(v.ok).toBe(true)
    expect(v.evidence).toMatchObject({ refusedAt: 'token', status: 400, error: undefined })
  })

  test('the endpoint in the evidence is the exchange purpose', () => {
    const v = attemptRefused.evaluate({
      control: exchange('backchannel_authentication', 200, { auth_req_id: 'r', expires_in: 60 }),
      response: exchange('backchannel_authentication', 401, { error: 'invalid_client' }),
    })
    expect(v.ok).toBe(true)
    expect(v.evidence).toMatchObject({
      refusedAt: 'backchannel_authentication',
      control: 'backchannel_authentication: HTTP 200',
    })
  })

  for (const status of [200, 201, 204]) {
    test(`${status} at the endpoint fails (accepted where a refusal was due)`, () => {
      const v = attemptRefused.evaluate({
        control: CONTROL,
        response: exchange('token', status, { access_token: 'x', token_type: 'Bearer' }),
      })
      expect(v.ok).toBe(false)
      expect(v.undecidable).toBeUndefined()
      // (refusedAt is not asserted here: for an accepted request the check reports the endpoint, see the report)
      expect(v.evidence).toMatchObject({ status, control: 'token: HTTP 200' })
    })
  }

  test('the endpoint answer is judged even when a registration (201) preceded it', () => {
    const v = attemptRefused.evaluate({
      control: CONTROL,
      registration: exchange('registration', 201, { client_id: 'c1' }),
      response: exchange('token', 200, { access_token: 'x', token_type: 'Bearer' }),
    })
    expect(v.ok).toBe(false)
    expect(v.evidence?.status).toBe(200)
  })

  test('no HTTP response at the endpoint is undecidable and carries the transport error', () => {
    const v = attemptRefused.evaluate({
      control: CONTROL,
      response: transportFailure('token', 'ECONNRESET'),
    })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBe(true)
    expect(v.evidence).toEqual({
      transport_error: { code: 'ECONNRESET', message: 'socket hang up' },
    })
  })
})

test.describe('attempt-refused: where the verdict says it was refused', () => {
  test('an accepted request is refused nowhere (refusedAt none), so the record cannot read "refused at token"', () => {
    const v = attemptRefused.evaluate({
      control: CONTROL,
      response: exchange('token', 200, { access_token: 'x', token_type: 'Bearer' }),
    })
    expect(v.ok).toBe(false)
    expect(v.evidence?.refusedAt).toBe('none')
  })

  test('invalid_client_metadata with a 5xx status is not a refusal of the metadata', () => {
    const v = attemptRefused.evaluate({
      control: TWIN_REGISTERED,
      registration: exchange('registration', 500, { error: 'invalid_client_metadata' }),
    })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBe(true)
  })
})
