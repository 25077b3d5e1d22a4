import type { ReceivedNotification } from '../../suite/notifications.js'
import { defineCheck, fail, pass } from '../define.js'
import { notificationEnvelope } from './notification.js'

export interface PushTokenDeliveryInput {
  /** The request the client's notification endpoint received for this auth_req_id; absent: none arrived in time. */
  notification: ReceivedNotification | undefined
  /** The client_notification_token the backchannel request carried. */
  token: string
  authReqId: string
  /** Whether the request asked for openid (an ID Token is then part of the delivery). */
  idTokenDue: boolean
  /** How long the client waited, for the message. */
  waitedMs: number
}

/** The members of a push delivery, parsed; undefined where the body is not a JSON object. */
export function pushBody(n: ReceivedNotification | undefined): Record<string, unknown> | undefined {
  if (!n) return undefined
  try {
    const v = JSON.parse(n.body) as unknown
    return v && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

/**
 * CIBA §10.3 / §10.3.1 (push callback, successful token delivery): the OP POSTs to the client
 * notification endpoint, authenticated with the client_notification_token as a bearer token, a JSON
 * body with the auth_req_id of the request and the token response: access_token, token_type and,
 * for an openid request, the id_token. An error payload after the end-user approved fails.
 */
export default defineCheck<PushTokenDeliveryInput>({
  id: 'push-token-delivery',
  title:
    'The push delivery is a POST with Authorization: Bearer <client_notification_token> and a JSON body holding the auth_req_id, access_token, token_type and id_token',
  requirements: [],
  evaluate({ notification: n, token, authReqId, idTokenDue, waitedMs }) {
    if (!n)
      return fail(
        `no token delivery reached the client notification endpoint within ${Math.round(waitedMs / 1000)} s of the end-user's approval`,
      )
    const { problems, evidence: envelope } = notificationEnvelope(n, token)
    const body = pushBody(n)
    if (!body) problems.push('the body is not a JSON object')
    else {
      if (body.auth_req_id !== authReqId)
        problems.push('the body does not carry the auth_req_id of the request')
      if (typeof body.error === 'string')
        problems.push(`the body is an error payload (${body.error}) although the end-user approved`)
      else {
        for (const member of ['access_token', 'token_type', ...(idTokenDue ? ['id_token'] : [])]) {
          if (typeof body[member] !== 'string' || !body[member]) problems.push(`no ${member}`)
        }
      }
    }
    const evidence = {
      ...envelope,
      body_members: body ? Object.keys(body) : [],
      ...(typeof body?.token_type === 'string' ? { token_type: body.token_type } : {}),
    }
    return problems.length
      ? fail(`token delivery received, but ${problems.join('; ')}`, evidence)
      : pass(
          `POST with the client_notification_token as bearer token; JSON with the auth_req_id, access_token, token_type${idTokenDue ? ' and id_token' : ''}`,
          evidence,
        )
  },
})
