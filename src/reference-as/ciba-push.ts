/**
 * CIBA push mode (CIBA Core §10.3) for the reference AS: node oidc-provider implements the poll and
 * ping modes only (its configuration refuses `push`), so the reference AS adds it, for the `ciba`
 * profile only (FAPI-CIBA §5.2.2 item 3: "shall not support CIBA push mode").
 *
 * - `enablePushMode`: after the Provider is built, `push` joins the delivery modes the library
 *   checks registrations against and advertises (backchannel_token_delivery_modes_supported), and
 *   the CIBA grant refuses a push client with unauthorized_client (CIBA §11: "The Client is not
 *   authorized as it is configured in Push Mode"). oidc-provider already requires a
 *   client_notification_token and a backchannel_client_notification_endpoint of every client that
 *   is not in poll mode.
 * - `deliverPushTokens`: when the end-user approved, the tokens oidc-provider would issue at the
 *   token endpoint are minted here and POSTed to the client notification endpoint with the
 *   client_notification_token as bearer token (CIBA §10.3.1): auth_req_id, access_token,
 *   token_type, expires_in and the ID Token, which binds them with at_hash and
 *   `urn:openid:params:jwt:claim:auth_req_id`. The request is consumed: it yields nothing more.
 * - `deliverPushError`: a denial is POSTed as an error payload (auth_req_id, error,
 *   error_description) instead of tokens (not judged by the harness).
 */

export const CIBA_GRANT = 'urn:openid:params:grant-type:ciba'
/** The ID Token claim that binds a pushed ID Token to its authentication request (CIBA §10.3.1). */
export const AUTH_REQ_ID_CLAIM = 'urn:openid:params:jwt:claim:auth_req_id'

type Fetch = (url: string, options: Record<string, unknown>) => Promise<unknown>

/** The error_description of the token endpoint's refusal of a push client. */
export const PUSH_CLIENT_POLLS =
  'the client is registered for the push token delivery mode: its tokens are delivered to its client notification endpoint (CIBA 10.3), not fetched at the token endpoint'

/** Adds `push` to `provider`'s CIBA delivery modes and refuses push clients at the token endpoint. */
export async function enablePushMode(
  provider: any,
  errors: Record<string, new (...args: any[]) => Error>,
): Promise<void> {
  const { default: instance } = (await import('oidc-provider/lib/helpers/weak_cache.js')) as {
    default: (p: unknown) => any
  }
  const internals = instance(provider)
  const modes: Set<string> | undefined = internals?.configuration?.features?.ciba?.deliveryModes
  const handlers: Map<string, (ctx: any) => Promise<void>> | undefined =
    internals?.grantTypeHandlers
  const ciba = handlers?.get(CIBA_GRANT)
  if (!(modes instanceof Set) || !handlers || !ciba)
    throw new Error(
      'reference-as: oidc-provider internals changed (features.ciba.deliveryModes, grantTypeHandlers): CIBA push mode cannot be added',
    )
  modes.add('push')
  handlers.set(CIBA_GRANT, async (ctx: any) => {
    if (ctx.oidc?.client?.backchannelTokenDeliveryMode === 'push')
      throw new errors.UnauthorizedClient!(PUSH_CLIENT_POLLS)
    return ciba(ctx)
  })
}

async function post(
  fetch: Fetch,
  client: any,
  request: any,
  body: Record<string, unknown>,
): Promise<void> {
  const res = (await fetch(new URL(client.backchannelClientNotificationEndpoint).href, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      authorization: `Bearer ${request.params.client_notification_token}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  })) as { status: number }
  if (res.status !== 200 && res.status !== 204)
    throw new Error(
      `expected 204 No Content from ${client.backchannelClientNotificationEndpoint}, got ${res.status}`,
    )
}

/**
 * The push of an approved request (after `provider.backchannelResult(request, grant)` recorded the
 * approval): tokens minted as the CIBA grant would, POSTed to the client notification endpoint.
 */
export async function deliverPushTokens(
  provider: any,
  fetch: Fetch,
  request: any,
  client: any,
  grant: any,
): Promise<void> {
  const scopes = new Set<string>(
    String(request.scope ?? '')
      .split(' ')
      .filter(Boolean),
  )
  const at = new provider.AccessToken({
    accountId: request.accountId,
    client,
    grantId: grant.jti,
    gty: 'ciba',
    sessionUid: request.sessionUid,
    sid: request.sid,
  })
  at.claims = request.claims
  at.scope = grant.getOIDCScopeFiltered(scopes)
  const accessToken: string = await at.save()
  const body: Record<string, unknown> = {
    auth_req_id: request.jti,
    access_token: accessToken,
    token_type: at.tokenType,
    expires_in: at.expiration,
  }
  if (scopes.has('openid')) {
    const idToken = new provider.IdToken(
      { sub: request.accountId, acr: request.acr, amr: request.amr, auth_time: request.authTime },
      { client },
    )
    idToken.scope = 'openid'
    // CIBA §10.3.1: "the OP MUST include the hash value of the Access Token and the auth_req_id
    // within the ID Token using the at_hash and urn:openid:params:jwt:claim:auth_req_id claims"
    idToken.set('at_hash', accessToken)
    idToken.set(AUTH_REQ_ID_CLAIM, request.jti)
    body.id_token = await idToken.issue({ use: 'idtoken' })
  }
  if (at.scope) body.scope = at.scope
  await request.consume()
  await post(fetch, client, request, body)
}

/** The push error payload of a denied request: auth_req_id, error, error_description. */
export async function deliverPushError(
  fetch: Fetch,
  request: any,
  client: any,
  error: { error?: string; error_description?: string },
): Promise<void> {
  await request.consume()
  await post(fetch, client, request, {
    auth_req_id: request.jti,
    error: error.error ?? 'access_denied',
    ...(error.error_description ? { error_description: error.error_description } : {}),
  })
}
