import { expect, test } from '@playwright/test'
import errorCodeAsSpecified from '../../../../src/checks/errors/error-code-as-specified.js'
import { exchange, transportFailure } from '../_exchange.js'

test.describe('error-code-as-specified', () => {
  test("the clauses are the call site's: the check proves none by itself", () => {
    expect(errorCodeAsSpecified.requirements).toEqual([])
  })

  test('the prescribed code passes', () => {
    const v = errorCodeAsSpecified.evaluate({
      response: exchange('token', 401, { error: 'invalid_client' }),
      codes: ['invalid_client'],
    })
    expect(v.ok).toBe(true)
    expect(v.evidence).toEqual({ error: 'invalid_client' })
  })

  test('any of several prescribed codes passes', () => {
    const v = errorCodeAsSpecified.evaluate({
      response: exchange('token', 400, { error: 'invalid_request' }),
      codes: ['invalid_client', 'invalid_request'],
    })
    expect(v.ok).toBe(true)
    expect(v.evidence).toEqual({ error: 'invalid_request' })
  })

  test('another code fails, naming what was expected', () => {
    const v = errorCodeAsSpecified.evaluate({
      response: exchange('token', 400, { error: 'invalid_grant' }),
      codes: ['invalid_client'],
    })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBeUndefined()
    expect(v.message).toBe('error invalid_grant; expected invalid_client')
    expect(v.evidence).toEqual({
      status: 400,
      error: 'invalid_grant',
      expected: ['invalid_client'],
    })
  })

  test('only `error` is read, never error_description', () => {
    const v = errorCodeAsSpecified.evaluate({
      response: exchange('token', 400, {
        error: 'invalid_request',
        error_description: 'invalid_client',
      }),
      codes: ['invalid_client'],
    })
    expect(v.ok).toBe(false)
    expect(v.evidence).toMatchObject({ error: 'invalid_request' })
  })

  test('the comparison is exact (case matters)', () => {
    const v = errorCodeAsSpecified.evaluate({
      response: exchange('token', 400, { error: 'Invalid_Client' }),
      codes: ['invalid_client'],
    })
    expect(v.ok).toBe(false)
  })

  test('a refusal without an error code fails', () => {
    const v = errorCodeAsSpecified.evaluate({
      response: exchange('token', 400, '<html>Bad Request</html>'),
      codes: ['invalid_client', 'invalid_request'],
    })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBeUndefined()
    expect(v.message).toBe('no error code; expected invalid_client or invalid_request')
    expect(v.evidence).toEqual({ status: 400 })
  })

  test('a code in a body that is not JSON by its Content-Type is no code', () => {
    const v = errorCodeAsSpecified.evaluate({
      response: exchange('token', 400, { error: 'invalid_client' }, { contentType: 'text/plain' }),
      codes: ['invalid_client'],
    })
    expect(v.ok).toBe(false)
    expect(v.message).toContain('no error code')
  })

  test('a 5xx is judged on its code like any error response', () => {
    const v = errorCodeAsSpecified.evaluate({
      response: exchange('token', 500, { error: 'server_error' }),
      codes: ['invalid_client'],
    })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBeUndefined()
  })

  for (const status of [200, 302]) {
    test(`${status} is not an error response: undecidable`, () => {
      const v = errorCodeAsSpecified.evaluate({
        response: exchange('token', status, { error: 'invalid_client' }),
        codes: ['invalid_client'],
      })
      expect(v.ok).toBe(false)
      expect(v.undecidable).toBe(true)
      expect(v.evidence).toEqual({ status })
    })
  }

  test('no HTTP response is undecidable', () => {
    const v = errorCodeAsSpecified.evaluate({
      response: transportFailure('token', 'ECONNRESET'),
      codes: ['invalid_client'],
    })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBe(true)
    expect(v.message).toContain('ECONNRESET')
  })
})
