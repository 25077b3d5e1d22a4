import {
  answer,
  boundTokenRefusedByResource,
  defineModule,
  handshakeRefused,
  inconclusive,
  isInconclusive,
  isNotApplicable,
  jwtPayload,
  notApplicable,
  resourceAcceptsBoundToken,
  tokenBoundToCertificate,
  use,
  type CheckUse,
  type ClientIdentity,
  type Exchange,
  type Level,
  type Module,
  type ModuleContext,
  type RequirementId,
} from '../../src/index.js'
import { bindingRequirements, obtainBoundToken, profileBinding } from './common.js'

/**
 * Certificate-bound access tokens (RFC 8705 §3), as steps: `register` (a client with
 * tls_client_certificate_bound_access_tokens), `token` (the token request presenting its
 * certificate, which must succeed), then either `introspect` (the binding as the AS reports it) or
 * `resource-control` (the protected resource with the certificate the token is bound to, which must
 * serve it) and `variant` (the same request without a certificate, or with another one).
 *
 * What each module proves, in the spec's words:
 * - the resource modules, RFC 8705 §3: "The protected resource MUST obtain, from its TLS
 *   implementation layer, the client certificate used for mutual TLS and MUST verify that the
 *   certificate matches the certificate associated with the access token. If they do not match,
 *   the resource access attempt MUST be rejected with an error, per [RFC6750], using an HTTP 401
 *   status code and the "invalid_token" error code." With the profile's sender-constraining clauses
 *   where it has them (e.g. FAPI 1.0 Part 2 §5.2.2-5 "shall only issue sender-constrained access
 *   tokens"): a token served without its certificate is not sender-constrained, whichever side
 *   dropped the binding. These modules prove the binding.
 * - the cnf module, what the AS shows of the binding: §3.1 "When access tokens are represented as
 *   JSON Web Tokens (JWT) [RFC7519], the certificate hash information SHOULD be represented using
 *   the "x5t#S256" confirmation method member defined herein." (a should), and §3.2, for a token
 *   the resource introspects: "the hash of the certificate to which the token is bound is conveyed
 *   to the protected resource as metainformation in a token introspection response".
 */

const LEVEL: Record<Level, number> = { shall: 3, should: 2, may: 1 }
const strongest = (...levels: Level[]): Level =>
  levels.reduce((a, b) => (LEVEL[b] > LEVEL[a] ? b : a), 'may')

const JWT_CLAUSES: RequirementId[] = ['RFC8705-3.1']

/** GET the protected resource with the token, presenting `identity` (or no certificate). */
function getResource(
  ctx: ModuleContext,
  url: string,
  accessToken: string,
  identity: ClientIdentity | undefined,
): Promise<Exchange> {
  return ctx.sim.send(
    {
      purpose: 'resource',
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${accessToken}` },
      ...(identity ? { identity } : {}),
    },
    { allowTransportError: true },
  )
}

const served = (x: Exchange) =>
  Boolean(x.response && x.response.status >= 200 && x.response.status < 300)
const x5tOf = (claims: Record<string, unknown> | undefined): unknown =>
  claims?.cnf && typeof claims.cnf === 'object'
    ? (claims.cnf as Record<string, unknown>)['x5t#S256']
    : undefined

/** The module that reads the binding from the JWT access token (§3.1) or from introspection (§3.2). */
const cnfModule = defineModule({
  id: 'mtls-bound-token-cnf',
  title: 'An access token issued over mutual TLS is bound to the client certificate (cnf.x5t#S256)',
  surface: 'mtls',
  summary:
    'Asks for a token (client_credentials) presenting the client certificate, then reads the binding: from a JWT access token (RFC 8705 §3.1, a should: the protected resource modules prove the binding itself) and, when the JWT does not show it or the token is opaque, from introspection authenticated as the client itself (§3.2). cnf.x5t#S256 must be the SHA-256 thumbprint of that certificate. An opaque token without an introspection endpoint is not applicable here.',
  async run(ctx) {
    const { profile: p, metadata: m } = ctx
    const profile = profileBinding(p, m)
    if (isNotApplicable(profile)) return profile
    // Where the profile requires sender-constrained tokens, an introspection without the binding
    // misses its clauses; elsewhere the target only advertises support (RFC 8705 §3.3).
    const introspectionClauses: RequirementId[] = profile.length ? profile : ['RFC8705-3.3']
    const introspectionLevel: Level = profile.length ? 'shall' : 'may'
    const all = [...new Set([...JWT_CLAUSES, ...introspectionClauses])]
    const level = strongest('should', introspectionLevel)
    const b = await obtainBoundToken(
      ctx,
      'mtls-bound-token-cnf',
      all,
      level,
      'cnf.x5t#S256 of the presented certificate',
    )
    if (isNotApplicable(b) || isInconclusive(b)) return b
    const expected = `cnf.x5t#S256 = ${b.x5t_s256}`
    const variant = {
      client_auth: b.method,
      endpoint: 'token',
      grant: 'client_credentials',
      sender_constraint: 'mtls',
    }
    const claims = jwtPayload(b.accessToken)
    const uses: CheckUse<any>[] = []
    if (claims)
      uses.push(
        use(
          tokenBoundToCertificate,
          { token: b.token, expected: b.x5t_s256 },
          JWT_CLAUSES,
          'should',
          'token',
        ),
      )
    if (claims && x5tOf(claims) === b.x5t_s256) return { expected, variant, uses }
    if (typeof m.introspection_endpoint !== 'string') {
      if (uses.length) return { expected, variant, uses }
      return notApplicable(
        'the access token is opaque and the target has no introspection_endpoint (OPTIONAL, RFC 8414 §2): the binding is not observable here; the protected resource modules (mtls-bound-token-resource-*) judge it',
        all,
      )
    }
    ctx.sim.step(
      'introspect',
      'introspection of the access token, authenticated as the client: the binding as the AS reports it (RFC 8705 §3.2)',
    )
    const introspection = await ctx.sim.call(
      'introspection',
      { token: b.accessToken, token_type_hint: 'access_token' },
      b.client,
      [b.auth],
      ctx.audience,
      { allowTransportError: true },
    )
    const info =
      introspection.response?.status === 200 ? parseObject(introspection.response.body) : undefined
    ctx.sim.outcome(info ? `HTTP 200, active: ${String(info.active)}` : answer(introspection))
    // Introspection is where the binding is read, not what is judged: without an answer that
    // describes the token, a JWT judgement stands alone, and an opaque token stays undecided.
    if (!info || info.active !== true) {
      if (uses.length) return { expected, variant, uses }
      if (info) {
        // RFC 7662 §2.2: "If the introspection call is properly authorized but the token is not
        // active, does not exist on this server, or the protected resource is not allowed to
        // introspect this particular token, then the authorization server MUST return an
        // introspection response with the "active" field set to "false"."
        return notApplicable(
          'introspection answers active: false for the fresh token: the target does not let this client introspect it (RFC 7662 §2.2); the protected resource modules (mtls-bound-token-resource-*) judge the binding',
          all,
        )
      }
      return inconclusive(
        `introspection of the fresh access token did not answer (${answer(introspection)}): the binding of the opaque token cannot be read`,
        all,
        introspectionLevel,
        expected,
      )
    }
    uses.push(
      use(
        tokenBoundToCertificate,
        { token: b.token, introspection, expected: b.x5t_s256 },
        introspectionClauses,
        introspectionLevel,
        'introspect',
      ),
    )
    return { expected, variant, uses }
  },
})

function parseObject(body: string | undefined): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(body ?? '') as unknown
    return v && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

type Presented = 'own' | 'none' | 'other'

/**
 * A protected-resource module: the bound token, then `resource-control` (its own certificate,
 * judged when that is the case under test, else it must be served), then for a refusal the
 * `variant` without a certificate or with another one: 401 invalid_token, or a refused handshake
 * where the resource's TLS stack checks certificates (counted only next to that control).
 */
function resourceModule(id: string, title: string, summary: string, presented: Presented): Module {
  return defineModule({
    id,
    title,
    surface: 'mtls',
    summary,
    async run(ctx) {
      const own: RequirementId[] =
        presented === 'own' ? ['RFC8705-3'] : ['RFC8705-3', 'RFC6750-3.1']
      const reqs = bindingRequirements(ctx.profile, ctx.metadata, own)
      if (isNotApplicable(reqs)) return reqs
      const expected = presented === 'own' ? 'HTTP 2xx (shall)' : 'HTTP 401 invalid_token (shall)'
      const url = ctx.resourceUrl
      if (!url)
        return notApplicable(
          'no protected resource is known for this target: the embedded reference AS serves one at ${issuer}/resource; for another target set resource_url in the configuration',
          reqs,
        )
      const b = await obtainBoundToken(ctx, id, reqs, 'shall', expected)
      if (isNotApplicable(b) || isInconclusive(b)) return b
      const variant = {
        client_auth: b.method,
        endpoint: 'resource',
        sender_constraint: 'mtls',
        presented:
          presented === 'own'
            ? 'the bound certificate'
            : presented === 'none'
              ? 'no certificate'
              : 'another certificate',
      }
      ctx.sim.step(
        'resource-control',
        'the protected resource with the access token and the certificate it is bound to, which must serve it',
      )
      const control = await getResource(ctx, url, b.accessToken, b.certificate)
      ctx.sim.outcome(`${served(control) ? 'served' : 'not served'}: ${answer(control)}`)
      if (presented === 'own')
        return {
          expected,
          variant,
          uses: [
            use(
              resourceAcceptsBoundToken,
              { response: control },
              reqs,
              'shall',
              'resource-control',
            ),
          ],
        }
      if (!served(control))
        return inconclusive(
          `the control (the token with the certificate it is bound to) was not served: ${answer(control)}; a refusal without it proves nothing`,
          reqs,
          'shall',
          expected,
        )
      const other =
        presented === 'other'
          ? await ctx.certificates.get(`${id}:other`, {
              issuer: 'self',
              subject: 'CN=fapi-harness bound client,O=fapi-harness',
            })
          : undefined
      ctx.sim.step(
        'variant',
        other
          ? 'the same request presenting another self-signed certificate of the same subject'
          : 'the same request without a client certificate',
      )
      const x = await getResource(ctx, url, b.accessToken, other)
      ctx.sim.outcome(answer(x))
      const uses: CheckUse<any>[] = x.transport_error
        ? [use(handshakeRefused, { response: x, control }, reqs, 'shall', 'variant')]
        : [use(boundTokenRefusedByResource, { response: x }, reqs, 'shall', 'variant')]
      return { expected, variant, uses }
    },
  })
}

export const boundTokenModules: Module[] = [
  cnfModule,
  resourceModule(
    'mtls-bound-token-resource-accepts',
    'The protected resource accepts a certificate-bound token presented with its certificate',
    'Presents the certificate-bound access token to the protected resource over mutual TLS with the certificate it is bound to: it must be served.',
    'own',
  ),
  resourceModule(
    'mtls-bound-token-resource-no-certificate',
    'The protected resource refuses a certificate-bound token presented without a certificate',
    'Presents the certificate-bound access token to the protected resource over TLS without any client certificate, after the control (the same request with the certificate it is bound to) was served: 401 with error="invalid_token" is due, or a refused handshake.',
    'none',
  ),
  resourceModule(
    'mtls-bound-token-resource-other-certificate',
    'The protected resource refuses a certificate-bound token presented with another certificate',
    'Presents the certificate-bound access token to the protected resource with a different self-signed certificate of the same subject, after the control (the same request with the certificate it is bound to) was served: 401 with error="invalid_token" is due, or a refused handshake.',
    'other',
  ),
]
