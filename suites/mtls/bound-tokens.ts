import {
  attemptAccepted,
  boundTokenRefusedByResource,
  defineModule,
  handshakeRefused,
  HarnessError,
  isNotApplicable,
  notApplicable,
  resourceAcceptsBoundToken,
  tokenBoundToCertificate,
  use,
  type CheckUse,
  type ClientIdentity,
  type Exchange,
  type Module,
  type ModuleContext,
  type RequirementId,
  type NotApplicable,
} from '../../src/index.js'
import { bindingRequirements, certificates, obtainBoundToken, resourceUrl, type BoundToken } from './common.js'

/**
 * Certificate-bound access tokens (RFC 8705 §3): the token issued over mutual TLS is bound to the
 * client certificate (cnf.x5t#S256), and the protected resource serves it only to that
 * certificate: 401 invalid_token without it or with another one (RFC 6750 §3.1).
 */

function jwtHasCnf(token: string): boolean {
  const parts = token.split('.')
  if (parts.length !== 3) return false
  try {
    const payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as { cnf?: Record<string, unknown> }
    return typeof payload?.cnf?.['x5t#S256'] === 'string'
  } catch {
    return false
  }
}

/** GET the protected resource with the token, presenting `identity` (or no certificate). */
function getResource(ctx: ModuleContext, url: string, accessToken: string, identity: ClientIdentity | undefined): Promise<Exchange> {
  return ctx.sim.send(
    { purpose: 'resource', method: 'GET', url, headers: { authorization: `Bearer ${accessToken}` }, ...(identity ? { identity } : {}) },
    { allowTransportError: true },
  )
}

/** The bound token and the resource's answer to it with its own certificate, which must be a success before a refusal means anything. */
async function resourceSetUp(ctx: ModuleContext, label: string, own: RequirementId[]): Promise<{ reqs: RequirementId[]; url: string; bound: BoundToken & { accessToken: string }; accepted: Exchange } | NotApplicable> {
  const reqs = bindingRequirements(ctx.profile, ctx.metadata, own)
  if (isNotApplicable(reqs)) return reqs
  const url = resourceUrl(ctx.expectedIssuer)
  if (!url) return notApplicable('no protected resource is known for this target: the embedded reference AS serves one at ${issuer}/resource; for another target set resource_url in the configuration')
  const bound = await obtainBoundToken(ctx, label)
  if (isNotApplicable(bound)) return bound
  if (!bound.accessToken) throw new HarnessError('ERR_STEP_PRECONDITION', `the token request presenting the client certificate was refused (HTTP ${bound.token.response?.status}); there is no token to present`)
  const accepted = await getResource(ctx, url, bound.accessToken, bound.certificate)
  return { reqs, url, bound: bound as BoundToken & { accessToken: string }, accepted }
}

/** A refusal by the resource: 401 invalid_token, or a refused handshake when its TLS stack checks certificates. */
function refusalUses(refused: Exchange, accepted: Exchange, reqs: RequirementId[]) {
  if (!accepted.response || accepted.response.status < 200 || accepted.response.status >= 300) {
    throw new HarnessError('ERR_STEP_PRECONDITION', `the protected resource refused the token presented with its own certificate (${accepted.response ? `HTTP ${accepted.response.status}` : accepted.transport_error?.code}); a refusal without it proves nothing`)
  }
  return refused.transport_error ? [use(handshakeRefused, { response: refused, control: accepted }, reqs)] : [use(boundTokenRefusedByResource, { response: refused }, reqs)]
}

export const boundTokenModules: Module[] = [
  defineModule({
    id: 'mtls-bound-token-cnf',
    title: 'An access token issued over mutual TLS is bound to the client certificate (cnf.x5t#S256)',
    surface: 'mtls',
    summary: 'Asks for a token (client_credentials) presenting the client certificate, then reads the binding from the JWT access token or, for an opaque token, from introspection authenticated as the client itself: cnf.x5t#S256 must be the SHA-256 thumbprint of that certificate.',
    async run(ctx) {
      const reqs = bindingRequirements(ctx.profile, ctx.metadata, ['RFC8705-3', 'RFC8705-3.1'])
      if (isNotApplicable(reqs)) return reqs
      const bound = await obtainBoundToken(ctx, 'mtls-bound-token-cnf')
      if (isNotApplicable(bound)) return bound
      const uses: CheckUse<any>[] = [use(attemptAccepted, { response: bound.token, kind: 'token' as const }, ['RFC8705-3'])]
      let introspection: Exchange | undefined
      if (bound.accessToken && !jwtHasCnf(bound.accessToken) && typeof ctx.metadata.introspection_endpoint === 'string') {
        introspection = await ctx.sim.call('introspection', { token: bound.accessToken, token_type_hint: 'access_token' }, bound.client, [bound.auth], ctx.audience)
      }
      if (bound.accessToken) uses.push(use(tokenBoundToCertificate, { token: bound.token, ...(introspection ? { introspection } : {}), expected: bound.x5t_s256 }, reqs))
      return { expected: `cnf.x5t#S256 = ${bound.x5t_s256}`, uses }
    },
  }),
  defineModule({
    id: 'mtls-bound-token-resource-accepts',
    title: 'The protected resource accepts a certificate-bound token presented with its certificate',
    surface: 'mtls',
    summary: 'Presents the certificate-bound access token to the protected resource over mutual TLS with the certificate it is bound to: it must be served.',
    async run(ctx) {
      const s = await resourceSetUp(ctx, 'mtls-bound-token-resource-accepts', ['RFC8705-3'])
      if (isNotApplicable(s)) return s
      return { expected: 'HTTP 200', uses: [use(resourceAcceptsBoundToken, { response: s.accepted }, s.reqs)] }
    },
  }),
  defineModule({
    id: 'mtls-bound-token-resource-no-certificate',
    title: 'The protected resource refuses a certificate-bound token presented without a certificate',
    surface: 'mtls',
    summary: 'Presents the certificate-bound access token to the protected resource over TLS without any client certificate (after checking that it is served with its own): 401 with error="invalid_token" is due.',
    async run(ctx) {
      const s = await resourceSetUp(ctx, 'mtls-bound-token-resource-no-certificate', ['RFC8705-3', 'RFC6750-3.1'])
      if (isNotApplicable(s)) return s
      const refused = await getResource(ctx, s.url, s.bound.accessToken, undefined)
      return { expected: 'HTTP 401 invalid_token', uses: refusalUses(refused, s.accepted, s.reqs) }
    },
  }),
  defineModule({
    id: 'mtls-bound-token-resource-other-certificate',
    title: 'The protected resource refuses a certificate-bound token presented with another certificate',
    surface: 'mtls',
    summary: 'Presents the certificate-bound access token to the protected resource with a different self-signed certificate of the same subject (after checking that it is served with its own): 401 with error="invalid_token" is due.',
    async run(ctx) {
      const s = await resourceSetUp(ctx, 'mtls-bound-token-resource-other-certificate', ['RFC8705-3', 'RFC6750-3.1'])
      if (isNotApplicable(s)) return s
      const other = await certificates().get('mtls-bound-token-resource-other-certificate:other', { issuer: 'self', subject: 'CN=fapi-harness bound client,O=fapi-harness' })
      const refused = await getResource(ctx, s.url, s.bound.accessToken, other)
      return { expected: 'HTTP 401 invalid_token', uses: refusalUses(refused, s.accepted, s.reqs) }
    },
  }),
]
