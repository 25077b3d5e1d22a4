import { expect, test } from '@playwright/test'
import resourceAccepts from '../../../../src/checks/mtls/resource-accepts-bound-token.js'
import { exchange, transportFailure } from '../_exchange.js'

test.describe('resource-accepts-bound-token', () => {
  test('200 passes', () => {
    const v = resourceAccepts.evaluate({ response: exchange('resource', 200, { active: true }) })
    expect(v.ok).toBe(true)
    expect(v.evidence).toEqual({ status: 200 })
  })

  test('401 fails with the challenge as evidence', () => {
    const v = resourceAccepts.evaluate({
      response: exchange(
        'resource',
        401,
        { error: 'invalid_token' },
        { headers: { 'www-authenticate': 'Bearer error="invalid_token"' } },
      ),
    })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBeUndefined()
    expect(v.evidence).toEqual({ status: 401, 'www-authenticate': 'Bearer error="invalid_token"' })
  })

  test('no HTTP response is undecidable', () => {
    const v = resourceAccepts.evaluate({ response: transportFailure('resource') })
    expect(v.undecidable).toBe(true)
  })
})
