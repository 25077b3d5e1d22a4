import { expect, test } from '@playwright/test'
import pollAnswersError from '../../../../src/checks/ciba/poll-answers-error.js'
import { exchange, transportFailure } from '../_exchange.js'

const judge = (x: ReturnType<typeof exchange>, error = 'expired_token') =>
  pollAnswersError.evaluate({ response: x, error, because: 'the auth_req_id expired' })

test.describe('poll-answers-error', () => {
  test('HTTP 400 with the due error passes', () => {
    expect(judge(exchange('token', 400, { error: 'expired_token' })).ok).toBe(true)
    expect(judge(exchange('token', 400, { error: 'access_denied' }), 'access_denied').ok).toBe(true)
  })

  test('tokens fail', () => {
    const v = judge(exchange('token', 200, { access_token: 'a', token_type: 'Bearer' }))
    expect(v.ok).toBe(false)
    expect(v.message).toContain('tokens issued')
  })

  test('another error code, or another status, fails', () => {
    expect(judge(exchange('token', 400, { error: 'invalid_grant' })).ok).toBe(false)
    expect(judge(exchange('token', 400, { error: 'authorization_pending' })).ok).toBe(false)
    expect(judge(exchange('token', 401, { error: 'expired_token' })).ok).toBe(false)
  })

  test('no HTTP response is undecidable', () => {
    expect(judge(transportFailure('token')).undecidable).toBe(true)
  })
})
