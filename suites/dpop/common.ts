import {
  accessTokenOf,
  answer,
  baselineClient,
  control,
  dpopProof,
  grantUnsupported,
  inconclusive,
  isInconclusive,
  isNotApplicable,
  notApplicable,
  register,
  requestParams,
  type ClientSpec,
  type DpopKey,
  type DpopVariation,
  type Exchange,
  type Inconclusive,
  type Level,
  type ModuleContext,
  type NotApplicable,
  type Profile,
  type RequirementId,
  type ServerMetadata,
  type TestClient,
} from '../../src/index.js'

/** Whether the target offers DPoP: it lists dpop_signing_alg_values_supported (RFC 9449 §5.1). */
export function dpopAdvertised(m: ServerMetadata): boolean {
  return (
    Array.isArray(m.dpop_signing_alg_values_supported) &&
    m.dpop_signing_alg_values_supported.length > 0
  )
}

/** The DPoP modules apply where the target advertises DPoP (RFC 9449 §5.1). */
export function dpopApplies(m: ServerMetadata): NotApplicable | undefined {
  return dpopAdvertised(m)
    ? undefined
    : notApplicable(
        'the target does not advertise dpop_signing_alg_values_supported (RFC 9449 §5.1): it does not offer DPoP',
      )
}

/** The client whose tokens are DPoP-bound: the profile's baseline client, registered with dpop_bound_access_tokens. */
export function dpopClient(p: Profile, m: ServerMetadata): ClientSpec | NotApplicable {
  const base = baselineClient(p, m)
  return isNotApplicable(base) ? base : { ...base, binding: 'dpop' }
}

/** A client with a DPoP-bound access token, for the §6/§7 modules. */
export interface DpopToken {
  client: TestClient
  key: DpopKey
  token: Exchange
  accessToken: string
}

/** A client registered with dpop_bound_access_tokens, its DPoP key, and the profile's token request parameters. */
export interface DpopRegistration {
  client: TestClient
  key: DpopKey
  params: Record<string, string>
}

/**
 * Step `register`: where the target offers DPoP and the profile's token grant, a client registered
 * with dpop_bound_access_tokens. It is not the property under test: a refusal leaves the module
 * inconclusive (`keep`), `without` saying what the module cannot do then.
 */
export async function registerDpopClient(
  ctx: ModuleContext,
  reqs: readonly RequirementId[],
  keep: (why: string) => Inconclusive,
  without: string,
): Promise<DpopRegistration | NotApplicable | Inconclusive> {
  const { profile: p, metadata: m } = ctx
  const na = dpopApplies(m)
  if (na) return na
  const spec = dpopClient(p, m)
  if (isNotApplicable(spec)) return spec
  const params = requestParams(ctx, 'token')
  const grant = grantUnsupported(m, params.grant_type)
  if (grant) return grant
  const reg = await register(
    ctx,
    spec,
    'register',
    `register a ${spec.method} client with dpop_bound_access_tokens`,
  )
  if (reg.kind === 'unavailable') return notApplicable(reg.reason)
  if (reg.kind === 'refused')
    return keep(
      `registration of the ${spec.method} client with dpop_bound_access_tokens was refused (${reg.answer}): ${without}`,
    )
  const client = reg.client
  if (!client.dpop)
    return notApplicable(
      'a configured client (no dynamic registration) has no DPoP key here: the DPoP modules need dynamic registration',
      reqs,
    )
  return { client, key: client.dpop, params }
}

/**
 * Steps `register` and `token`: a client registered with dpop_bound_access_tokens asks for a token
 * (client_credentials) with a DPoP proof. Neither is the property under test: a refusal leaves the
 * module inconclusive with its clauses.
 */
export async function obtainDpopToken(
  ctx: ModuleContext,
  reqs: readonly RequirementId[],
  level: Level,
  expected: string,
): Promise<DpopToken | NotApplicable | Inconclusive> {
  const keep = (why: string) => inconclusive(why, reqs, level, expected)
  const registered = await registerDpopClient(
    ctx,
    reqs,
    keep,
    'there is no client to obtain a DPoP-bound token with',
  )
  if (isNotApplicable(registered) || isInconclusive(registered)) return registered
  const { client, key, params } = registered
  const c = await control(ctx, 'token', params, client, undefined, {
    name: 'token',
    title: 'the token request with a DPoP proof, which must succeed',
  })
  const accessToken = c.ok ? accessTokenOf(c.exchange) : undefined
  if (!accessToken)
    return keep(
      `the token request with a DPoP proof was refused (${answer(c.exchange)}): there is no token to judge`,
    )
  return { client, key, token: c.exchange, accessToken }
}

/** The resource's nonce challenge (RFC 9449 §9): 401, WWW-Authenticate DPoP error="use_dpop_nonce", a DPoP-Nonce header. */
function resourceNonce(x: Exchange): string | undefined {
  const r = x.response
  if (r?.status !== 401 || !/use_dpop_nonce/.test(r.headers['www-authenticate'] ?? ''))
    return undefined
  return r.headers['dpop-nonce']
}

/**
 * GET the protected resource with a DPoP-bound token: `Authorization: DPoP <token>` and a proof of
 * `key` with ath (RFC 9449 §7.1), the variation applied. A resource nonce challenge (§9) is
 * answered once. `proof` sends that exact proof (a replay); `scheme` Bearer sends no proof.
 */
export async function getWithDpop(
  ctx: ModuleContext,
  url: string,
  t: DpopToken,
  variation: Omit<DpopVariation, 'label'> = {},
  opts: { proof?: string; scheme?: 'DPoP' | 'Bearer' } = {},
): Promise<{ exchange: Exchange; proof?: string }> {
  const scheme = opts.scheme ?? 'DPoP'
  const send = async (nonce: string | undefined) => {
    const proof =
      opts.proof ??
      (scheme === 'DPoP' && !variation.omit
        ? (
            await dpopProof(
              t.key,
              { htm: 'GET', url, accessToken: t.accessToken, ...(nonce ? { nonce } : {}) },
              variation,
            )
          ).proof
        : undefined)
    const exchange = await ctx.sim.send(
      {
        purpose: 'resource',
        method: 'GET',
        url,
        headers: { authorization: `${scheme} ${t.accessToken}`, ...(proof ? { dpop: proof } : {}) },
      },
      { allowTransportError: true },
    )
    return { exchange, ...(proof ? { proof } : {}) }
  }
  const first = await send(undefined)
  const nonce =
    opts.proof || scheme !== 'DPoP' || variation.omit || variation.noNonceRetry
      ? undefined
      : resourceNonce(first.exchange)
  return nonce ? send(nonce) : first
}

export const served = (x: Exchange) =>
  Boolean(x.response && x.response.status >= 200 && x.response.status < 300)
