import { jsonBody } from '../../http/client.js'
import type { Exchange } from '../../suite/result.js'

/** The OAuth error fields of a response (RFC 6749 §5.2), for evidence and judgement. */
export interface OAuthErrorView {
  status: number
  error?: string
  error_description?: string
  www_authenticate?: string
  json: boolean
  reason?: string
}

export function oauthError(x: Exchange): OAuthErrorView | undefined {
  if (!x.response) return undefined
  const body = jsonBody(x)
  const obj =
    body.ok && body.value && typeof body.value === 'object'
      ? (body.value as Record<string, unknown>)
      : {}
  return {
    status: x.response.status,
    ...(typeof obj.error === 'string' ? { error: obj.error } : {}),
    ...(typeof obj.error_description === 'string'
      ? { error_description: obj.error_description }
      : {}),
    ...(x.response.headers['www-authenticate']
      ? { www_authenticate: x.response.headers['www-authenticate'] }
      : {}),
    json: body.ok,
    ...(body.ok ? {} : { reason: body.reason }),
  }
}
