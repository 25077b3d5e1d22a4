import {
  answer,
  attemptAccepted,
  authFor,
  CIBA_GRANT,
  control,
  defineModule,
  errorCodeAsSpecified,
  inconclusive,
  isNotApplicable,
  notApplicable,
  notificationToken,
  oauthErrorResponse,
  pingNotification,
  pollAnswersError,
  pushBody,
  pushIdTokenBinding,
  pushTokenDelivery,
  register,
  requestParams,
  use,
  type CheckUse,
  type ClientSpec,
  type Exchange,
  type Inconclusive,
  type Module,
  type ModuleContext,
  type NotApplicable,
  type NotificationReceiver,
  type ReceivedNotification,
  type RequirementId,
  type TestClient,
} from '../../src/index.js'
import idTokenAud from '../../src/checks/id-token/id-token-aud.js'
import idTokenExpIat from '../../src/checks/id-token/id-token-exp-iat.js'
import idTokenIss from '../../src/checks/id-token/id-token-iss.js'
import idTokenSignature from '../../src/checks/id-token/id-token-signature.js'
import { fetchJwks } from '../redirect-flows/code-flow.js'
import { cibaClient, cibaUnavailable, errorOf, isPending, POLL_WINDOW_S } from './backchannel.js'
import { endUserDecides, loginHint } from './end-user.js'

/**
 * CIBA token delivery and the end of a request: ping mode (CIBA §10.2) and push mode (§10.3, where
 * the target offers it and the profile allows it: FAPI-CIBA forbids it), both to the harness's
 * notification receiver; and in poll mode slow_down, expired_token and access_denied (CIBA §11).
 */

type Started = { auth_req_id: string; interval?: number; expires_in?: number }

const modes = (ctx: ModuleContext): string[] => {
  const v = ctx.metadata.backchannel_token_delivery_modes_supported
  return Array.isArray(v) ? v.map(String) : []
}

/** Registers the CIBA client of the profile in `mode`, with extra metadata. */
async function registerCiba(
  ctx: ModuleContext,
  mode: 'poll' | 'ping' | 'push',
  reqs: readonly RequirementId[],
  keep: (why: string) => Inconclusive,
  extra: Record<string, unknown> = {},
): Promise<TestClient | NotApplicable | Inconclusive> {
  const base = cibaClient(ctx.profile, ctx.metadata)
  if (isNotApplicable(base)) return base
  const spec: ClientSpec = {
    ...base,
    metadata: { ...base.metadata, backchannel_token_delivery_mode: mode, ...extra },
  }
  const reg = await register(ctx, spec, 'register', `register a ${mode}-mode CIBA client`)
  if (reg.kind === 'unavailable') return notApplicable(reg.reason, reqs)
  if (reg.kind === 'refused') {
    if (reg.namesMetadata)
      return notApplicable(
        `the target refuses a compliant ${mode}-mode CIBA client at registration (${reg.answer}); this module needs one`,
        reqs,
      )
    return keep(
      `registration of the ${mode}-mode CIBA client was refused (${reg.answer}): the flow cannot start`,
    )
  }
  return reg.client
}

/** Not applicable where the profile forbids `mode` (FAPI-CIBA: push), the target offers no CIBA, or not `mode`. */
function modeUnavailable(
  ctx: ModuleContext,
  mode: 'ping' | 'push',
  reqs: readonly RequirementId[],
): NotApplicable | undefined {
  const rule = ctx.profile.cibaPush
  if (mode === 'push' && rule?.expect === 'refuse')
    return notApplicable(
      `${ctx.profile.title} forbids the push mode (${rule.requirements.join(', ')}); ciba-no-push-mode checks that the target does not offer it`,
    )
  const na = cibaUnavailable(ctx.metadata, reqs)
  if (na) return na
  if (!modes(ctx).includes(mode))
    return notApplicable(
      `the target does not offer the ${mode} mode (backchannel_token_delivery_modes_supported: ${modes(ctx).join(', ') || 'absent'})`,
      reqs,
    )
  return undefined
}

/** The run's notification receiver (started on first use), or why the module cannot go on: `needs` cannot be exercised. */
async function notificationReceiver(
  ctx: ModuleContext,
  keep: (why: string) => Inconclusive,
  needs = 'the callback modes',
): Promise<NotificationReceiver | Inconclusive> {
  if (!ctx.notifications)
    return keep(
      `no notification receiver in this run (the run plan names none): ${needs} cannot be exercised`,
    )
  try {
    return await ctx.notifications()
  } catch (e) {
    return keep(`the notification receiver did not start: ${(e as Error).message}`)
  }
}

/** Step `backchannel`: the authentication request, which must be accepted. */
async function start(
  ctx: ModuleContext,
  client: TestClient,
  keep: (why: string) => Inconclusive,
  extra: Record<string, string> = {},
  title = 'the backchannel authentication request, which must be accepted',
): Promise<Started | Inconclusive> {
  const params = { ...requestParams(ctx, 'backchannel_authentication'), ...extra }
  if (extra.login_hint) for (const k of ['login_hint_token', 'id_token_hint']) delete params[k]
  const s = await control(ctx, 'backchannel_authentication', params, client, undefined, {
    name: 'backchannel',
    title,
  })
  if (!s.ok)
    return keep(
      `the backchannel authentication request was not accepted (${answer(s.exchange)}): the flow cannot start`,
    )
  return JSON.parse(s.exchange.response!.body!) as Started
}

const isInconclusive = (x: unknown): x is Inconclusive =>
  Boolean(x && typeof x === 'object' && 'inconclusive' in x)

/**
 * The steps before a notification (CIBA §10.2 ping, §10.3 push): the run's notification receiver,
 * a `mode` client registered with it as backchannel_client_notification_endpoint, a backchannel
 * request with a fresh client_notification_token (a secret of the run), and the end-user's
 * approval. Whatever stops the flow is the module's outcome (inconclusive or not applicable).
 */
async function notifiedRequest(
  ctx: ModuleContext,
  mode: 'ping' | 'push',
  reqs: readonly RequirementId[],
  keep: (why: string) => Inconclusive,
  receiverNeeds?: string,
): Promise<
  | { receiver: NotificationReceiver; client: TestClient; token: string; started: Started }
  | Inconclusive
  | NotApplicable
> {
  const receiver = await notificationReceiver(ctx, keep, receiverNeeds)
  if (isInconclusive(receiver)) return receiver
  const client = await registerCiba(ctx, mode, reqs, keep, {
    backchannel_client_notification_endpoint: receiver.url,
  })
  if (isNotApplicable(client) || isInconclusive(client)) return client
  const token = notificationToken()
  ctx.sim.secrets.add(token)
  const started = await start(
    ctx,
    client,
    keep,
    { client_notification_token: token },
    'the backchannel authentication request with a client_notification_token, which must be accepted',
  )
  if (isInconclusive(started)) return started
  const decided = await endUserDecides(ctx, 'approve', started.auth_req_id)
  if (decided) return keep(decided)
  return { receiver, client, token, started }
}

/**
 * Step `notification`: waits, at most the request's window, for the OP's call about this request
 * (its client_notification_token as the bearer token, or its auth_req_id in the body). `detail`
 * adds to the step's outcome what the call carried.
 */
async function awaitNotification(
  ctx: ModuleContext,
  { receiver, token, started }: { receiver: NotificationReceiver; token: string; started: Started },
  what: string,
  detail: (n: ReceivedNotification) => string = () => '',
): Promise<{ n: ReceivedNotification | undefined; waitedMs: number }> {
  const windowS = windowOf(started)
  ctx.sim.step(
    'notification',
    `wait (at most ${windowS} s) for the OP's ${what} at the client notification endpoint`,
  )
  const t0 = Date.now()
  const n = await receiver.waitFor(
    (x) =>
      x.authorization === `Bearer ${token}` || pushBody(x)?.auth_req_id === started.auth_req_id,
    windowS * 1000,
  )
  const waitedMs = Date.now() - t0
  ctx.sim.outcome(
    n
      ? `received ${n.method} after ${waitedMs} ms${detail(n)}`
      : `nothing received in ${Math.round(waitedMs / 1000)} s`,
  )
  return { n, waitedMs }
}

const pollOnce = (ctx: ModuleContext, client: TestClient, authReqId: string): Promise<Exchange> =>
  ctx.sim.call(
    'token',
    { grant_type: CIBA_GRANT, auth_req_id: authReqId },
    client,
    [authFor(client.token_endpoint_auth_method)],
    ctx.audience,
  )

/** Step `name`: one token request with the auth_req_id (CIBA §10.1, §11), its answer the outcome. */
async function poll(
  ctx: ModuleContext,
  client: TestClient,
  authReqId: string,
  name: string,
  title: string,
): Promise<Exchange> {
  ctx.sim.step(name, title)
  const x = await pollOnce(ctx, client, authReqId)
  ctx.sim.outcome(answer(x))
  return x
}

/** The announced interval (CIBA §7.3: 5 s when absent). */
const intervalOf = (s: Started) =>
  typeof s.interval === 'number' && s.interval > 0 ? s.interval : 5

/** How long the module waits for the end-user: the announced expires_in, at most POLL_WINDOW_S. */
const windowOf = (s: Started) =>
  Math.min(
    POLL_WINDOW_S,
    typeof s.expires_in === 'number' && s.expires_in > 0 ? s.expires_in : POLL_WINDOW_S,
  )

/** The checks of a poll that must be refused: CIBA §11 `error` is due (`because` says why), and an error answer is in the RFC 6749 §5.2 form. */
function pollErrorUses(
  x: Exchange,
  error: string,
  because: string,
  reqs: readonly RequirementId[],
  step: string,
): CheckUse<any>[] {
  const uses: CheckUse<any>[] = [
    use(pollAnswersError, { response: x, error, because }, reqs, 'shall', step),
  ]
  if (x.response && x.response.status >= 400)
    uses.push(use(oauthErrorResponse, { response: x }, [], undefined, step))
  return uses
}

const PING_REQS: RequirementId[] = ['CIBA-10.2']
const PUSH_REQS: RequirementId[] = ['CIBA-10.3']
const PUSH_POLL_REQS: RequirementId[] = ['CIBA-11-5']
const EXPIRY_REQS: RequirementId[] = ['CIBA-11-3']
const DENIED_REQS: RequirementId[] = ['CIBA-11-4']
const SLOW_REQS: RequirementId[] = ['CIBA-11-2']

/** The requested_expiry (seconds) ciba-poll-expired-token asks for, and the longest expires_in it waits out. */
export const REQUESTED_EXPIRY_S = 2
export const MAX_EXPIRY_WAIT_S = 30

export const cibaDeliveryModules: Module[] = [
  defineModule({
    id: 'ciba-ping-flow',
    title:
      'Ping mode: the OP notifies the client with its client_notification_token, then issues the tokens',
    surface: 'ciba',
    summary: `A ping-mode client registers the harness's notification receiver (HTTPS on 127.0.0.1, or ciba.notification.public_url) as backchannel_client_notification_endpoint and sends a backchannel request with a fresh client_notification_token. After the end-user approves (the embedded AS's simulated device, or the configured ciba.approval.approve call), CIBA §10.2: the OP POSTs to that endpoint with Authorization: Bearer <client_notification_token> and a JSON body holding the auth_req_id; the client then fetches the tokens at the token endpoint (CIBA §10.1). Not applicable where the target offers no ping mode; inconclusive without an approval within ${POLL_WINDOW_S} s.`,
    async run(ctx) {
      const na = modeUnavailable(ctx, 'ping', PING_REQS)
      if (na) return na
      const expected = 'a ping with the client_notification_token, then tokens'
      const keep = (why: string) => inconclusive(why, PING_REQS, 'shall', expected)
      const flow = await notifiedRequest(ctx, 'ping', PING_REQS, keep, 'ping mode')
      if (isNotApplicable(flow) || isInconclusive(flow)) return flow
      const { client, token, started } = flow
      const { n, waitedMs } = await awaitNotification(ctx, flow, 'ping')
      const pingUse = use(
        pingNotification,
        { notification: n, token, authReqId: started.auth_req_id, waitedMs },
        PING_REQS,
        'shall',
        'notification',
      )
      if (!n) return { expected, variant: { delivery_mode: 'ping' }, uses: [pingUse] }
      const x = await poll(
        ctx,
        client,
        started.auth_req_id,
        'token',
        'after the ping, the token request with the auth_req_id, which must yield tokens (CIBA §10.1)',
      )
      const error = errorOf(x)
      if (x.response?.status !== 200 && (error === 'access_denied' || error === 'expired_token')) {
        return inconclusive(
          `the end-user's approval did not come: after the ping the token endpoint answered ${answer(x)}`,
          ['CIBA-10.2', 'CIBA-10.1'],
          'shall',
          expected,
        )
      }
      return {
        expected,
        variant: { delivery_mode: 'ping' },
        uses: [
          pingUse,
          use(attemptAccepted, { response: x, kind: 'token' }, ['CIBA-10.1'], 'shall', 'token'),
        ],
      }
    },
  }),
  defineModule({
    id: 'ciba-push-mode',
    title:
      'Push mode: the OP delivers the tokens to the client notification endpoint with its client_notification_token, the ID Token bound to them',
    surface: 'ciba',
    summary: `A push-mode client registers the harness's notification receiver (HTTPS on 127.0.0.1, or ciba.notification.public_url) as backchannel_client_notification_endpoint and sends a backchannel request with a fresh client_notification_token. After the end-user approves (the embedded AS's simulated device, or the configured ciba.approval.approve call), CIBA §10.3: the OP POSTs to that endpoint with Authorization: Bearer <client_notification_token> a JSON body with the auth_req_id and the token response (access_token, token_type, id_token); §10.3.1: the ID Token carries urn:openid:params:jwt:claim:auth_req_id (the request's) and at_hash (of the delivered access token), and is valid as OIDC Core §3.1.3.7 says (signature with a jwks_uri key, iss, aud, exp, iat). Not applicable where the profile forbids push (FAPI-CIBA: ciba-no-push-mode checks it is not offered) or the target does not offer it; inconclusive without an approval within ${POLL_WINDOW_S} s.`,
    async run(ctx) {
      const na = modeUnavailable(ctx, 'push', PUSH_REQS)
      if (na) return na
      const expected =
        'tokens pushed with the client_notification_token, the ID Token bound to them'
      const keep = (why: string) => inconclusive(why, PUSH_REQS, 'shall', expected)
      const params = requestParams(ctx, 'backchannel_authentication')
      const idTokenDue = (params.scope ?? '').split(' ').includes('openid')
      const flow = await notifiedRequest(ctx, 'push', PUSH_REQS, keep)
      if (isNotApplicable(flow) || isInconclusive(flow)) return flow
      const { client, token, started } = flow
      const { n, waitedMs } = await awaitNotification(ctx, flow, 'token delivery', (x) => {
        const members = pushBody(x)
        return members ? ` (members: ${Object.keys(members).join(', ')})` : ''
      })
      const body = pushBody(n)
      for (const k of ['access_token', 'refresh_token', 'id_token'])
        if (typeof body?.[k] === 'string') ctx.sim.secrets.add(body[k] as string)
      const variant = { delivery_mode: 'push' }
      const uses: CheckUse<any>[] = [
        use(
          pushTokenDelivery,
          { notification: n, token, authReqId: started.auth_req_id, idTokenDue, waitedMs },
          PUSH_REQS,
          'shall',
          'notification',
        ),
      ]
      if (
        body &&
        typeof body.error === 'string' &&
        ['access_denied', 'expired_token'].includes(body.error)
      ) {
        return inconclusive(
          `the end-user's approval did not come: the OP pushed the error ${body.error}`,
          PUSH_REQS,
          'shall',
          expected,
        )
      }
      const idToken = typeof body?.id_token === 'string' ? body.id_token : undefined
      if (!idToken) return { expected, variant, uses }
      const binding = {
        idToken,
        authReqId: started.auth_req_id,
        ...(typeof body?.access_token === 'string' ? { accessToken: body.access_token } : {}),
        ...(typeof body?.refresh_token === 'string' ? { refreshToken: body.refresh_token } : {}),
      }
      const jwks = await fetchJwks(ctx, 'the pushed ID Token')
      const m = ctx.metadata
      const algs = Array.isArray(m.id_token_signing_alg_values_supported)
        ? m.id_token_signing_alg_values_supported.map(String)
        : undefined
      uses.push(
        use(pushIdTokenBinding, binding, ['CIBA-10.3.1'], 'shall', 'notification'),
        use(
          idTokenSignature,
          { idToken, ...(jwks ? { jwks } : {}), ...(algs ? { algs } : {}) },
          [],
          undefined,
          'jwks',
        ),
        use(idTokenIss, { idToken, issuer: ctx.expectedIssuer }, [], undefined, 'notification'),
        use(idTokenAud, { idToken, clientId: client.client_id }, [], undefined, 'notification'),
        use(idTokenExpIat, { idToken }, [], undefined, 'notification'),
      )
      return { expected, variant, uses }
    },
  }),
  defineModule({
    id: 'ciba-push-poll-refused',
    title:
      'Push mode: a push-mode client polling the token endpoint is refused with unauthorized_client',
    surface: 'ciba',
    summary:
      'A push-mode client gets its tokens delivered (CIBA §10.3); the token endpoint is not for it. The control: a poll-mode client starts a backchannel authentication and polls at once, which the OP answers authorization_pending (or with tokens): its poll is not refused. The variant: a push-mode client (notification endpoint: the harness\'s receiver) starts one with a client_notification_token and polls the same way: CIBA §11 unauthorized_client ("The Client is not authorized as it is configured in Push Mode", HTTP 400) is due, not authorization_pending or tokens. Not applicable where the profile forbids push or the target does not offer it.',
    async run(ctx) {
      const na = modeUnavailable(ctx, 'push', PUSH_POLL_REQS)
      if (na) return na
      const expected =
        'HTTP 400 unauthorized_client for the push client; the poll client is not refused'
      const keep = (why: string) => inconclusive(why, PUSH_POLL_REQS, 'shall', expected)
      const receiver = await notificationReceiver(ctx, keep)
      if (isInconclusive(receiver)) return receiver
      const pollClient = await registerCiba(ctx, 'poll', PUSH_POLL_REQS, keep)
      if (isNotApplicable(pollClient) || isInconclusive(pollClient)) return pollClient
      const controlStart = await start(ctx, pollClient, keep)
      if (isInconclusive(controlStart)) return controlStart
      const control = await poll(
        ctx,
        pollClient,
        controlStart.auth_req_id,
        'control-poll',
        'the control: the poll-mode client polls its request at once, which must not be refused (authorization_pending or tokens, CIBA §11)',
      )
      if (!isPending(control) && control.response?.status !== 200)
        return keep(
          `the control, the poll-mode client's poll, was answered ${answer(control)}: a refusal of the push client could not be told from this one`,
        )
      const pushClient = await registerCiba(ctx, 'push', PUSH_POLL_REQS, keep, {
        backchannel_client_notification_endpoint: receiver.url,
      })
      if (isNotApplicable(pushClient) || isInconclusive(pushClient)) return pushClient
      const token = notificationToken()
      ctx.sim.secrets.add(token)
      const started = await start(
        ctx,
        pushClient,
        keep,
        { client_notification_token: token },
        "the push-mode client's backchannel authentication request with a client_notification_token, which must be accepted",
      )
      if (isInconclusive(started)) return started
      const x = await poll(
        ctx,
        pushClient,
        started.auth_req_id,
        'poll',
        "the push-mode client polls its request at once, the same token request as the control's",
      )
      return {
        expected,
        variant: { delivery_mode: 'push' },
        uses: pollErrorUses(
          x,
          'unauthorized_client',
          'the client is registered for the push mode',
          PUSH_POLL_REQS,
          'poll',
        ),
      }
    },
  }),
  defineModule({
    id: 'ciba-poll-slow-down',
    title: 'Poll mode: polling faster than the interval, where the OP says slow_down',
    surface: 'ciba',
    summary:
      'A poll-mode client starts a backchannel authentication and polls the token endpoint twice at once, faster than the announced interval. CIBA §11 lets the OP answer slow_down (the client then waits at least 5 s more); where it does, the answer is judged (400 slow_down, RFC 6749 §5.2 form). An OP that answers authorization_pending instead uses its option not to: not applicable, with that reason. The correct client (ciba-poll-flow) waits the interval between polls and adds 5 s after slow_down.',
    async run(ctx) {
      const na = cibaUnavailable(ctx.metadata, SLOW_REQS)
      if (na) return na
      const expected = 'slow_down where the OP asks for slower polling'
      const keep = (why: string) => inconclusive(why, SLOW_REQS, 'may', expected)
      const client = await registerCiba(ctx, 'poll', SLOW_REQS, keep)
      if (isNotApplicable(client) || isInconclusive(client)) return client
      const started = await start(ctx, client, keep)
      if (isInconclusive(started)) return started
      const first = await poll(
        ctx,
        client,
        started.auth_req_id,
        'poll',
        'poll the token endpoint at once',
      )
      if (!isPending(first))
        return notApplicable(
          `the first poll, sent at once, was answered ${answer(first)}: the end-user acted before the client could poll twice, so how the OP treats fast polling cannot be observed`,
          SLOW_REQS,
        )
      const second = await poll(
        ctx,
        client,
        started.auth_req_id,
        'poll-fast',
        `poll again at once, ${intervalOf(started)} s earlier than the announced interval allows`,
      )
      const error = errorOf(second)
      if (second.response?.status === 400 && error === 'authorization_pending') {
        return notApplicable(
          "the target answered a poll faster than its interval with authorization_pending: it does not ask for slower polling (slow_down is the OP's option, CIBA §11)",
          SLOW_REQS,
        )
      }
      if (second.response?.status === 200 || error === 'access_denied' || error === 'expired_token')
        return keep(
          `the second poll was answered ${answer(second)}: the request ended between the polls`,
        )
      return {
        expected,
        variant: { delivery_mode: 'poll' },
        uses: [
          use(
            errorCodeAsSpecified,
            { response: second, codes: ['slow_down'] },
            SLOW_REQS,
            'may',
            'poll-fast',
          ),
          use(oauthErrorResponse, { response: second }, [], undefined, 'poll-fast'),
        ],
      }
    },
  }),
  defineModule({
    id: 'ciba-poll-expired-token',
    title: 'Poll mode: an auth_req_id past its expires_in is answered expired_token',
    surface: 'ciba',
    summary: `A poll-mode client sends a backchannel request with requested_expiry=${REQUESTED_EXPIRY_S} (CIBA §7.1), which must be accepted; it waits out the expires_in the OP announced (at most ${MAX_EXPIRY_WAIT_S} s) plus 1.5 s and polls once: CIBA §11 expired_token is due (HTTP 400), not tokens, whether or not the end-user approved meanwhile. Not applicable where the OP announces a longer expires_in (requested_expiry is a request the OP may decline).`,
    async run(ctx) {
      const na = cibaUnavailable(ctx.metadata, EXPIRY_REQS)
      if (na) return na
      const expected = 'HTTP 400 expired_token'
      const keep = (why: string) => inconclusive(why, EXPIRY_REQS, 'shall', expected)
      const client = await registerCiba(ctx, 'poll', EXPIRY_REQS, keep)
      if (isNotApplicable(client) || isInconclusive(client)) return client
      const started = await start(
        ctx,
        client,
        keep,
        { requested_expiry: String(REQUESTED_EXPIRY_S) },
        `the backchannel authentication request with requested_expiry=${REQUESTED_EXPIRY_S}, which must be accepted`,
      )
      if (isInconclusive(started)) return started
      const expiresIn = started.expires_in
      if (typeof expiresIn !== 'number' || !(expiresIn > 0))
        return keep(
          `the backchannel response carries no positive expires_in (${String(expiresIn)}): when the auth_req_id expires is unknown`,
        )
      if (expiresIn > MAX_EXPIRY_WAIT_S)
        return notApplicable(
          `the OP announced expires_in ${expiresIn} s for requested_expiry=${REQUESTED_EXPIRY_S} (it may decline the request, CIBA §7.1); waiting that long exceeds the module's ${MAX_EXPIRY_WAIT_S} s`,
          EXPIRY_REQS,
        )
      ctx.sim.step(
        'poll-expired',
        `wait ${expiresIn} s (expires_in) + 1.5 s, then poll the expired auth_req_id`,
      )
      await ctx.sleep(expiresIn * 1000 + 1500)
      const x = await pollOnce(ctx, client, started.auth_req_id)
      ctx.sim.outcome(answer(x))
      return {
        expected,
        variant: { delivery_mode: 'poll', requested_expiry: String(REQUESTED_EXPIRY_S) },
        uses: pollErrorUses(
          x,
          'expired_token',
          `the auth_req_id expired (expires_in ${expiresIn} s)`,
          EXPIRY_REQS,
          'poll-expired',
        ),
      }
    },
  }),
  defineModule({
    id: 'ciba-poll-access-denied',
    title: 'Poll mode: a request the end-user denied is answered access_denied',
    surface: 'ciba',
    summary: `A poll-mode client sends a backchannel request naming a user who denies it (ciba.deny_login_hint; the embedded AS's simulated device denies the user \`deny\`), or the configured ciba.approval.deny call denies it; the client polls at the announced interval: CIBA §11 access_denied is due (HTTP 400), not tokens. Not applicable where the configuration names no way for the end-user to deny; inconclusive while the request stays pending for ${POLL_WINDOW_S} s.`,
    async run(ctx) {
      const na = cibaUnavailable(ctx.metadata, DENIED_REQS)
      if (na) return na
      const c = ctx.sim.params.ciba ?? {}
      if (!c.deny_login_hint && !c.approval?.deny)
        return notApplicable(
          'the configuration names no end-user who denies (ciba.deny_login_hint) and no call that denies (ciba.approval.deny): access_denied cannot be provoked',
          DENIED_REQS,
        )
      const expected = 'HTTP 400 access_denied'
      const keep = (why: string) => inconclusive(why, DENIED_REQS, 'shall', expected)
      const client = await registerCiba(ctx, 'poll', DENIED_REQS, keep)
      if (isNotApplicable(client) || isInconclusive(client)) return client
      const hint = c.deny_login_hint ?? loginHint(ctx)
      const started = await start(
        ctx,
        client,
        keep,
        { login_hint: hint },
        `the backchannel authentication request for the end-user who denies (login_hint ${hint}), which must be accepted`,
      )
      if (isInconclusive(started)) return started
      const decided = await endUserDecides(ctx, 'deny', started.auth_req_id, hint)
      if (decided) return keep(decided)
      const windowS = windowOf(started)
      let interval = intervalOf(started)
      ctx.sim.step(
        'poll',
        `poll every ${interval} s (the announced interval; +5 s after slow_down) until the OP answers otherwise than authorization_pending, for at most ${windowS} s`,
      )
      let waited = 0
      let x: Exchange | undefined
      do {
        await ctx.sleep(interval * 1000 + 100)
        waited += interval
        x = await pollOnce(ctx, client, started.auth_req_id)
        if (errorOf(x) === 'slow_down') interval += 5
      } while (isPending(x) && waited + interval <= windowS)
      ctx.sim.outcome(`${answer(x)} after ${waited} s`)
      if (isPending(x))
        return keep(
          `the request was still pending after ${waited} s (${answer(x)}): the end-user's denial did not come`,
        )
      return {
        expected,
        variant: { delivery_mode: 'poll' },
        uses: pollErrorUses(
          x,
          'access_denied',
          'the end-user denied the request',
          DENIED_REQS,
          'poll',
        ),
      }
    },
  }),
]
