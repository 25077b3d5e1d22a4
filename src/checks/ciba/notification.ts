import type { ReceivedNotification } from '../../suite/notifications.js'

/**
 * What a ping (CIBA §10.2) and a push (§10.3) callback share: a POST to the client notification
 * endpoint with the client_notification_token as a bearer token in the Authorization header, and a
 * JSON body. Not a check: the problems found in that envelope, and its evidence, for the two checks
 * that judge the body each expects.
 */
export function notificationEnvelope(
  n: ReceivedNotification,
  token: string,
): {
  problems: string[]
  evidence: { method: string; content_type: string | undefined; authorization: string }
} {
  const problems: string[] = []
  if (n.method !== 'POST') problems.push(`method ${n.method}, not POST`)
  if (n.authorization === undefined) problems.push('no Authorization header')
  else if (n.authorization !== `Bearer ${token}`)
    problems.push(
      /^bearer /i.test(n.authorization)
        ? 'the bearer token is not the client_notification_token'
        : 'the Authorization header is not a Bearer credential',
    )
  if (!/^application\/json\s*(;|$)/i.test(n.contentType ?? ''))
    problems.push(`Content-Type ${n.contentType ?? '(none)'}, not application/json`)
  const authorization =
    n.authorization === undefined
      ? 'absent'
      : n.authorization === `Bearer ${token}`
        ? 'the client_notification_token as bearer token'
        : 'other'
  return { problems, evidence: { method: n.method, content_type: n.contentType, authorization } }
}
