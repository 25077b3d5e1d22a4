import { expect, test } from '@playwright/test'
import pingNotification from '../../../../src/checks/ciba/ping-notification.js'
import type { ReceivedNotification } from '../../../../src/suite/notifications.js'

const token = 'fapi-harness-token'
const authReqId = 'req-1'
const ping = (over: Partial<ReceivedNotification> = {}): ReceivedNotification => ({
  method: 'POST',
  path: '/cb',
  authorization: `Bearer ${token}`,
  contentType: 'application/json',
  body: JSON.stringify({ auth_req_id: authReqId }),
  receivedAt: 0,
  ...over,
})
const judge = (n: ReceivedNotification | undefined) =>
  pingNotification.evaluate({ notification: n, token, authReqId, waitedMs: 1000 })

test.describe('ping-notification', () => {
  test('POST, the bearer token, JSON auth_req_id passes', () => {
    expect(judge(ping()).ok).toBe(true)
    expect(judge(ping({ contentType: 'application/json; charset=utf-8' })).ok).toBe(true)
  })

  test('no notification fails', () => {
    const v = judge(undefined)
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBeUndefined()
  })

  test('without the Authorization header, or with another token, fails', () => {
    const { authorization: _a, ...noAuth } = ping()
    expect(judge(noAuth).message).toContain('no Authorization header')
    expect(judge(ping({ authorization: 'Bearer other' })).message).toContain(
      'not the client_notification_token',
    )
    expect(judge(ping({ authorization: `Basic ${token}` })).ok).toBe(false)
  })

  test('another method, media type or body fails', () => {
    expect(judge(ping({ method: 'GET' })).ok).toBe(false)
    expect(judge(ping({ contentType: 'application/x-www-form-urlencoded' })).ok).toBe(false)
    expect(judge(ping({ body: JSON.stringify({ auth_req_id: 'other' }) })).ok).toBe(false)
    expect(judge(ping({ body: 'auth_req_id=req-1' })).ok).toBe(false)
  })

  test('the evidence never holds the token', () => {
    expect(
      JSON.stringify(judge(ping({ authorization: 'Bearer intruder' })).evidence),
    ).not.toContain('intruder')
    expect(JSON.stringify(judge(ping()).evidence)).not.toContain(token)
  })
})
