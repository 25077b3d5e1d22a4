import {
  authFor,
  authorizationRefused,
  authorizationRequest,
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
import { MAX_REQUEST_URI_WAIT_S } from '../../src/config/schema.js'
import { authorizedControl, registerCodeClient } from './code-flow.js'
import { CODE_EXPIRY_MARGIN_S } from './negatives.js'

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

/** A member of a pushed authorization request's JSON answer (RFC 9126 §2.2), if it has one. */
function parMember(par: Exchange | undefined, name: string): unknown {
  const body = par ? jsonBody(par) : undefined
  return body?.ok && body.value && typeof body.value === 'object'
    ? (body.value as Record<string, unknown>)[name]
    : undefined
}

/** The request_uri of a pushed authorization request's answer (RFC 9126 §2.2), if it has one. */
function requestUriOf(par: Exchange | undefined): string | undefined {
  const uri = parMember(par, 'request_uri')
  return typeof uri === 'string' ? uri : undefined
}

/** The expires_in of a pushed authorization request's answer: "the lifetime of the request URI in seconds as a positive integer" (RFC 9126 §2.2), if it is one. */
function expiresInOf(par: Exchange | undefined): number | undefined {
  const s = parMember(par, 'expires_in')
  return typeof s === 'number' && Number.isInteger(s) && s > 0 ? s : undefined
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
   * parameters), from the control; or why it could not be prepared (a string), or why the module
   * does not apply after all (what the target said in the control decides it).
   */
  prepare(
    ctx: ModuleContext,
    client: TestClient,
    control: Callback,
    requirements: RequirementId[],
  ): Promise<
    | { client: TestClient; edit: (request: Record<string, string>) => Record<string, string> }
    | string
    | NotApplicable
  >
  /** Fields of the result's variant. */
  variant: Record<string, string>
}

/** Where the target offers PAR: the profile's client pushes where PAR is required, any client can where it is offered. */
function parOffered(ctx: ModuleContext, requirements: RequirementId[]): NotApplicable | undefined {
  if (typeof ctx.metadata.pushed_authorization_request_endpoint !== 'string')
    return notApplicable(
      'the target advertises no pushed_authorization_request_endpoint (RFC 9126 §5)',
      requirements,
    )
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
      const controlled = await authorizedControl(
        ctx,
        requirements,
        keep,
        'the pushed authorization request',
        'the authorization request pushed, then the browser at the authorization endpoint with client_id and request_uri (the control): login, consent, a code at the redirect URI',
        { method: 'par' },
      )
      if (isNotApplicable(controlled) || isInconclusive(controlled)) return controlled
      const { client, control: c } = controlled
      const prepared = await spec.prepare(ctx, client, c, requirements)
      if (typeof prepared === 'string') return keep(prepared)
      if (isNotApplicable(prepared)) return prepared
      const v = await authorizeVariant(ctx, prepared.client, prepared.edit, {
        title: spec.change,
        onLogin: 'continue',
      })
      const uses = [
        use(
          authorizationRefused,
          {
            ending: v,
            ...(v.request.state !== undefined ? { state: v.request.state } : {}),
            errorPage: 'refuses',
          },
          requirements,
          level,
          'authorize-variant',
        ),
      ]
      return {
        expected,
        variant: {
          grant: 'authorization_code',
          request_method: 'par',
          response_type: c.request.response_type ?? '',
          ...spec.variant,
        },
        uses,
      }
    },
  })
}

/** Step `push` (or another name): a fresh authorization request of the client pushed (RFC 9126 §2); its request_uri and expires_in, or why there is none. */
async function push(
  ctx: ModuleContext,
  client: TestClient,
  name: string,
  title: string,
): Promise<{ uri: string; expiresIn?: number } | { failed: string }> {
  ctx.sim.step(name, title)
  const { client_id: _, ...pushed } = { ...authorizationRequest(ctx), client_id: client.client_id }
  const par = await ctx.sim.call(
    'pushed_authorization_request',
    pushed,
    client,
    [authFor(client.token_endpoint_auth_method)],
    ctx.audience,
  )
  const uri = requestUriOf(par)
  ctx.sim.outcome(uri ? `succeeded: ${answer(par)}` : `refused: ${answer(par)}`)
  if (!uri) return { failed: `the pushed authorization request was not accepted (${answer(par)})` }
  const expiresIn = expiresInOf(par)
  return { uri, ...(expiresIn !== undefined ? { expiresIn } : {}) }
}

/** Only client_id and request_uri at the authorization endpoint (RFC 9126 §4). */
const byReference = (clientId: string, requestUri: string) => () => ({
  client_id: clientId,
  request_uri: requestUri,
})

export const parRequestUriReused = definePushedNegative({
  id: 'par-request-uri-reused',
  title: 'A request_uri already used for an authorization is refused the second time',
  summary:
    'After a pushed authorization request was answered with a code through its request_uri (the control), sends the browser of a fresh session to the authorization endpoint with the same client_id and request_uri: the AS should refuse it (RFC 9126 §7.3: "the authorization server SHOULD make the request URIs one-time use"). An error response or an error page passes; a second code is a warning.',
  requirements: () => ['RFC9126-7.3'],
  change: "the control's client_id and request_uri again, in a fresh session",
  async prepare(_ctx, client, control) {
    const uri = requestUriOf(control.par)
    if (!uri) return "the control's pushed authorization request has no request_uri to use again"
    return { client, edit: byReference(client.client_id, uri) }
  },
  variant: { change: 'request_uri used a second time' },
})

export const parRequestUriOtherClient = definePushedNegative({
  id: 'par-request-uri-other-client',
  title: "A request_uri pushed by one client is refused under another client's client_id",
  summary:
    'After a pushed authorization request was answered with a code (the control), the same client pushes a fresh request, and the browser of a fresh session goes to the authorization endpoint with that request_uri and the client_id of a second client registered like the first: the AS must refuse it (RFC 9126 §2.2: "The request_uri value MUST be bound to the client that posted the authorization request"). An error response or an error page passes; a code fails.',
  requirements: () => ['RFC9126-2.2-1'],
  change:
    "a fresh request_uri of the first client under the second client's client_id, in a fresh session",
  async prepare(ctx, client, _control, requirements) {
    const other = await registerCodeClient(ctx, requirements, [], 'register-other')
    if (isNotApplicable(other))
      return `a second client could not be registered: ${other.notApplicable}`
    if (isInconclusive(other))
      return `a second client could not be registered: ${other.inconclusive}`
    const pushed = await push(
      ctx,
      client,
      'push',
      'a fresh authorization request of the first client pushed (RFC 9126 §2), for its request_uri',
    )
    if ('failed' in pushed) return pushed.failed
    return { client: other, edit: byReference(other.client_id, pushed.uri) }
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
    return par?.use === 'required'
      ? [...par.requirements]
      : notApplicable(
          `${ctx.profile.title} does not require pushed authorization requests (RFC 9126 §4 leaves that to the server's policy)`,
        )
  },
  change:
    'the same authorization request as plain query parameters, not pushed, in a fresh session',
  async prepare(_ctx, client) {
    return { client, edit: (request) => request }
  },
  variant: { change: 'not pushed' },
})

/** Seconds past a request_uri's lifetime before it is used (clock skew, the AS's rounding), as for codes. */
export const REQUEST_URI_EXPIRY_MARGIN_S = CODE_EXPIRY_MARGIN_S

export const parRequestUriExpired = definePushedNegative({
  id: 'par-request-uri-expired',
  title: 'A request_uri used after its lifetime is refused',
  summary: `After a pushed authorization request was answered with a code through its request_uri at once (the control), the same client pushes a fresh request and the browser of a fresh session goes to the authorization endpoint with its client_id and request_uri ${REQUEST_URI_EXPIRY_MARGIN_S} s after the request URI's lifetime: the AS must refuse it (RFC 9126 §4: "An expired request_uri MUST be rejected as invalid."). The lifetime is the PAR response's expires_in (§2.2: "the lifetime of the request URI in seconds") or the configured par.request_uri_lifetime_s, the longer; where it is unknown or longer than the harness waits (${MAX_REQUEST_URI_WAIT_S} s) the module is not applicable. An error response or an error page passes; a code fails.`,
  requirements: () => ['RFC9126-4-3'],
  change: `a fresh request_uri of the client, used ${REQUEST_URI_EXPIRY_MARGIN_S} s after its lifetime, in a fresh session`,
  async prepare(ctx, client, _control, requirements) {
    const configured = ctx.sim.params.requestUriLifetimeS
    if (configured !== undefined && configured > MAX_REQUEST_URI_WAIT_S)
      return notApplicable(
        `the configured request_uri lifetime (par.request_uri_lifetime_s: ${configured} s) is longer than the harness waits (${MAX_REQUEST_URI_WAIT_S} s)`,
        requirements,
      )
    const pushed = await push(
      ctx,
      client,
      'push',
      'a fresh authorization request of the client pushed (RFC 9126 §2), for its request_uri and expires_in',
    )
    if ('failed' in pushed) return pushed.failed
    const lifetime = Math.max(pushed.expiresIn ?? 0, configured ?? 0)
    if (!lifetime)
      return notApplicable(
        'the PAR response carries no expires_in (a positive integer, RFC 9126 §2.2) and par.request_uri_lifetime_s is not configured: waiting out an unknown lifetime is not done',
        requirements,
      )
    const source =
      pushed.expiresIn !== undefined && pushed.expiresIn >= (configured ?? 0)
        ? `expires_in ${pushed.expiresIn}`
        : `par.request_uri_lifetime_s ${configured}`
    if (lifetime > MAX_REQUEST_URI_WAIT_S)
      return notApplicable(
        `the request_uri lives ${lifetime} s (${source}), longer than the harness waits (${MAX_REQUEST_URI_WAIT_S} s): configure a shorter lifetime on the target to have it judged`,
        requirements,
      )
    const waitS = lifetime + REQUEST_URI_EXPIRY_MARGIN_S
    ctx.sim.step(
      'wait',
      `${waitS} s for the request_uri to expire (${source}, plus ${REQUEST_URI_EXPIRY_MARGIN_S} s)`,
    )
    await ctx.sleep(waitS * 1000)
    ctx.sim.outcome(`waited ${waitS} s`)
    return { client, edit: byReference(client.client_id, pushed.uri) }
  },
  variant: { change: 'request_uri expired' },
})

export const parNegativeModules: Module[] = [
  parRequestUriReused,
  parRequestUriOtherClient,
  parRequestUriExpired,
  parRequired,
]
