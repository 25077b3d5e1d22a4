import {
  isInconclusive,
  answer,
  authFor,
  authorize,
  codeTokenRequest,
  control,
  flowVariant,
  defineModule,
  inconclusive,
  isNotApplicable,
  judgeRefusal,
  notApplicable,
  pkcePair,
  token,
  variant,
  type Authorization,
  type ErrorCodeRule,
  type Expectation,
  type Module,
  type ModuleContext,
  type ModuleRun,
  type Inconclusive,
  type NotApplicable,
  type RequirementId,
  type TestClient,
} from '../../src/index.js'
import {
  authorizationFailure,
  completeCodeFlow,
  refreshTokenOf,
  registerCodeClient,
} from './code-flow.js'
import { strongest } from '../../src/spec/requirements.js'
import { MAX_CODE_WAIT_S } from '../../src/config/schema.js'

/**
 * Negatives of the authorization code grant at the token endpoint (issue #9), each one change to
 * a code exchange that succeeds: register a client for the grant, authorize in the browser, exchange
 * a code unchanged (the control, which must succeed), then exchange a code with exactly one thing
 * changed (the variant), judged by judgeRefusal (attempt-refused, the error form, the error code
 * where a clause names one). A code buys tokens once, so where the variant needs a fresh code the
 * control and the variant each have their own authorization; the replay module's first exchange is
 * its control.
 */

type Callback = Extract<Authorization, { kind: 'callback' }>

interface CodeNegative {
  id: string
  title: string
  summary: string
  requirements: (ctx: ModuleContext) => RequirementId[]
  errorCode?: ErrorCodeRule
  /** What the variant step does, one line. */
  change: string
  /** `fresh`: the variant exchanges a code of its own authorization; `same`: the control's code again. */
  code: 'fresh' | 'same'
  /** The variant's token request, from the unchanged one. */
  edit(params: Record<string, string>, ctx: ModuleContext): Record<string, string>
  /** Fields of the result's variant. */
  variant: Record<string, string>
  /** `other`: the variant is sent by a second client registered like the first (step `register-other`). */
  client?: 'other'
  /** Milliseconds to wait between the variant's authorization and its exchange (step `wait`), or why the module does not apply. */
  wait?(ctx: ModuleContext): number | NotApplicable
}

const INVALID_GRANT: ErrorCodeRule = {
  codes: ['invalid_grant'],
  requirements: ['RFC6749-5.2-3'],
  level: 'shall',
}

/** A redirect URI other than the one authorized: the same URI with one more path segment. */
export function otherRedirectUri(uri: string): string {
  const u = new URL(uri)
  u.pathname = `${u.pathname.replace(/\/$/, '')}/other`
  return u.href
}

function defineCodeNegative(spec: CodeNegative): Module {
  return defineModule({
    id: spec.id,
    title: spec.title,
    surface: 'redirect-flows',
    summary: spec.summary,
    async run(ctx): Promise<ModuleRun | NotApplicable | Inconclusive> {
      const requirements = spec.requirements(ctx)
      const waitMs = spec.wait?.(ctx)
      if (isNotApplicable(waitMs)) return waitMs
      const e: Expectation = {
        outcome: 'refused',
        requirements,
        level: strongest(requirements),
        ...(spec.errorCode ? { errors: spec.errorCode.codes } : {}),
      }
      const expected = `refused (${e.level})`
      const keep = (why: string) => inconclusive(why, requirements, e.level, expected)
      const registered = await registerCodeClient(ctx, requirements)
      if (isNotApplicable(registered)) return registered
      if (isInconclusive(registered)) return keep(registered.inconclusive)
      const client: TestClient = registered
      const fresh = spec.code === 'fresh'
      const first = await authorize(
        ctx,
        client,
        fresh ? 'authorize-control' : 'authorize',
        fresh
          ? "the control's authorization request in the browser: login, consent, redirect to the client"
          : undefined,
      )
      if (first.kind === 'failed')
        return keep(`the authorization request failed (${authorizationFailure(first)})`)
      if (!first.params.code)
        return keep(
          `the authorization response carried no code (${Object.keys(first.params).join(', ') || 'no parameters'})`,
        )
      const c = await token(
        ctx,
        client,
        first,
        'control',
        'the code exchanged unchanged at the token endpoint, which must succeed',
      )
      if (!c.ok)
        return keep(
          `the control (the same code exchange without the change) was refused: ${answer(c.exchange)}`,
        )
      let a: Callback = first
      if (fresh) {
        const second = await authorize(
          ctx,
          client,
          'authorize',
          "the variant's authorization request in the browser (a code is used once): login, consent, redirect to the client",
        )
        if (second.kind === 'failed')
          return keep(
            `the variant's authorization request failed (${authorizationFailure(second)})`,
          )
        if (!second.params.code)
          return keep(
            `the variant's authorization response carried no code (${Object.keys(second.params).join(', ') || 'no parameters'})`,
          )
        // a code is only the variant's own when its callback answers the variant's request
        // (a state the AS echoes must be the variant's; a missing one is authorization-code-flow's finding)
        const foreign =
          (second.params.state !== undefined && second.params.state !== second.request.state) ||
          second.params.code === first.params.code
        if (foreign)
          return keep(
            "the variant's callback does not answer its own authorization request (its state or code is the control's)",
          )
        a = second
      }
      let sender = client
      if (spec.client === 'other') {
        const other = await registerCodeClient(ctx, requirements, [], 'register-other')
        if (isNotApplicable(other) || isInconclusive(other))
          return keep(
            `the second client could not be registered: ${isNotApplicable(other) ? other.notApplicable : other.inconclusive}`,
          )
        if (other.client_id === client.client_id) {
          if (client.source === 'config')
            return notApplicable(
              'the configuration names one client for the code flow and the target offers no registration: a second client is needed',
              requirements,
            )
          return keep(`the second registration returned the same client_id (${client.client_id})`)
        }
        sender = other
      }
      if (waitMs !== undefined) {
        ctx.sim.step('wait', `${Math.round(waitMs / 1000)} s for the code to expire`)
        await ctx.sleep(waitMs)
        ctx.sim.outcome(`waited ${Math.round(waitMs / 1000)} s`)
      }
      const params = spec.edit(codeTokenRequest(ctx, a), ctx)
      if (params.code_verifier) ctx.sim.secrets.add(params.code_verifier)
      const x = await variant(
        ctx,
        'token',
        params,
        sender,
        [authFor(sender.token_endpoint_auth_method)],
        spec.change,
      )
      return {
        expected,
        variant: { ...flowVariant(ctx, client, a), ...spec.variant },
        uses: judgeRefusal({ e, spec: { errorCode: spec.errorCode }, ctx }, c.exchange, x),
      }
    },
  })
}

export const pkceWrongVerifier = defineCodeNegative({
  id: 'pkce-wrong-verifier',
  title:
    'A code exchanged with a code_verifier other than the one of its code_challenge is refused with invalid_grant',
  summary:
    'Authorizes twice in the browser with PKCE S256. The first code is exchanged with its own code_verifier (the control, which must succeed); the second with the verifier of another, unrelated PKCE pair, everything else unchanged: the AS must refuse it with invalid_grant (RFC 7636 §4.6).',
  requirements: () => ['RFC7636-4.6'],
  errorCode: { codes: ['invalid_grant'], requirements: ['RFC7636-4.6'], level: 'shall' },
  change: 'the code exchanged with the code_verifier of another PKCE pair',
  code: 'fresh',
  edit: (params) => ({ ...params, code_verifier: pkcePair().verifier }),
  variant: { change: 'wrong code_verifier' },
})

export const pkceMissingVerifier = defineCodeNegative({
  id: 'pkce-missing-verifier',
  title:
    'A code whose authorization request carried a code_challenge is not exchanged without a code_verifier',
  summary:
    'Authorizes twice in the browser with PKCE S256. The first code is exchanged with its code_verifier (the control, which must succeed); the second without any code_verifier, everything else unchanged: the AS must refuse it (RFC 9700 §2.1.1; FAPI 1.0 Baseline §5.2.2-7 requires PKCE).',
  requirements: (ctx) => ['RFC9700-2.1.1', ...(ctx.profile.pkceRequired ?? [])],
  change: 'the code exchanged without a code_verifier',
  code: 'fresh',
  edit: ({ code_verifier: _, ...params }) => params,
  variant: { change: 'no code_verifier' },
})

export const authorizationCodeReplay = defineCodeNegative({
  id: 'authorization-code-replay',
  title: 'An authorization code exchanged a second time is refused with invalid_grant',
  summary:
    'Authorizes once in the browser and exchanges the code (the control, which must succeed), then sends the identical token request again: the AS must deny it (RFC 6749 §10.5 single-use, §4.1.2 "MUST deny the request"), with invalid_grant (§5.2).',
  requirements: () => ['RFC6749-10.5-2'],
  errorCode: INVALID_GRANT,
  change: "the control's token request sent a second time, with the same code",
  code: 'same',
  edit: (params) => params,
  variant: { change: 'code replayed' },
})

export const redirectUriMismatchAtToken = defineCodeNegative({
  id: 'redirect-uri-mismatch-at-token',
  title:
    'A code exchanged with a redirect_uri other than the one authorized is refused with invalid_grant',
  summary:
    'Authorizes twice in the browser. The first code is exchanged with the redirect_uri of its authorization request (the control, which must succeed); the second with that URI plus one path segment, everything else unchanged: the AS must refuse it (RFC 6749 §4.1.3) with invalid_grant (§5.2: "does not match the redirection URI used in the authorization request").',
  requirements: () => ['RFC6749-4.1.3-5'],
  errorCode: INVALID_GRANT,
  change: 'the code exchanged with a redirect_uri other than the authorized one',
  code: 'fresh',
  edit: (params) => ({ ...params, redirect_uri: otherRedirectUri(params.redirect_uri!) }),
  variant: { change: 'redirect_uri differs' },
})

export const codeOfAnotherClient = defineCodeNegative({
  id: 'code-of-another-client',
  title:
    'An authorization code exchanged by another client than the one it was issued to is refused with invalid_grant',
  summary:
    'Authorizes twice in the browser with client A. The first code is exchanged by A (the control, which must succeed); the second by client B, registered exactly like A, with its own authentication and everything else unchanged: the AS must refuse it (RFC 6749 §4.1.3 "ensure that the authorization code was issued to the authenticated confidential client") with invalid_grant (§5.2 "was issued to another client").',
  requirements: () => ['RFC6749-4.1.3-3'],
  errorCode: INVALID_GRANT,
  change: 'the code exchanged by a second client, registered like the first',
  code: 'fresh',
  client: 'other',
  edit: (params) => params,
  variant: { change: 'code of another client' },
})

/** Seconds past the configured lifetime before an expired code is exchanged (clock skew, the AS's rounding). */
export const CODE_EXPIRY_MARGIN_S = 2

export const authorizationCodeExpired = defineCodeNegative({
  id: 'authorization-code-expired',
  title: 'An authorization code exchanged after its lifetime is refused with invalid_grant',
  summary: `Where the configuration names the target's code lifetime (authorization_code.lifetime_s, at most ${MAX_CODE_WAIT_S} s: the harness does not wait longer), authorizes twice in the browser: the first code is exchanged at once (the control, which must succeed), the second ${CODE_EXPIRY_MARGIN_S} s after its lifetime, everything else unchanged: the AS must refuse it (RFC 6749 §10.5 "short lived", §4.1.2 "MUST expire shortly after it is issued") with invalid_grant (§5.2 "expired"). Not applicable without a configured lifetime.`,
  requirements: () => ['RFC6749-10.5-2'],
  errorCode: INVALID_GRANT,
  change: 'the code exchanged after its lifetime',
  code: 'fresh',
  wait: (ctx) => {
    const lifetime = ctx.sim.params.codeLifetimeS
    if (lifetime === undefined)
      return notApplicable(
        "the target's authorization code lifetime is not configured (authorization_code.lifetime_s): waiting out an unknown lifetime is not done",
        ['RFC6749-10.5-2'],
      )
    if (lifetime > MAX_CODE_WAIT_S)
      return notApplicable(
        `the configured code lifetime (${lifetime} s) is longer than the harness waits (${MAX_CODE_WAIT_S} s)`,
        ['RFC6749-10.5-2'],
      )
    return (lifetime + CODE_EXPIRY_MARGIN_S) * 1000
  },
  edit: (params) => params,
  variant: { change: 'code expired' },
})

/**
 * RFC 6749 §4.1.2: "If an authorization code is used more than once, the authorization server MUST
 * deny the request and SHOULD revoke (when possible) all tokens previously issued based on that
 * authorization code." The token the client can test without a resource server is the refresh
 * token: it buys an access token before the replay (the control) and should not after it.
 */
export const authorizationCodeReplayRevokesTokens: Module = defineModule({
  id: 'authorization-code-replay-revokes-tokens',
  title:
    'After an authorization code is replayed, the refresh token issued for it no longer buys tokens',
  surface: 'redirect-flows',
  summary:
    'Registers a client for the authorization_code and refresh_token grants, runs the code flow, and refreshes with the refresh token it was issued (the control, which must succeed; a rotated refresh token is taken from its answer). Then the code is exchanged a second time (step `replay`; its refusal is authorization-code-replay\'s finding), and the refresh token is sent again, unchanged: the AS should refuse it (RFC 6749 §4.1.2, "SHOULD revoke (when possible) all tokens previously issued based on that authorization code"), with invalid_grant (§5.2 "revoked"). Not applicable where no refresh token is issued.',
  async run(ctx): Promise<ModuleRun | NotApplicable | Inconclusive> {
    const requirements: RequirementId[] = ['RFC6749-4.1.2-3']
    const expected = 'refused (should)'
    const keep = (why: string) => inconclusive(why, requirements, 'should', expected)
    const flow = await completeCodeFlow(ctx, requirements, ['refresh_token'])
    if (isNotApplicable(flow) || isInconclusive(flow)) return flow
    const exchanged = Date.now()
    const issued = refreshTokenOf(flow.tokenResponse)
    if (!issued)
      return notApplicable(
        `the target issued no refresh_token to a client registered for the refresh_token grant (RFC 6749 §4.1.4 makes it optional): the access token alone is not tested without a resource`,
        requirements,
      )
    const refresh = (refresh_token: string) => ({
      grant_type: 'refresh_token',
      refresh_token,
      ...ctx.sim.params.tokenParams,
    })
    const c = await control(ctx, 'token', refresh(issued), flow.client, undefined, {
      name: 'control',
      title:
        'the refresh token sent with the registered client authentication before any replay, which must succeed',
    })
    if (!c.ok)
      return keep(`the control (the refresh before the replay) was refused: ${answer(c.exchange)}`)
    const current = refreshTokenOf(c.exchange) ?? issued
    ctx.sim.secrets.add(current)
    const auths = [authFor(flow.client.token_endpoint_auth_method)]
    const replay = await variant(
      ctx,
      'token',
      codeTokenRequest(ctx, flow.authorization),
      flow.client,
      auths,
      'the code of the flow exchanged a second time',
      'replay',
    )
    // a code past its configured lifetime is refused as expired, before any replay detection
    const lifetime = ctx.sim.params.codeLifetimeS
    // (the code was issued a little before its exchange: a second of margin)
    if (lifetime !== undefined && Date.now() - exchanged + 1000 >= lifetime * 1000)
      return notApplicable(
        `the code's configured lifetime (authorization_code.lifetime_s, ${lifetime} s) had passed before the replay: its refusal cannot be told from an expired code's`,
        requirements,
      )
    if (replay.response && replay.response.status < 300)
      return keep(
        `the replayed code was accepted (${answer(replay)}): authorization-code-replay judges that`,
      )
    const x = await variant(
      ctx,
      'token',
      refresh(current),
      flow.client,
      auths,
      'the refresh token (as the control left it) sent again after the replay',
    )
    const e: Expectation = {
      outcome: 'refused',
      requirements,
      level: 'should',
      errors: ['invalid_grant'],
    }
    return {
      expected,
      variant: { ...flow.variant, grant: 'refresh_token', change: 'after the code was replayed' },
      uses: judgeRefusal({ e, spec: { errorCode: INVALID_GRANT }, ctx }, c.exchange, x),
    }
  },
})

export const codeNegativeModules: Module[] = [
  pkceWrongVerifier,
  pkceMissingVerifier,
  authorizationCodeReplay,
  authorizationCodeReplayRevokesTokens,
  redirectUriMismatchAtToken,
  codeOfAnotherClient,
  authorizationCodeExpired,
]
