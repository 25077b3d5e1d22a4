import { expect, test } from '@playwright/test'
import pollAuthorizationPending from '../../../../src/checks/ciba/poll-authorization-pending.js'
import { exchange, transportFailure } from '../_exchange.js'

test.describe('poll-authorization-pending', () => {
  for (const error of ['authorization_pending', 'slow_down']) {
    test(`400 ${error} passes`, () => {
      expect(
        pollAuthorizationPending.evaluate({ response: exchange('token', 400, { error }) }).ok,
      ).toBe(true)
    })
  }

  test('200 with tokens fails', () => {
    const v = pollAuthorizationPending.evaluate({
      response: exchange('token', 200, { access_token: 'at', token_type: 'Bearer' }),
    })
    expect(v.ok).toBe(false)
    expect(v.evidence).toEqual({ status: 200, error: undefined })
  })

  test('400 access_denied fails', () => {
    const v = pollAuthorizationPending.evaluate({
      response: exchange('token', 400, { error: 'access_denied' }),
    })
    expect(v.ok).toBe(false)
    expect(v.evidence).toEqual({ status: 400, error: 'access_denied' })
  })

  test('401 authorization_pending fails (must be 400)', () => {
    const v = pollAuthorizationPending.evaluate({
      response: exchange('token', 401, { error: 'authorization_pending' }),
    })
    expect(v.ok).toBe(false)
    expect(v.evidence).toEqual({ status: 401, error: 'authorization_pending' })
  })

  test('no HTTP response is undecidable', () => {
    const v = pollAuthorizationPending.evaluate({ response: transportFailure('token') })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBe(true)
  })
})
