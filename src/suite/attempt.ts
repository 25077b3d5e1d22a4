import attemptAccepted from '../checks/token-endpoint/attempt-accepted.js'
import attemptRefused from '../checks/token-endpoint/attempt-refused.js'
import invalidClientBasicIs401 from '../checks/token-endpoint/invalid-client-basic-is-401.js'
import tokenResponseNotCacheable from '../checks/token-endpoint/token-response-not-cacheable.js'
import { authFor } from '../client/auth/index.js'
import type { ClientAuth } from '../client/auth/types.js'
import { ReplayAssertion } from '../client/auth/private-key-jwt.js'
import type { ClientSpec, Endpoint } from '../client/simulator.js'
import type { ServerMetadata, TestClient } from '../client/types.js'
import { HarnessError } from '../errors.js'
import type { Expectation } from './expect.js'
import { defineModule, isNotApplicable, notApplicable, use, type CheckUse, type Module, type ModuleContext, type NotApplicable } from './module.js'
import type { Profile, Surface } from './profile.js'
import type { Exchange } from './result.js'

/**
 * A declarative attempt: register (or pick) a client, send one request authenticated in a given
 * way, and judge whether the server accepted or refused it as the profile requires. Most client
 * authentication modules are one of these and differ only in data.
 */
export interface AttemptSpec {
  id: string
  title: string
  summary: string
  surface?: Surface
  /** What the profile expects of this attempt against this target, or why it does not apply. */
  expect(p: Profile, m: ServerMetadata): Expectation | NotApplicable
  /** The client to register or pick; may depend on what the profile and target allow. */
  client: ClientSpec | ((p: Profile, m: ServerMetadata) => ClientSpec | NotApplicable)
  /** Where to send it: the token endpoint (client_credentials) by default. */
  endpoint?: Endpoint
  /** Request parameters; default `grant_type=client_credentials` (token) or a CIBA request. */
  params?: (ctx: ModuleContext) => Record<string, string>
  /** How to authenticate; default the registered method's plain strategy. */
  auth?: (client: TestClient, ctx: ModuleContext) => ClientAuth[]
  /** Send a correct request first and judge the second one that reuses its client assertion. */
  replay?: boolean
  /** Judge the registration alone: nothing is sent once the client is registered. */
  registrationOnly?: boolean
}

/** The CIBA grant type (CIBA Core §10.1). */
export const CIBA_GRANT = 'urn:openid:params:grant-type:ciba'

export function defaultParams(endpoint: Endpoint): Record<string, string> {
  return endpoint === 'backchannel_authentication' ? { scope: 'openid', login_hint: 'fapi-harness-user' } : { grant_type: 'client_credentials' }
}

export function defineAttempt(spec: AttemptSpec): Module {
  const endpoint = spec.endpoint ?? 'token'
  return defineModule({
    id: spec.id,
    title: spec.title,
    surface: spec.surface ?? 'client-authentication',
    summary: spec.summary,
    async run(ctx) {
      const { profile: p, metadata: m, sim } = ctx
      if (typeof m[`${endpoint}_endpoint`] !== 'string') return notApplicable(`the target advertises no ${endpoint}_endpoint`)
      const e = spec.expect(p, m)
      if (isNotApplicable(e)) return e
      const cs = typeof spec.client === 'function' ? spec.client(p, m) : spec.client
      if (isNotApplicable(cs)) return cs
      const clientSpec: ClientSpec =
        endpoint === 'backchannel_authentication'
          ? { ...cs, grant_types: cs.grant_types ?? [CIBA_GRANT], metadata: { backchannel_token_delivery_mode: 'poll', ...cs.metadata } }
          : cs
      const obtained = await sim.obtainClient(clientSpec)
      if (obtained.unavailable) return notApplicable(obtained.unavailable)
      const expected = `${e.outcome} (${e.level})`
      const params = spec.params?.(ctx) ?? defaultParams(endpoint)
      let response: Exchange | undefined
      if (obtained.client && !spec.registrationOnly) {
        const auths = spec.auth?.(obtained.client, ctx) ?? [authFor(obtained.client.token_endpoint_auth_method)]
        if (spec.replay) {
          const first = await sim.call(endpoint, params, obtained.client, auths, ctx.audience)
          const status = first.response?.status
          if (status !== 200) {
            throw new HarnessError('ERR_STEP_PRECONDITION', `the first, correct use of the client assertion was refused (HTTP ${status ?? first.transport_error?.code}); the replay cannot be judged`)
          }
          const assertion = new URLSearchParams(first.request.body ?? '').get('client_assertion')
          if (!assertion) throw new HarnessError('ERR_STEP_PRECONDITION', 'the first request carried no client_assertion to replay')
          response = await sim.call(endpoint, params, obtained.client, [ReplayAssertion(assertion)], ctx.audience)
        } else {
          response = await sim.call(endpoint, params, obtained.client, auths, ctx.audience)
        }
      }
      return { expected, uses: judge(e, obtained.registration, response, endpoint, spec.registrationOnly) }
    },
  })
}

/** The checks an attempt is judged by, with the expectation's clauses at the call site. */
export function judge(e: Expectation, registration: Exchange | undefined, response: Exchange | undefined, endpoint: Endpoint, registrationOnly = false): CheckUse<any>[] {
  const kind = endpoint === 'backchannel_authentication' ? 'backchannel_authentication' : 'token'
  const registrationRefused = registration && !response ? registration : undefined
  if (registrationOnly) {
    if (!registration) throw new HarnessError('ERR_STEP_PRECONDITION', 'a registration-only module needs a registration endpoint')
    return [use(attemptRefused, { registration, allowedErrors: [] }, [...e.requirements, 'RFC7591-3.2.2'], e.level)]
  }
  if (e.outcome === 'accepted') {
    const uses: CheckUse<any>[] = [use(attemptAccepted, { ...(registrationRefused ? { registration: registrationRefused } : {}), ...(response ? { response } : {}), kind }, e.requirements, e.level)]
    if (response?.response?.status === 200 && kind === 'token') uses.push(use(tokenResponseNotCacheable, { response }))
    return uses
  }
  const uses: CheckUse<any>[] = [use(attemptRefused, { ...(registrationRefused ? { registration: registrationRefused } : {}), ...(response ? { response } : {}), allowedErrors: e.errors ?? ['invalid_client', 'invalid_request'] }, [...e.requirements, 'RFC6749-5.2'], e.level)]
  if (response?.request.headers.authorization?.startsWith('Basic ') && response.response && response.response.status < 500) uses.push(use(invalidClientBasicIs401, { response }))
  return uses
}
