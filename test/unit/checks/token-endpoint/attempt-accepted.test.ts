import { expect, test } from '@playwright/test'
import attemptAccepted from '../../../../src/checks/token-endpoint/attempt-accepted.js'
import { exchange, transportFailure } from '../_exchange.js'

test.describe('attempt-accepted: token', () => {
  test('200 JSON with access_token and token_type passes', () => {
    const v = attemptAccepted.evaluate({ response: exchange('token', 200, { access_token: 'at', token_type: 'Bearer', expires_in: 300 }), kind: 'token' })
    expect(v.ok).toBe(true)
    expect(v.evidence).toEqual({ members: ['access_token', 'token_type', 'expires_in'] })
  })

  test('200 without token_type fails, listing the members it had', () => {
    const v = attemptAccepted.evaluate({ response: exchange('token', 200, { access_token: 'at' }), kind: 'token' })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBeUndefined()
    expect(v.evidence).toEqual({ members: ['access_token'] })
  })

  test('200 with an empty access_token fails', () => {
    const v = attemptAccepted.evaluate({ response: exchange('token', 200, { access_token: '', token_type: 'Bearer' }), kind: 'token' })
    expect(v.ok).toBe(false)
  })

  test('200 with a CIBA response is not a token response', () => {
    const v = attemptAccepted.evaluate({ response: exchange('token', 200, { auth_req_id: 'r', expires_in: 60 }), kind: 'token' })
    expect(v.ok).toBe(false)
  })

  test('200 with a non-JSON body fails', () => {
    const v = attemptAccepted.evaluate({ response: exchange('token', 200, '<html>ok</html>'), kind: 'token' })
    expect(v.ok).toBe(false)
    expect(v.evidence).toEqual({ status: 200 })
  })

  test('200 JSON served as text/plain fails', () => {
    const v = attemptAccepted.evaluate({ response: exchange('token', 200, { access_token: 'at', token_type: 'Bearer' }, { contentType: 'text/plain' }), kind: 'token' })
    expect(v.ok).toBe(false)
    expect(v.evidence).toEqual({ status: 200 })
  })

  test('200 with a JSON null body fails', () => {
    const v = attemptAccepted.evaluate({ response: exchange('token', 200, null), kind: 'token' })
    expect(v.ok).toBe(false)
  })

  test('400 invalid_client fails with status and error as evidence', () => {
    const v = attemptAccepted.evaluate({ response: exchange('token', 400, { error: 'invalid_client', error_description: 'd' }), kind: 'token' })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBeUndefined()
    expect(v.evidence).toEqual({ status: 400, error: 'invalid_client', error_description: 'd' })
  })

  test('201 with a valid body fails (200 is due)', () => {
    const v = attemptAccepted.evaluate({ response: exchange('token', 201, { access_token: 'at', token_type: 'Bearer' }), kind: 'token' })
    expect(v.ok).toBe(false)
    expect(v.evidence).toMatchObject({ status: 201 })
  })

  test('a refused registration fails with the registration error as evidence', () => {
    const v = attemptAccepted.evaluate({ registration: exchange('registration', 400, { error: 'invalid_client_metadata' }), kind: 'token' })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBeUndefined()
    expect(v.evidence).toEqual({ registration: { status: 400, error: 'invalid_client_metadata', json: true } })
  })

  test('transport error on the request is undecidable', () => {
    const v = attemptAccepted.evaluate({ response: transportFailure('token', 'UND_ERR_HEADERS_TIMEOUT'), kind: 'token' })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBe(true)
    expect(v.evidence).toEqual({ transport_error: { code: 'UND_ERR_HEADERS_TIMEOUT', message: 'socket hang up' } })
  })

  // Like attempt-refused, a registration without an HTTP response decides nothing.
  test('transport error at registration is undecidable, not a failure', () => {
    const v = attemptAccepted.evaluate({ registration: transportFailure('registration'), kind: 'token' })
    expect(v.undecidable).toBe(true)
  })
})

test.describe('attempt-accepted: backchannel_authentication', () => {
  test('200 JSON with auth_req_id and expires_in passes', () => {
    const v = attemptAccepted.evaluate({
      response: exchange('backchannel_authentication', 200, { auth_req_id: 'r1', expires_in: 120, interval: 5 }),
      kind: 'backchannel_authentication',
    })
    expect(v.ok).toBe(true)
    expect(v.evidence).toEqual({ members: ['auth_req_id', 'expires_in', 'interval'] })
  })

  test('200 without expires_in fails', () => {
    const v = attemptAccepted.evaluate({ response: exchange('backchannel_authentication', 200, { auth_req_id: 'r1' }), kind: 'backchannel_authentication' })
    expect(v.ok).toBe(false)
    expect(v.evidence).toEqual({ members: ['auth_req_id'] })
  })

  test('200 with a token response is not a backchannel response', () => {
    const v = attemptAccepted.evaluate({
      response: exchange('backchannel_authentication', 200, { access_token: 'at', token_type: 'Bearer' }),
      kind: 'backchannel_authentication',
    })
    expect(v.ok).toBe(false)
  })
})
