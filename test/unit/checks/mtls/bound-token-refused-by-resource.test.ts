import { expect, test } from '@playwright/test'
import refused, {
  bearerError,
} from '../../../../src/checks/mtls/bound-token-refused-by-resource.js'
import { exchange, transportFailure } from '../_exchange.js'

const challenge = (v: string) => ({ headers: { 'www-authenticate': v } })

test.describe('bound-token-refused-by-resource', () => {
  test('401 with Bearer error="invalid_token" passes', () => {
    const v = refused.evaluate({
      response: exchange(
        'resource',
        401,
        { error: 'invalid_token' },
        challenge('Bearer realm="x", error="invalid_token", error_description="no cert"'),
      ),
    })
    expect(v.ok).toBe(true)
    expect(v.evidence).toMatchObject({
      refusedAt: 'resource',
      status: 401,
      error: 'invalid_token',
      body_error: 'invalid_token',
    })
  })

  test('unquoted error token is read too', () => {
    expect(
      refused.evaluate({
        response: exchange('resource', 401, '', challenge('Bearer error=invalid_token')),
      }).ok,
    ).toBe(true)
  })

  test('200 fails: the token works without its certificate', () => {
    const v = refused.evaluate({ response: exchange('resource', 200, { active: true }) })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBeUndefined()
    expect(v.evidence).toMatchObject({ status: 200, error: null })
  })

  test('403 fails: 401 is due', () => {
    const v = refused.evaluate({
      response: exchange(
        'resource',
        403,
        { error: 'insufficient_scope' },
        challenge('Bearer error="insufficient_scope"'),
      ),
    })
    expect(v.ok).toBe(false)
    expect(v.evidence).toMatchObject({ status: 403, error: 'insufficient_scope' })
  })

  test('401 with another error code fails', () => {
    expect(
      refused.evaluate({
        response: exchange('resource', 401, {}, challenge('Bearer error="invalid_request"')),
      }).ok,
    ).toBe(false)
  })

  test('401 without a challenge fails even with invalid_token in the body', () => {
    const v = refused.evaluate({ response: exchange('resource', 401, { error: 'invalid_token' }) })
    expect(v.ok).toBe(false)
    expect(v.evidence).toMatchObject({ 'www-authenticate': null, body_error: 'invalid_token' })
  })

  test('a non-Bearer challenge does not count', () => {
    expect(
      refused.evaluate({
        response: exchange('resource', 401, {}, challenge('DPoP error="invalid_token"')),
      }).ok,
    ).toBe(false)
  })

  test('no HTTP response is undecidable', () => {
    expect(refused.evaluate({ response: transportFailure('resource') }).undecidable).toBe(true)
  })

  test('bearerError parses the error parameter only', () => {
    expect(bearerError('Bearer realm="a, error=x", error="invalid_token"')).toBe('invalid_token')
    expect(bearerError('Bearer realm="r"')).toBeUndefined()
    expect(bearerError(undefined)).toBeUndefined()
  })
})
