import attemptAccepted from '../checks/token-endpoint/attempt-accepted.js'
import attemptRefused from '../checks/token-endpoint/attempt-refused.js'
import invalidClientBasicIs401 from '../checks/token-endpoint/invalid-client-basic-is-401.js'
import errorCodeAsSpecified from '../checks/errors/error-code-as-specified.js'
import oauthErrorResponse from '../checks/errors/oauth-error-response.js'
import registrationErrorResponse from '../checks/errors/registration-error-response.js'
import { authFor } from '../client/auth/index.js'
import type { ClientAuth } from '../client/auth/types.js'
import { ReplayAssertion } from '../client/auth/private-key-jwt.js'
import type { ClientSpec, Endpoint } from '../client/simulator.js'
import type { ServerMetadata, TestClient } from '../client/types.js'
import type { Level, RequirementId } from '../spec/requirements.js'
import { baselineClient, type Expectation } from './expect.js'
import {
  acceptedKind,
  answer,
  CIBA_GRANT,
  DEVICE_GRANT,
  control,
  register,
  requestParams,
  variant,
  type Registration,
} from './flow.js'
import {
  defineModule,
  inconclusive,
  isNotApplicable,
  notApplicable,
  use,
  type CheckUse,
  type Inconclusive,
  type Module,
  type ModuleContext,
  type ModuleRun,
  type NotApplicable,
} from './module.js'
import type { Profile, Surface } from './profile.js'
import type { Exchange } from './result.js'

/** The error code a clause prescribes for a refusal, and how strongly (e.g. RFC 7523 §3.2 invalid_client). */
export interface ErrorCodeRule {
  codes: readonly string[]
  requirements: RequirementId[]
  level: Level
}

/**
 * A declarative attempt, run as named steps: register the client; for a refusal, first the
 * control (the same client and request without the change, which must succeed), then the
 * variant with exactly one property changed; judge with the checks the spec names.
 *
 * Where the change is in the request (`auth`, `replay`), the control is the same client's
 * unchanged request. Where the client itself carries it (a forbidden method, a weak key, a public
 * client), the control is its compliant twin (`twin`, default the profile's baseline client with
 * the same grants and metadata): the twin registers and succeeds, then the client under test is
 * registered, and a refusal there counts only when it names the client metadata.
 */
export interface AttemptSpec {
  id: string
  title: string
  summary: string
  surface?: Surface
  /** What the profile expects of this attempt against this target, or why it does not apply. */
  expect(p: Profile, m: ServerMetadata): Expectation | NotApplicable
  /** The client under test; may depend on what the profile and target allow. */
  client: ClientSpec | ((p: Profile, m: ServerMetadata) => ClientSpec | NotApplicable)
  /** The compliant twin of a client that carries the property under test. */
  twin?: (p: Profile, m: ServerMetadata, client: ClientSpec) => ClientSpec | NotApplicable
  /** Where to send it: the token endpoint (client_credentials) by default. */
  endpoint?: Endpoint
  /** Request parameters; default: flow.ts `requestParams` (with the configured scope and hints). */
  params?: (ctx: ModuleContext) => Record<string, string>
  /**
   * The changed authentication (or request form, e.g. a changed request object) of the variant;
   * the control uses the registered method and the profile's request form as is.
   */
  auth?: (client: TestClient, ctx: ModuleContext) => ClientAuth[]
  /** The variant's changed request parameters (the control sends `params` unchanged). */
  variantParams?: (params: Record<string, string>, ctx: ModuleContext) => Record<string, string>
  /** The variant presents the control's client assertion a second time. */
  replay?: boolean
  /**
   * Where the property under test lives, for a refusal: `request` (the same client's control
   * succeeds, the variant changes its request), or `client` (the client's registered metadata or
   * key: a compliant twin is the control). Default: `request` when `auth`, `variantParams` or `replay` is set.
   */
  variantIn?: 'request' | 'client' | ((p: Profile, m: ServerMetadata) => 'request' | 'client')
  /** Judge the registration alone: nothing is sent once the client is registered. */
  registrationOnly?: boolean
  /** The error code a refusal must carry, where a clause names one. */
  errorCode?: ErrorCodeRule | ((p: Profile) => ErrorCodeRule | undefined)
  /**
   * For an attempt that must be accepted: a registration refused with invalid_client_metadata
   * means the target does not offer this (e.g. one SAN kind of tls_client_auth, RFC 8705 §2.1.2
   * lets a client register one): not applicable, with the reason, instead of failed.
   */
  optionalAtRegistration?: string
}

/** The grant a request to `endpoint` uses, for the target's grant_types_supported. */
function grantOf(endpoint: Endpoint, params: Record<string, string>): string | undefined {
  if (endpoint === 'backchannel_authentication') return CIBA_GRANT
  if (endpoint === 'device_authorization') return DEVICE_GRANT
  return endpoint === 'token' ? params.grant_type : undefined
}

/** Not applicable where the target says it does not offer the grant (RFC 8414 §2 grant_types_supported). */
export function grantUnsupported(
  m: ServerMetadata,
  grant: string | undefined,
): NotApplicable | undefined {
  const supported = m.grant_types_supported
  if (!grant || !Array.isArray(supported) || supported.includes(grant)) return undefined
  return notApplicable(
    `the target does not offer the ${grant} grant (grant_types_supported: ${supported.join(', ')}); these modules need it`,
  )
}

export function defineAttempt(spec: AttemptSpec): Module {
  const endpoint = spec.endpoint ?? 'token'
  return defineModule({
    id: spec.id,
    title: spec.title,
    surface: spec.surface ?? 'client-authentication',
    summary: spec.summary,
    async run(ctx) {
      const { profile: p, metadata: m } = ctx
      if (typeof m[`${endpoint}_endpoint`] !== 'string')
        return notApplicable(`the target advertises no ${endpoint}_endpoint`)
      const e = spec.expect(p, m)
      if (isNotApplicable(e)) return e
      const cs = typeof spec.client === 'function' ? spec.client(p, m) : spec.client
      if (isNotApplicable(cs)) return cs
      const params = spec.params?.(ctx) ?? requestParams(ctx, endpoint)
      // a registration-only module sends no request: the grant it registers is the client's own
      const na = spec.registrationOnly ? undefined : grantUnsupported(m, grantOf(endpoint, params))
      if (na) return na
      const client = endpoint === 'backchannel_authentication' ? cibaClient(cs) : cs
      const run: AttemptRun = {
        spec,
        ctx,
        e,
        endpoint,
        params,
        client,
        expected: `${e.outcome} (${e.level})`,
      }
      if (e.outcome === 'accepted') return accepted(run)
      const where =
        typeof spec.variantIn === 'function'
          ? spec.variantIn(p, m)
          : (spec.variantIn ??
            (spec.auth || spec.variantParams || spec.replay ? 'request' : 'client'))
      return where === 'request' ? refusedRequest(run) : refusedClient(run)
    },
  })
}

/** CIBA clients register the grant and the poll mode unless the module says otherwise. */
function cibaClient(cs: ClientSpec): ClientSpec {
  return {
    ...cs,
    grant_types: cs.grant_types ?? [CIBA_GRANT],
    metadata: { backchannel_token_delivery_mode: 'poll', ...cs.metadata },
  }
}

interface AttemptRun {
  spec: AttemptSpec
  ctx: ModuleContext
  e: Expectation
  endpoint: Endpoint
  params: Record<string, string>
  client: ClientSpec
  expected: string
}

const keep = (r: AttemptRun, why: string): Inconclusive =>
  inconclusive(why, r.e.requirements, r.e.level, r.expected)

function describeVariant(r: AttemptRun, client: TestClient | undefined): Record<string, string> {
  const grant = grantOf(r.endpoint, r.params)
  return {
    client_auth: client?.token_endpoint_auth_method ?? r.client.method,
    endpoint: r.endpoint,
    ...(grant ? { grant } : {}),
    ...(client?.identity || r.client.identity
      ? { sender_constraint: 'mtls' }
      : client?.dpop || r.client.binding === 'dpop'
        ? { sender_constraint: 'dpop' }
        : {}),
  }
}

function registrationView(reg: Registration): Pick<ModuleRun, 'registration'> {
  return reg.kind === 'registered' && reg.granted
    ? {
        registration: {
          asked: reg.granted.asked,
          granted: reg.granted.granted,
          replaced: reg.granted.replaced,
        },
      }
    : {}
}

/** A registration refused for a reason that is not the property under test. */
function unattributable(what: string, reg: Extract<Registration, { kind: 'refused' }>): string {
  const hint = reg.answer.includes('invalid_redirect_uri')
    ? ' (set registration.metadata.redirect_uris in the configuration)'
    : ''
  return `registration of ${what} was refused (${reg.answer})${hint}: the change under test cannot be isolated`
}

/** The target refuses a compliant client at registration with invalid_client_metadata: it does not offer the grant. */
function grantRefused(
  r: AttemptRun,
  reg: Extract<Registration, { kind: 'refused' }>,
): NotApplicable {
  return notApplicable(
    `the target refuses a compliant client for ${(r.client.grant_types ?? ['client_credentials']).join(', ')} at registration (${reg.answer}); these modules need that grant`,
    r.e.requirements,
  )
}

/** An attempt the profile requires the target to accept: registered, then sent, then judged. */
async function accepted(r: AttemptRun): Promise<ModuleRun | NotApplicable | Inconclusive> {
  const { ctx, endpoint, params } = r
  const reg = await register(ctx, r.client)
  if (reg.kind === 'unavailable') return notApplicable(reg.reason)
  if (reg.kind === 'refused') {
    if (!reg.namesMetadata) return keep(r, unattributable(`the ${r.client.method} client`, reg))
    if (r.spec.optionalAtRegistration)
      return notApplicable(
        `${r.spec.optionalAtRegistration} (registration: ${reg.answer})`,
        r.e.requirements,
      )
    // Is it this client, or any client for this grant? The baseline twin tells.
    const twinSpec = baselineClient(ctx.profile, ctx.metadata, r.client)
    if (isNotApplicable(twinSpec)) return twinSpec
    const twin = await register(
      ctx,
      twinSpec,
      'register-twin',
      'register the profile baseline client with the same grants: was the refusal about this client?',
    )
    if (twin.kind === 'unavailable') return notApplicable(twin.reason)
    if (twin.kind === 'refused')
      return twin.namesMetadata
        ? grantRefused(r, twin)
        : keep(r, unattributable('the baseline client', twin))
    return {
      expected: r.expected,
      variant: describeVariant(r, undefined),
      uses: [
        use(
          attemptAccepted,
          { registration: reg.exchange, kind: acceptedKind(endpoint) },
          r.e.requirements,
          r.e.level,
          'register',
        ),
      ],
    }
  }
  if (reg.granted?.replaced.includes('token_endpoint_auth_method')) {
    return keep(
      r,
      `asked for ${reg.granted.asked.token_endpoint_auth_method}, the AS granted ${reg.granted.granted.token_endpoint_auth_method} (RFC 7591 §3.2.1): the method cannot be exercised`,
    )
  }
  if (r.spec.registrationOnly) {
    return {
      expected: r.expected,
      ...registrationView(reg),
      uses: [
        use(
          attemptAccepted,
          { response: reg.exchange!, kind: 'registration' },
          r.e.requirements,
          r.e.level,
          'register',
        ),
      ],
    }
  }
  // Sent like a control: where the target refuses the aud the profile prefers (and nothing pins
  // it), the other value is tried, since only the aud modules judge the aud rules.
  const client = reg.client
  const auths = () => r.spec.auth?.(client, ctx) ?? [authFor(client.token_endpoint_auth_method)]
  const x = await control(ctx, endpoint, params, client, auths, {
    name: 'request',
    title: `the request to the ${endpoint} endpoint, which must be accepted`,
  })
  return {
    expected: r.expected,
    variant: describeVariant(r, client),
    ...registrationView(reg),
    uses: [
      use(
        attemptAccepted,
        { response: x.exchange, kind: acceptedKind(endpoint) },
        r.e.requirements,
        r.e.level,
        'request',
      ),
    ],
  }
}

/** The change is in the request: the same client's unchanged request is the control. */
async function refusedRequest(r: AttemptRun): Promise<ModuleRun | NotApplicable | Inconclusive> {
  const { ctx, endpoint, params, spec } = r
  const reg = await register(ctx, r.client)
  if (reg.kind === 'unavailable') return notApplicable(reg.reason)
  if (reg.kind === 'refused')
    return reg.namesMetadata && isBaseline(r)
      ? grantRefused(r, reg)
      : keep(r, unattributable(`the compliant ${r.client.method} client`, reg))
  if (reg.granted?.replaced.includes('token_endpoint_auth_method')) {
    return keep(
      r,
      `asked for ${reg.granted.asked.token_endpoint_auth_method}, the AS granted ${reg.granted.granted.token_endpoint_auth_method} (RFC 7591 §3.2.1): the variant cannot be built`,
    )
  }
  const client = reg.client
  const c = await control(ctx, endpoint, params, client)
  if (!c.ok)
    return keep(
      r,
      `the control (the same request without the change) was refused: ${answer(c.exchange)}`,
    )
  let auths: ClientAuth[]
  if (spec.replay) {
    const assertion = new URLSearchParams(c.exchange.request.body ?? '').get('client_assertion')
    if (!assertion) return keep(r, 'the control carried no client_assertion to replay')
    auths = [ReplayAssertion(assertion)]
  } else {
    if (!spec.auth && !spec.variantParams)
      return keep(
        r,
        `module ${spec.id} changes its request but names no variant authentication or parameters`,
      )
    auths = spec.auth?.(client, ctx) ?? [authFor(client.token_endpoint_auth_method)]
  }
  const changed = spec.variantParams?.(params, ctx)
  const title = spec.replay
    ? "the control's client assertion presented a second time"
    : changed
      ? `the request with ${Object.keys(changed)
          .filter((k) => changed[k] !== params[k])
          .join(', ')} changed`
      : `the request with ${auths.map((a) => a.label).join(' + ')}`
  const x = await variant(ctx, endpoint, changed ?? params, client, auths, title)
  return {
    expected: r.expected,
    variant: describeVariant(r, client),
    ...registrationView(reg),
    uses: judgeRefusal(r, c.exchange, x),
  }
}

/** Whether the client under test is the profile's compliant baseline (so its refusal says the grant is not offered). */
function isBaseline(r: AttemptRun): boolean {
  const b = baselineClient(r.ctx.profile, r.ctx.metadata, r.client)
  return (
    !isNotApplicable(b) &&
    b.method === r.client.method &&
    (b.key ?? 'RSA-2048') === (r.client.key ?? 'RSA-2048')
  )
}

/**
 * The client itself carries the change: the compliant twin registers and its request succeeds
 * (the control), then the client under test registers; a refusal there counts when it names the
 * client metadata, a replacement of the member counts, and a client registered as asked is tried.
 */
async function refusedClient(r: AttemptRun): Promise<ModuleRun | NotApplicable | Inconclusive> {
  const { ctx, endpoint, params, spec } = r
  const twinSpec =
    spec.twin?.(ctx.profile, ctx.metadata, r.client) ??
    baselineClient(ctx.profile, ctx.metadata, r.client)
  if (isNotApplicable(twinSpec)) return twinSpec
  const twin = await register(
    ctx,
    twinSpec,
    'register-twin',
    `register the compliant twin (${twinSpec.method}${twinSpec.key ? ` ${twinSpec.key}` : ''}): the same metadata without the property under test`,
  )
  if (twin.kind === 'unavailable') return notApplicable(twin.reason)
  if (twin.kind === 'refused')
    return twin.namesMetadata
      ? grantRefused(r, twin)
      : keep(r, unattributable('the compliant twin', twin))
  let controlX: Exchange | undefined = twin.exchange
  if (!spec.registrationOnly) {
    const c = await control(ctx, endpoint, params, twin.client, undefined, {
      title: `the twin's request to the ${endpoint} endpoint, which must succeed`,
    })
    if (!c.ok)
      return keep(
        r,
        `the control (the compliant twin's request) was refused: ${answer(c.exchange)}`,
      )
    controlX = c.exchange
  }
  if (!controlX)
    return keep(
      r,
      'the twin is a configured client and registration-only modules need dynamic registration',
    )
  const reg = await register(
    ctx,
    r.client,
    'register',
    `register the client carrying the property under test (${r.client.method}${r.client.key ? ` ${r.client.key}` : ''})`,
  )
  const base = {
    expected: r.expected,
    variant: describeVariant(r, reg.kind === 'registered' ? reg.client : undefined),
    ...registrationView(reg),
  }
  if (reg.kind === 'unavailable') return notApplicable(reg.reason)
  if (reg.kind === 'refused') {
    if (!reg.namesMetadata) return keep(r, unattributable('the client under test', reg))
    return {
      ...base,
      uses: [
        use(
          attemptRefused,
          { control: controlX, registration: reg.exchange },
          r.e.requirements,
          r.e.level,
          'register',
        ),
        use(registrationErrorResponse, { registration: reg.exchange }, [], undefined, 'register'),
      ],
    }
  }
  const replaced = replacedMember(r, reg)
  if (replaced)
    return {
      ...base,
      uses: [
        use(
          attemptRefused,
          { control: controlX, replaced },
          r.e.requirements,
          r.e.level,
          'register',
        ),
      ],
    }
  if (spec.registrationOnly)
    return {
      ...base,
      uses: [
        use(
          attemptRefused,
          { control: controlX, registration: reg.exchange! },
          r.e.requirements,
          r.e.level,
          'register',
        ),
      ],
    }
  const auths = spec.auth?.(reg.client, ctx) ?? [authFor(reg.client.token_endpoint_auth_method)]
  const x = await variant(
    ctx,
    endpoint,
    params,
    reg.client,
    auths,
    `the client under test's request to the ${endpoint} endpoint`,
  )
  return { ...base, uses: judgeRefusal(r, controlX, x) }
}

/** The member under test, when the AS registered the client but replaced it (RFC 7591 §3.2.1). */
function replacedMember(
  r: AttemptRun,
  reg: Extract<Registration, { kind: 'registered' }>,
): { member: string; asked: unknown; granted: unknown } | undefined {
  const g = reg.granted
  if (!g) return undefined
  if (
    g.replaced.includes('token_endpoint_auth_method') &&
    g.asked.token_endpoint_auth_method === r.client.method
  ) {
    return {
      member: 'token_endpoint_auth_method',
      asked: g.asked.token_endpoint_auth_method,
      granted: g.granted.token_endpoint_auth_method,
    }
  }
  // a public client whose grants were cut cannot make the request under test; other clients are tried as granted
  if (g.replaced.includes('grant_types') && r.client.method === 'none')
    return { member: 'grant_types', asked: g.asked.grant_types, granted: g.granted.grant_types }
  return undefined
}

/**
 * The checks a refusal at an endpoint is judged by: that it was refused (the clauses under test),
 * and, as separate verdicts with their own clauses, its form (RFC 6749 §5.2), the error code a
 * clause names, and 401 + WWW-Authenticate after HTTP Basic.
 */
export function judgeRefusal(
  r: { e: Expectation; spec: Pick<AttemptSpec, 'errorCode'>; ctx: ModuleContext },
  controlX: Exchange,
  x: Exchange,
): CheckUse<any>[] {
  const uses: CheckUse<any>[] = [
    use(attemptRefused, { control: controlX, response: x }, r.e.requirements, r.e.level, 'variant'),
  ]
  const status = x.response?.status
  if (status === undefined || status < 300) return uses
  uses.push(use(oauthErrorResponse, { response: x }, [], undefined, 'variant'))
  const rule =
    typeof r.spec.errorCode === 'function' ? r.spec.errorCode(r.ctx.profile) : r.spec.errorCode
  if (rule && status >= 400 && status < 500)
    uses.push(
      use(
        errorCodeAsSpecified,
        { response: x, codes: rule.codes },
        rule.requirements,
        rule.level,
        'variant',
      ),
    )
  if (x.request.headers.authorization?.startsWith('Basic ') && status < 500)
    uses.push(use(invalidClientBasicIs401, { response: x }, [], undefined, 'variant'))
  return uses
}
