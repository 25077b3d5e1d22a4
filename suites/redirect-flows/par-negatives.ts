import {
  authFor,
  authorizationRefused,
  authorizationRequest,
  authorize,
  authorizeVariant,
  defineModule,
  inconclusive,
  isInconclusive,
  isNotApplicable,
  notApplicable,
  answer,
  use,
  type Authorization,
  type Exchange,
  type Module,
  type ModuleContext,
  type NotApplicable,
  type RequirementId,
  type TestClient,
} from '../../src/index.js'
import { strongest } from '../../src/spec/requirements.js'
import { jsonBody } from '../../src/http/client.js'
import { authorizationFailure, registerCodeClient } from './code-flow.js'

/**
 * Pushed authorization requests (RFC 9126) at the authorization endpoint (issue #9), each next to
 * a control: register a client for the code flow, push its authorization request and send the
 * browser to the authorization endpoint with client_id and the request_uri (step `authorize`, the
 * control, which must come back with a code), then one change to that: the same request_uri a
 * second time, a fresh request_uri under another client's client_id, or (where PAR is required) the
 * request not pushed at all, through a fresh end-user session (step `authorize-variant`), judged by
 * authorization-refused: an error response at the redirect URI or an error page at the AS, never a
 * code.
 */

type Callback = Extract<Authorization, { kind: 'callback' }>

/** The request_uri of a pushed authorization request's answer (RFC 9126 §2.2), if it has one. */
function requestUriOf(par: Exchange | undefined): string | undefined {
  const body = par ? jsonBody(par) : undefined
  const uri = body?.ok && body.value && typeof body.value === 'object' ? (body.value as Record<string, unknown>).request_uri : undefined
  return typeof uri === 'string' ? uri : undefined
}

interface PushedNegative {
  id: string
  title: string
  summary: string
  /** The clauses the refusal proves for the profile, or why the module does not apply to it. */
  requirements(ctx: ModuleContext): RequirementId[] | NotApplicable
  /** What the variant step does, one line. */
  change: string
  /**
   * The variant: the client whose browser session sends it, and its authorization request (query
   * parameters), from the control; or why it could not be prepared.
   */
  prepare(ctx: ModuleContext, client: TestClient, control: Callback, requirements: RequirementId[]): Promise<{ client: TestClient; edit: (request: Record<string, string>) => Record<string, string> } | string>
  /** Fields of the result's variant. */
  variant: Record<string, string>
}

/** Where the target offers PAR: the profile's client pushes where PAR is required, any client can where it is offered. */
function parOffered(ctx: ModuleContext, requirements: RequirementId[]): NotApplicable | undefined {
  if (typeof ctx.metadata.pushed_authorization_request_endpoint !== 'string') return notApplicable('the target advertises no pushed_authorization_request_endpoint (RFC 9126 §5)', requirements)
  return undefined
}

function definePushedNegative(spec: PushedNegative): Module {
  return defineModule({
    id: spec.id,
    title: spec.title,
    surface: 'redirect-flows',
    summary: spec.summary,
    async run(ctx) {
      const requirements = spec.requirements(ctx)
      if (isNotApplicable(requirements)) return requirements
      const offered = parOffered(ctx, requirements)
      if (offered) return offered
      const level = strongest(requirements)
      const expected = `refused (${level})`
      const keep = (why: string) => inconclusive(why, requirements, level, expected)
      const registered = await registerCodeClient(ctx, requirements)
      if (isNotApplicable(registered)) return registered
      if (isInconclusive(registered)) return keep(registered.inconclusive)
      const client: TestClient = registered
      const c = await authorize(ctx, client, 'authorize', 'the authorization request pushed, then the browser at the authorization endpoint with client_id and request_uri (the control): login, consent, a code at the redirect URI', { method: 'par' })
      if (c.kind === 'failed') return keep(`the control (the pushed authorization request) failed: ${authorizationFailure(c)}`)
      if (!c.params.code) return keep(`the control (the pushed authorization request) was not answered with a code (${c.params.error ?? (Object.keys(c.params).join(', ') || 'no parameters')})`)
      const prepared = await spec.prepare(ctx, client, c, requirements)
      if (typeof prepared === 'string') return keep(prepared)
      const v = await authorizeVariant(ctx, prepared.client, prepared.edit, { title: spec.change, onLogin: 'continue' })
      const uses = [use(authorizationRefused, { ending: v, ...(v.request.state !== undefined ? { state: v.request.state } : {}), errorPage: 'refuses' }, requirements, level, 'authorize-variant')]
      return { expected, variant: { grant: 'authorization_code', request_method: 'par', response_type: c.request.response_type ?? '', ...spec.variant }, uses }
    },
  })
}

/** Step `push` (or another name): a fresh authorization request of the client pushed (RFC 9126 §2); its request_uri, or why there is none. */
async function push(ctx: ModuleContext, client: TestClient, name: string, title: string): Promise<string | { failed: string }> {
  ctx.sim.step(name, title)
  const { client_id: _, ...pushed } = { ...authorizationRequest(ctx), client_id: client.client_id }
  const par = await ctx.sim.call('pushed_authorization_request', pushed, client, [authFor(client.token_endpoint_auth_method)], ctx.audience)
  const uri = requestUriOf(par)
  ctx.sim.outcome(uri ? `succeeded: ${answer(par)}` : `refused: ${answer(par)}`)
  return uri ?? { failed: `the pushed authorization request was not accepted (${answer(par)})` }
}

/** Only client_id and request_uri at the authorization endpoint (RFC 9126 §4). */
const byReference = (clientId: string, requestUri: string) => () => ({ client_id: clientId, request_uri: requestUri })

export const parRequestUriReused = definePushedNegative({
  id: 'par-request-uri-reused',
  title: 'A request_uri already used for an authorization is refused the second time',
  summary:
    'After a pushed authorization request was answered with a code through its request_uri (the control), sends the browser of a fresh session to the authorization endpoint with the same client_id and request_uri: the AS should refuse it (RFC 9126 §7.3: "the authorization server SHOULD make the request URIs one-time use"). An error response or an error page passes; a second code is a warning.',
  requirements: () => ['RFC9126-7.3'],
  change: 'the control\'s client_id and request_uri again, in a fresh session',
  async prepare(_ctx, client, control) {
    const uri = requestUriOf(control.par)
    if (!uri) return 'the control\'s pushed authorization request has no request_uri to use again'
    return { client, edit: byReference(client.client_id, uri) }
  },
  variant: { change: 'request_uri used a second time' },
})

export const parRequestUriOtherClient = definePushedNegative({
  id: 'par-request-uri-other-client',
  title: 'A request_uri pushed by one client is refused under another client\'s client_id',
  summary:
    'After a pushed authorization request was answered with a code (the control), the same client pushes a fresh request, and the browser of a fresh session goes to the authorization endpoint with that request_uri and the client_id of a second client registered like the first: the AS must refuse it (RFC 9126 §2.2: "The request_uri value MUST be bound to the client that posted the authorization request"). An error response or an error page passes; a code fails.',
  requirements: () => ['RFC9126-2.2-1'],
  change: 'a fresh request_uri of the first client under the second client\'s client_id, in a fresh session',
  async prepare(ctx, client, _control, requirements) {
    const other = await registerCodeClient(ctx, requirements, [], 'register-other')
    if (isNotApplicable(other)) return `a second client could not be registered: ${other.notApplicable}`
    if (isInconclusive(other)) return `a second client could not be registered: ${other.inconclusive}`
    const uri = await push(ctx, client, 'push', 'a fresh authorization request of the first client pushed (RFC 9126 §2), for its request_uri')
    if (typeof uri !== 'string') return uri.failed
    return { client: other, edit: byReference(other.client_id, uri) }
  },
  variant: { change: 'request_uri of another client' },
})

export const parRequired = definePushedNegative({
  id: 'par-required',
  title: 'An authorization request that was not pushed is refused where the profile requires PAR',
  summary:
    'Where the profile requires pushed authorization requests (FAPI 2.0 §5.3.2.2-3: "shall reject authorization requests sent without [RFC9126]"), sends the authorization request that was pushed in the control as plain query parameters to the authorization endpoint, through a fresh session: the AS must refuse it. An error response or an error page passes; a code fails.',
  requirements: (ctx) => {
    const par = ctx.profile.authorizationRequest?.par
    return par?.use === 'required' ? [...par.requirements] : notApplicable(`${ctx.profile.title} does not require pushed authorization requests (RFC 9126 §4 leaves that to the server's policy)`)
  },
  change: 'the same authorization request as plain query parameters, not pushed, in a fresh session',
  async prepare(_ctx, client) {
    return { client, edit: (request) => request }
  },
  variant: { change: 'not pushed' },
})

export const parNegativeModules: Module[] = [parRequestUriReused, parRequestUriOtherClient, parRequired]
