import type { ReceivedNotification } from '../../suite/notifications.js'
import { defineCheck, fail, pass } from '../define.js'
import { notificationEnvelope } from './notification.js'

export interface PingNotificationInput {
  /** The notification the client's endpoint received for this auth_req_id; absent: none arrived in time. */
  notification: ReceivedNotification | undefined
  /** The client_notification_token the backchannel request carried. */
  token: string
  authReqId: string
  /** How long the client waited, for the message. */
  waitedMs: number
}

/**
 * CIBA §10.2 (ping callback): the OP POSTs to the client notification endpoint with the
 * client_notification_token as a bearer token in the Authorization header, and a JSON body
 * holding the auth_req_id.
 */
export default defineCheck<PingNotificationInput>({
  id: 'ping-notification',
  title:
    'The ping notification is a POST with Authorization: Bearer <client_notification_token> and a JSON body holding the auth_req_id',
  requirements: [],
  evaluate({ notification: n, token, authReqId, waitedMs }) {
    if (!n)
      return fail(
        `no notification reached the client notification endpoint within ${Math.round(waitedMs / 1000)} s of the backchannel request`,
      )
    const { problems, evidence: envelope } = notificationEnvelope(n, token)
    let body: unknown
    try {
      body = JSON.parse(n.body)
    } catch {
      problems.push('the body is not JSON')
    }
    if (
      body !== undefined &&
      (typeof body !== 'object' ||
        body === null ||
        (body as { auth_req_id?: unknown }).auth_req_id !== authReqId)
    )
      problems.push('the body does not carry the auth_req_id of the request')
    const evidence = {
      ...envelope,
      body_members: body && typeof body === 'object' ? Object.keys(body) : [],
    }
    return problems.length
      ? fail(`notification received, but ${problems.join('; ')}`, evidence)
      : pass(
          'POST with the client_notification_token as bearer token and a JSON body holding the auth_req_id',
          evidence,
        )
  },
})
