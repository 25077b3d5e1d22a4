import { expect, test } from '@playwright/test'
import registrationErrorResponse from '../../../../src/checks/errors/registration-error-response.js'
import { exchange, transportFailure } from '../_exchange.js'

test.describe('registration-error-response (RFC 7591 §3.2.2)', () => {
  test('proves RFC7591-3.2.2 wherever it is used', () => {
    expect(registrationErrorResponse.requirements).toEqual(['RFC7591-3.2.2'])
  })

  for (const error of [
    'invalid_client_metadata',
    'invalid_redirect_uri',
    'invalid_software_statement',
  ]) {
    test(`400 JSON ${error} passes`, () => {
      const v = registrationErrorResponse.evaluate({
        registration: exchange('registration', 400, { error, error_description: 'no' }),
      })
      expect(v.ok).toBe(true)
      expect(v.evidence).toEqual({ status: 400, error })
    })
  }

  for (const status of [401, 403, 500]) {
    test(`${status} with a JSON error fails (a refused registration is 400)`, () => {
      const v = registrationErrorResponse.evaluate({
        registration: exchange('registration', status, { error: 'invalid_client_metadata' }),
      })
      expect(v.ok).toBe(false)
      expect(v.undecidable).toBeUndefined()
      expect(v.message).toContain(`HTTP ${status} instead of 400`)
      expect(v.evidence).toEqual({ status, error: 'invalid_client_metadata' })
    })
  }

  test('400 with an HTML body fails', () => {
    const v = registrationErrorResponse.evaluate({
      registration: exchange('registration', 400, '<html>no</html>'),
    })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBeUndefined()
    expect(v.message).toContain('not JSON')
    expect(v.evidence).toEqual({ status: 400, error: undefined })
  })

  test('500 with an HTML body fails', () => {
    const v = registrationErrorResponse.evaluate({
      registration: exchange('registration', 500, '<html>oops</html>'),
    })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBeUndefined()
  })

  test('400 JSON served as text/plain fails', () => {
    const v = registrationErrorResponse.evaluate({
      registration: exchange(
        'registration',
        400,
        { error: 'invalid_client_metadata' },
        { contentType: 'text/plain' },
      ),
    })
    expect(v.ok).toBe(false)
    expect(v.message).toContain('Content-Type is text/plain')
  })

  test('400 JSON without an error member fails', () => {
    const v = registrationErrorResponse.evaluate({
      registration: exchange('registration', 400, { message: 'bad metadata' }),
    })
    expect(v.ok).toBe(false)
    expect(v.message).toContain('without an error code')
    expect(v.evidence).toEqual({ status: 400, error: undefined })
  })

  for (const status of [200, 201]) {
    test(`${status} is not an error response: undecidable`, () => {
      const v = registrationErrorResponse.evaluate({
        registration: exchange('registration', status, { client_id: 'c1' }),
      })
      expect(v.ok).toBe(false)
      expect(v.undecidable).toBe(true)
      expect(v.evidence).toMatchObject({ status })
    })
  }

  test('no HTTP response is undecidable', () => {
    const v = registrationErrorResponse.evaluate({
      registration: transportFailure('registration', 'ETIMEDOUT'),
    })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBe(true)
    expect(v.message).toContain('ETIMEDOUT')
  })
})
