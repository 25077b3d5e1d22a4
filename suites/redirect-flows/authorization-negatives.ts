import {
  authorizationRefused,
  authorize,
  authorizeVariant,
  defineModule,
  inconclusive,
  isInconclusive,
  isNotApplicable,
  notApplicable,
  authorizationRequestMethod,
  pkcePair,
  token,
  use,
  type AuthorizationRefusedInput,
  type LoginStep,
  type Module,
  type ModuleContext,
  type NotApplicable,
  type RequirementId,
  type TestClient,
} from '../../src/index.js'
import { strongest } from '../../src/spec/requirements.js'
import authorizationResponseCodeAndState from '../../src/checks/authorization/authorization-response-code-and-state.js'
import idTokenNonce from '../../src/checks/id-token/id-token-nonce.js'
import outsideParameterNotUsed from '../../src/checks/authorization/outside-parameter-not-used.js'
import { randomBytes } from 'node:crypto'
import { authorizationFailure, authorizedControl, registerCodeClient } from './code-flow.js'
import { otherRedirectUri } from './negatives.js'

/**
 * Negatives at the authorization endpoint (issue #9), each next to a control: register a client
 * for the code flow, send the unchanged authorization request through the browser (step
 * `authorize`, the control, which must come back with a code), then the same request with exactly
 * one change through a fresh end-user session (step `authorize-variant`), and judge how it ended
 * with authorization-refused: an error response at the registered redirect URI or, where the
 * clause allows it, an error page at the AS; never a code, never a redirect to a forbidden URI.
 */

interface AuthorizationNegative {
  id: string
  title: string
  summary: string
  /** The clauses the refusal proves for the profile, or why the module does not apply to it. */
  requirements(ctx: ModuleContext): RequirementId[] | NotApplicable
  /** What the variant step does, one line. */
  change: string
  /** The variant's authorization request, from the unchanged one. */
  edit(request: Record<string, string>): Record<string, string>
  /** URIs the AS must not send the browser to. */
  forbidden?(request: Record<string, string>): string[]
  /** The variant's login steps where they differ from the session's (e.g. the denial), or why none are known. */
  steps?(ctx: ModuleContext): readonly LoginStep[] | NotApplicable
  /** The refusal as the clause states it (see authorization-refused). */
  judge: Pick<AuthorizationRefusedInput, 'errors' | 'errorPage' | 'login'>
  /** The clause of the error code, where `judge.errors` names one (judged at its own level). */
  errorRequirements?: RequirementId[]
  /** Fields of the result's variant. */
  variant: Record<string, string>
  /** Where a profile's client does not send plain requests: the module that judges the same rule there, if one does. */
  judgedElsewhere?: string
}

function defineAuthorizationNegative(spec: AuthorizationNegative): Module {
  return defineModule({
    id: spec.id,
    title: spec.title,
    surface: 'redirect-flows',
    summary: spec.summary,
    async run(ctx) {
      const requirements = spec.requirements(ctx)
      if (isNotApplicable(requirements)) return requirements
      // the variant goes as plain query parameters: where the profile's client pushes or signs its
      // requests, the AS refuses a plain one for that reason alone, which proves nothing here
      const method = authorizationRequestMethod(ctx.profile)
      if (method !== 'plain')
        return notApplicable(
          `the variant is sent as plain query parameters, but ${ctx.profile.title} has the client send ${method === 'par' ? 'pushed' : 'signed'} authorization requests: a refusal would not be for the change under test (${spec.judgedElsewhere ?? `a ${method === 'par' ? 'pushed' : 'signed'} variant is not built yet`})`,
          requirements,
        )
      const level = strongest(requirements)
      const expected = `refused (${level})`
      const keep = (why: string) => inconclusive(why, requirements, level, expected)
      const steps = spec.steps?.(ctx)
      if (steps && isNotApplicable(steps)) return steps
      const controlled = await authorizedControl(
        ctx,
        requirements,
        keep,
        'the unchanged authorization request',
        'the unchanged authorization request in the browser (the control): login, consent, a code at the redirect URI',
      )
      if (isNotApplicable(controlled) || isInconclusive(controlled)) return controlled
      const v = await authorizeVariant(ctx, controlled.client, spec.edit, {
        title: spec.change,
        onLogin: 'continue',
        ...(spec.forbidden ? { forbidden: spec.forbidden } : {}),
        ...(steps ? { steps } : {}),
      })
      const { errors, ...judge } = spec.judge
      const refused: AuthorizationRefusedInput = {
        ending: v,
        ...(v.request.state !== undefined ? { state: v.request.state } : {}),
        ...judge,
      }
      const uses = [
        use(authorizationRefused, refused, requirements, undefined, 'authorize-variant'),
      ]
      // the error code at its clause's level, once the request was refused with an error response
      if (errors && spec.errorRequirements && v.kind === 'redirect' && v.params.error)
        uses.push(
          use(
            authorizationRefused,
            { ...refused, errors },
            spec.errorRequirements,
            undefined,
            'authorize-variant',
          ),
        )
      return {
        expected,
        variant: {
          grant: 'authorization_code',
          response_type: v.request.response_type ?? '',
          ...spec.variant,
        },
        uses,
      }
    },
  })
}

export const redirectUriNotRegistered = defineAuthorizationNegative({
  id: 'redirect-uri-not-registered',
  title:
    'An authorization request naming a redirect_uri that is not registered is refused without redirecting to it',
  summary:
    'After an unchanged authorization request succeeds (the control), sends one whose redirect_uri is the registered URI plus one path segment, not registered, through a fresh browser session: the AS must not send the browser there (RFC 6749 §4.1.2.1, §3.1.2.4). An error page at the AS, or an error response at the registered redirect URI, passes; a redirect to the unregistered URI fails, with or without a login in between.',
  requirements: () => ['RFC6749-4.1.2.1-1'],
  change:
    'the authorization request with a redirect_uri that is not registered (the registered one plus a path segment), in a fresh session',
  edit: (request) => ({ ...request, redirect_uri: otherRedirectUri(request.redirect_uri!) }),
  forbidden: (request) => [request.redirect_uri!],
  judge: { errorPage: 'refuses' },
  variant: { change: 'redirect_uri not registered' },
})

export const authorizationRequestWithoutRedirectUri = defineAuthorizationNegative({
  id: 'authorization-request-without-redirect-uri',
  title: 'An authorization request without redirect_uri is refused where the profile requires it',
  summary:
    'Where the profile requires redirect_uri in the authorization request (FAPI 1.0 Part 1 §5.2.2-9), sends, after the unchanged request succeeded (the control), the same request without redirect_uri through a fresh browser session. The client registered exactly one redirect URI, which RFC 6749 §3.1.2.3 would otherwise let the server use: the AS must not issue a code for the request. An error page at the AS, or an error response at the registered redirect URI, passes; a code fails. Not applicable where the profile leaves redirect_uri OPTIONAL (RFC 6749 §4.1.1).',
  requirements: (ctx) => {
    const rule = ctx.profile.redirectUriRequired
    return rule?.expect === 'refuse'
      ? [...rule.requirements]
      : notApplicable(
          `${ctx.profile.title} does not require redirect_uri: RFC 6749 §4.1.1 makes it OPTIONAL and §3.1.2.3 lets the server use the one registered URI`,
          ['RFC6749-4.1.2.1-1'],
        )
  },
  change:
    'the authorization request without redirect_uri (the client registered one), in a fresh session',
  edit: ({ redirect_uri: _, ...request }) => request,
  judge: { errorPage: 'refuses' },
  variant: { change: 'no redirect_uri' },
  judgedElsewhere:
    'request-object-without-redirect-uri and par-without-redirect-uri judge the same rule for signed and pushed requests',
})

export const pkcePlainRefused = defineAuthorizationNegative({
  id: 'pkce-plain-refused',
  title:
    'An authorization request with code_challenge_method=plain is refused where the profile requires S256',
  summary:
    'Where the profile requires PKCE with S256 (FAPI 1.0 Part 1 §5.2.2-7), sends an authorization request whose code_challenge_method is plain (the code_challenge is then the verifier itself) after the unchanged S256 request succeeded: the AS must not issue a code for it. An error response at the redirect URI or an error page passes; a code fails. Not applicable where the profile leaves plain to the server (RFC 7636 §4.2 lets a client use plain; §4.4.1 lets a server that does not support it refuse).',
  requirements: (ctx) =>
    ctx.profile.pkceRequired?.length
      ? [...ctx.profile.pkceRequired]
      : notApplicable(
          'the profile does not require S256: RFC 7636 §4.2 defines plain, and a server may support it',
          ['RFC7636-4.6'],
        ),
  change:
    'the authorization request with code_challenge_method=plain (the code_challenge a verifier), in a fresh session',
  // plain: the code_challenge is the code_verifier itself (RFC 7636 §4.2)
  edit: (request) => ({
    ...request,
    code_challenge: pkcePair().verifier,
    code_challenge_method: 'plain',
  }),
  judge: { errorPage: 'refuses' },
  variant: { pkce: 'plain', change: 'code_challenge_method=plain' },
})

export const consentDeniedAccessDenied = defineAuthorizationNegative({
  id: 'consent-denied-access-denied',
  title:
    'An end-user who denies consent sends the client an access_denied error response with the state',
  summary:
    'After an unchanged authorization request succeeds (the control), sends the same request through a fresh browser session whose end-user logs in and denies consent (config browser.deny; the embedded AS: the Cancel link of its consent page): the AS must inform the client at the redirect URI (RFC 6749 §4.1.2.1) with error access_denied and the state of the request. An error page, or a code, fails.',
  requirements: () => ['RFC6749-4.1.2.1-2', 'RFC6749-4.1.2.1-4'],
  change:
    'the unchanged authorization request in a fresh session, the end-user logs in and denies consent',
  edit: (request) => request,
  steps: (ctx) =>
    ctx.browser?.deny ??
    notApplicable(
      'browser.login is configured but browser.deny is not: the harness does not know how the end-user denies consent on the target',
      ['RFC6749-4.1.2.1-2'],
    ),
  judge: { errors: ['access_denied'], errorPage: 'fails' },
  errorRequirements: ['RFC6749-4.1.2.1-3'],
  variant: { change: 'consent denied' },
})

/** A value of `length` characters from the unreserved set (RFC 3986 §2.3), for state and nonce. */
function longValue(prefix: string, length: number): string {
  return `${prefix}${randomBytes(length).toString('base64url')}`.slice(0, length)
}

/** The length of the long state and nonce: well past the 64 characters some servers cut values at. */
export const LONG_VALUE_LENGTH = 128

/**
 * Long state and nonce: RFC 6749 §4.1.2 returns "The exact value received from the client" and
 * OIDC Core §2 the nonce "being the nonce value sent"; neither sets a length. A server that cuts or
 * refuses a long value breaks a client that carries its session in them.
 */
export const longStateAndNonce: Module = defineModule({
  id: 'long-state-and-nonce',
  title: `A ${LONG_VALUE_LENGTH}-character state and nonce come back unchanged`,
  surface: 'redirect-flows',
  summary: `After the unchanged authorization request succeeds (the control), sends one whose state and (with openid) nonce are ${LONG_VALUE_LENGTH} characters long: the authorization response must carry a code and the exact state (RFC 6749 §4.1.2), and the ID Token of the code exchange the exact nonce (OIDC Core §2).`,
  async run(ctx) {
    const requirements: RequirementId[] = ['RFC6749-4.1.2-1', 'RFC6749-4.1.2-2']
    const registered = await registerCodeClient(ctx, requirements)
    if (isNotApplicable(registered) || isInconclusive(registered)) return registered
    const client: TestClient = registered
    const expected = `a code and the ${LONG_VALUE_LENGTH}-character state and nonce unchanged`
    const keep = (why: string) => inconclusive(why, requirements, 'shall', expected)
    // the control: the same request with the usual short values, which must come back unchanged (else
    // a lost value is authorization-code-flow's or oidc-id-token's finding, not the length's)
    const c = await authorize(
      ctx,
      client,
      'authorize',
      'the unchanged authorization request in the browser (the control): login, consent, a code at the redirect URI',
    )
    if (c.kind === 'failed')
      return keep(
        `the control (the unchanged authorization request) failed: ${authorizationFailure(c)}`,
      )
    const cState = authorizationResponseCodeAndState.evaluate({
      state: c.request.state!,
      params: c.params,
      callbackUrl: c.callbackUrl,
    })
    if (!cState.ok)
      return keep(
        `the control's authorization response is not right either (${cState.message}): authorization-code-flow judges that`,
      )
    if (c.request.nonce !== undefined) {
      const ct = await token(
        ctx,
        client,
        c,
        'control',
        "the control's code exchanged, for the ID Token's nonce",
      )
      const cNonce = idTokenNonce.evaluate({ tokenResponse: ct.exchange, nonce: c.request.nonce })
      if (!cNonce.ok)
        return keep(
          `the control's ID Token does not carry its nonce either (${cNonce.message}): oidc-id-token judges that`,
        )
    }
    const a = await authorize(
      ctx,
      client,
      'authorize-variant',
      `the authorization request with a ${LONG_VALUE_LENGTH}-character state and nonce`,
      (request) => ({
        ...request,
        state: longValue('fapi-harness-state-', LONG_VALUE_LENGTH),
        ...(request.nonce !== undefined
          ? { nonce: longValue('fapi-harness-nonce-', LONG_VALUE_LENGTH) }
          : {}),
      }),
    )
    const variant = {
      grant: 'authorization_code',
      response_type: c.request.response_type ?? '',
      change: `state and nonce of ${LONG_VALUE_LENGTH} characters`,
    }
    if (a.kind === 'failed')
      return {
        expected,
        variant,
        uses: [
          use(
            authorizationResponseCodeAndState,
            { failure: authorizationFailure(a) },
            [],
            undefined,
            'authorize-variant',
          ),
        ],
      }
    const uses = [
      use(
        authorizationResponseCodeAndState,
        { state: a.request.state!, params: a.params, callbackUrl: a.callbackUrl },
        [],
        undefined,
        'authorize-variant',
      ),
    ]
    if (
      a.request.nonce !== undefined &&
      a.params.code &&
      (a.params.state === undefined || a.params.state === a.request.state)
    ) {
      const t = await token(ctx, client, a)
      uses.push(
        use(
          idTokenNonce,
          { tokenResponse: t.exchange, nonce: a.request.nonce },
          [],
          undefined,
          'token',
        ) as never,
      )
    }
    return { expected, variant, uses }
  },
})

/**
 * FAPI 1.0 Part 2 §5.2.2-10: the AS "shall only use the parameters included in the signed request
 * object passed via the request or request_uri parameter". The state is the parameter the client
 * can see come back: sent only outside the request object, it must not be in the authorization.
 */
export const requestObjectOuterStateIgnored: Module = defineModule({
  id: 'request-object-outer-state-ignored',
  title: 'A state sent only outside the signed request object is not used',
  surface: 'redirect-flows',
  summary:
    'Where the profile has the AS use only the parameters of the signed request object (FAPI 1.0 Part 2 §5.2.2-10: "shall only use the parameters included in the signed request object passed via the `request` or `request_uri` parameter"): the control is the profile\'s authorization request, its state inside the request object, which must come back with a code and that state (RFC 6749 §4.1.2); the variant is the same request with no state inside the request object and a state only as a query parameter beside `request` (or `request_uri`), through login and consent: the authorization response must not carry that state. A code without it passes; a code with it fails; an error response or no code is an error (the authorization does not show it).',
  async run(ctx) {
    const rule = ctx.profile.authorizationRequest?.requestObject
    if (!rule?.onlyItsParameters)
      return notApplicable(
        `${ctx.profile.title} does not have the AS use only the parameters of a signed request object`,
      )
    const requirements: RequirementId[] = [...rule.onlyItsParameters.requirements]
    const method = authorizationRequestMethod(ctx.profile)
    if (method === 'plain')
      return notApplicable(`${ctx.profile.title}'s client sends no request object`, requirements)
    const expected = 'a code without the state sent outside the request object'
    const keep = (why: string) => inconclusive(why, requirements, strongest(requirements), expected)
    const registered = await registerCodeClient(ctx, requirements)
    if (isNotApplicable(registered)) return registered
    if (isInconclusive(registered)) return keep(registered.inconclusive)
    const client: TestClient = registered
    const where = method === 'par' ? 'pushed request object' : 'request object'
    const c = await authorize(
      ctx,
      client,
      'authorize',
      `the profile's authorization request, its state inside the ${where} (the control): login, consent, a code and that state at the redirect URI`,
    )
    if (c.kind === 'failed')
      return keep(
        `the control (the state inside the request object) failed: ${authorizationFailure(c)}`,
      )
    const cState = authorizationResponseCodeAndState.evaluate({
      state: c.request.state!,
      params: c.params,
      callbackUrl: c.callbackUrl,
    })
    if (!cState.ok)
      return keep(
        `the control's authorization response is not right (${cState.message}): with the state inside the request object it must come back (authorization-code-flow judges that)`,
      )
    const outer = `fapi-harness-outer-${randomBytes(9).toString('base64url')}`
    const a = await authorize(
      ctx,
      client,
      'authorize-variant',
      `the same authorization request with no state in the ${where} and state=${outer} beside ${method === 'par' ? 'request_uri' : 'request'} as a query parameter: login, consent`,
      {
        edit: ({ state: _, ...request }) => request,
        outside: { state: outer },
      },
    )
    const variant = {
      grant: 'authorization_code',
      request_method: method,
      response_type: c.request.response_type ?? '',
      change: 'state only outside the request object',
    }
    const input =
      a.kind === 'failed'
        ? { name: 'state', value: outer, failure: authorizationFailure(a) }
        : { name: 'state', value: outer, params: a.params, callbackUrl: a.callbackUrl }
    return {
      expected,
      variant,
      uses: [use(outsideParameterNotUsed, input, requirements, undefined, 'authorize-variant')],
    }
  },
})

export const authorizationNegativeModules: Module[] = [
  redirectUriNotRegistered,
  authorizationRequestWithoutRedirectUri,
  pkcePlainRefused,
  consentDeniedAccessDenied,
  longStateAndNonce,
  requestObjectOuterStateIgnored,
]
