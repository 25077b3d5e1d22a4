import { createHash, generateKeyPairSync } from 'node:crypto'
import { expect, test } from '@playwright/test'
import { SignJWT } from 'jose'
import pushIdTokenBinding, {
  AUTH_REQ_ID_CLAIM,
  RT_HASH_CLAIM,
} from '../../../../src/checks/ciba/push-id-token-binding.js'
import pushTokenDelivery from '../../../../src/checks/ciba/push-token-delivery.js'
import type { ReceivedNotification } from '../../../../src/suite/notifications.js'

const token = 'fapi-harness-token'
const authReqId = 'req-1'
const accessToken = 'at-123'
const half = (v: string) =>
  createHash('sha256').update(v).digest().subarray(0, 16).toString('base64url')
const push = (
  body: Record<string, unknown> = {
    auth_req_id: authReqId,
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: 3600,
    id_token: 'x.y.z',
  },
  over: Partial<ReceivedNotification> = {},
): ReceivedNotification => ({
  method: 'POST',
  path: '/cb',
  authorization: `Bearer ${token}`,
  contentType: 'application/json',
  body: JSON.stringify(body),
  receivedAt: 0,
  ...over,
})
const delivery = (n: ReceivedNotification | undefined, idTokenDue = true) =>
  pushTokenDelivery.evaluate({ notification: n, token, authReqId, idTokenDue, waitedMs: 1000 })

const key = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey
const idToken = (claims: Record<string, unknown>) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'ES256' }).sign(key)
const binding = async (claims: Record<string, unknown>, refreshToken?: string) =>
  pushIdTokenBinding.evaluate({
    idToken: await idToken(claims),
    accessToken,
    authReqId,
    ...(refreshToken ? { refreshToken } : {}),
  })

test.describe('push-token-delivery', () => {
  test('POST with the bearer token and the token response passes', () => {
    expect(delivery(push()).ok).toBe(true)
    const { id_token: _i, ...noIdToken } = JSON.parse(push().body) as Record<string, unknown>
    expect(delivery(push(noIdToken), false).ok).toBe(true)
  })

  test('nothing received, no or another token, no auth_req_id or tokens fail', () => {
    expect(delivery(undefined).ok).toBe(false)
    const { authorization: _a, ...noAuth } = push()
    expect(delivery(noAuth).message).toContain('no Authorization header')
    expect(delivery(push(undefined, { authorization: 'Bearer other' })).message).toContain(
      'not the client_notification_token',
    )
    expect(
      delivery(
        push({
          auth_req_id: 'other',
          access_token: accessToken,
          token_type: 'Bearer',
          id_token: 'x',
        }),
      ).message,
    ).toContain('auth_req_id')
    expect(
      delivery(push({ auth_req_id: authReqId, token_type: 'Bearer', id_token: 'x' })).message,
    ).toContain('no access_token')
    expect(
      delivery(push({ auth_req_id: authReqId, access_token: accessToken, token_type: 'Bearer' }))
        .message,
    ).toContain('no id_token')
    expect(delivery(push({ auth_req_id: authReqId, error: 'access_denied' })).message).toContain(
      'error payload',
    )
    expect(delivery(push(undefined, { contentType: 'text/plain' })).ok).toBe(false)
  })
})

test.describe('push-id-token-binding', () => {
  test('the auth_req_id claim and the at_hash of the delivered token pass', async () => {
    expect(
      (await binding({ sub: 'u', [AUTH_REQ_ID_CLAIM]: authReqId, at_hash: half(accessToken) })).ok,
    ).toBe(true)
    expect(
      (
        await binding(
          {
            sub: 'u',
            [AUTH_REQ_ID_CLAIM]: authReqId,
            at_hash: half(accessToken),
            [RT_HASH_CLAIM]: half('rt'),
          },
          'rt',
        )
      ).ok,
    ).toBe(true)
  })

  test('a missing or other auth_req_id, a missing or wrong at_hash, a missing rt_hash fail', async () => {
    expect((await binding({ sub: 'u', at_hash: half(accessToken) })).message).toContain(
      `no ${AUTH_REQ_ID_CLAIM}`,
    )
    expect(
      (await binding({ sub: 'u', [AUTH_REQ_ID_CLAIM]: 'other', at_hash: half(accessToken) })).ok,
    ).toBe(false)
    expect((await binding({ sub: 'u', [AUTH_REQ_ID_CLAIM]: authReqId })).message).toContain(
      'no at_hash',
    )
    expect(
      (await binding({ sub: 'u', [AUTH_REQ_ID_CLAIM]: authReqId, at_hash: half('other') })).ok,
    ).toBe(false)
    expect(
      (
        await binding(
          { sub: 'u', [AUTH_REQ_ID_CLAIM]: authReqId, at_hash: half(accessToken) },
          'rt',
        )
      ).message,
    ).toContain(RT_HASH_CLAIM)
  })
})
