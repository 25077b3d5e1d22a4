import {
  authorizationClient,
  authorize,
  baselineClient,
  inconclusive,
  isInconclusive,
  isNotApplicable,
  notApplicable,
  register,
  token,
  type Exchange,
  type Inconclusive,
  type ModuleContext,
  type NotApplicable,
  type RequirementId,
  type TestClient,
} from '../../src/index.js'

/**
 * Step `register` of every redirect-flow module, with its preconditions: not applicable without an
 * authorization endpoint, a browser or the grants; inconclusive when the compliant client (the
 * profile's baseline, registered for the authorization_code grant and `grants`) is refused.
 */
export async function registerCodeClient(ctx: ModuleContext, requirements: readonly RequirementId[], grants: string[] = [], name = 'register'): Promise<TestClient | NotApplicable | Inconclusive> {
  const { profile: p, metadata: m } = ctx
  if (typeof m.authorization_endpoint !== 'string') return notApplicable('the target advertises no authorization_endpoint', requirements)
  if (!ctx.browser) return notApplicable(`no browser for the redirect flow: ${ctx.noBrowser ?? 'none is available'}`, requirements)
  const supported = m.grant_types_supported
  for (const g of ['authorization_code', ...grants]) {
    if (Array.isArray(supported) && !supported.includes(g)) return notApplicable(`the target does not offer the ${g} grant (grant_types_supported: ${supported.join(', ')})`, requirements)
  }
  const like = authorizationClient(p)
  const spec = baselineClient(p, m, { ...like, grant_types: [...(like.grant_types ?? []), ...grants] })
  if (isNotApplicable(spec)) return spec
  const reg = await register(ctx, spec, name)
  if (reg.kind === 'unavailable') return notApplicable(reg.reason, requirements)
  if (reg.kind === 'refused') return inconclusive(`registration of the ${spec.method} client for ${spec.grant_types?.join(', ')} was refused (${reg.answer})`, requirements, 'shall')
  return reg.client
}

/** A code flow that reached the token response (steps register, authorize, token). */
export interface CompletedCodeFlow {
  client: TestClient
  /** The authorization request's parameters (client_id, scope, nonce, ...). */
  request: Record<string, string>
  tokenResponse: Exchange
  variant: Record<string, string>
}

/**
 * The authorization code flow of a correct client, as the preconditions of a module that judges
 * what comes after it (the ID Token, the refresh token): not applicable without an authorization
 * endpoint, a browser or the authorization_code grant; inconclusive when the registration, the
 * browser or the code exchange does not succeed (authorization-code-flow judges those).
 */
export async function completeCodeFlow(ctx: ModuleContext, requirements: readonly RequirementId[], grants: string[] = []): Promise<CompletedCodeFlow | NotApplicable | Inconclusive> {
  const client = await registerCodeClient(ctx, requirements, grants)
  if (isNotApplicable(client) || isInconclusive(client)) return client
  const reg = { client }
  const a = await authorize(ctx, reg.client)
  if (a.kind === 'failed') return inconclusive(`the authorization request did not complete: ${a.step}: ${a.reason}`, requirements, 'shall')
  if (!a.params.code) return inconclusive(`the authorization response carries no code (${a.params.error ?? 'no error either'})`, requirements, 'shall')
  const t = await token(ctx, reg.client, a)
  if (!t.ok) return inconclusive(`the code exchange was refused: HTTP ${t.exchange.response?.status ?? 'none'}`, requirements, 'shall')
  const variant = { grant: 'authorization_code', client_auth: reg.client.token_endpoint_auth_method, response_type: a.request.response_type!, pkce: 'S256' }
  return { client: reg.client, request: a.request, tokenResponse: t.exchange, variant }
}
