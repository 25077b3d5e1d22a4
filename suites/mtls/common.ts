import {
  assertionBaseline,
  authFor,
  ClientCertificates,
  CLIENT_AUTH_ERRORS,
  defineModule,
  handshakeRefused,
  HarnessError,
  isNotApplicable,
  judgeRefusal,
  attemptAccepted,
  answer,
  grantUnsupported,
  inconclusive,
  register,
  requestParams,
  succeeded,
  loadPlan,
  methodExpectation,
  notApplicable,
  PresentCertificate,
  refusal,
  subjectDn,
  thumbprintS256,
  use,
  type CertificateRequest,
  type ClientAuth,
  type ClientIdentity,
  type ClientSpec,
  type Expectation,
  type Exchange,
  type Module,
  type ModuleContext,
  type NotApplicable,
  type Profile,
  type RequirementId,
  type ServerMetadata,
  type TestClient,
} from '../../src/index.js'

export type MtlsMethod = 'tls_client_auth' | 'self_signed_tls_client_auth'

let certs: ClientCertificates | undefined
/** Per worker: client certificates, issued by the CA the run plan says the target trusts. */
export function certificates(): ClientCertificates {
  certs ??= new ClientCertificates(loadPlan().clientCa)
  return certs
}

/**
 * The protected resource that serves certificate-bound tokens. The embedded reference AS has one at
 * `${issuer}/resource`. For an external target the configuration's `resource_url` names it
 * (`FAPI_HARNESS_RESOURCE_URL` overrides it); `{issuer}` is replaced by the profile's issuer.
 */
export const RESOURCE_URL_ENV = 'FAPI_HARNESS_RESOURCE_URL'

export function resourceUrl(issuer: string): string | undefined {
  const template = process.env[RESOURCE_URL_ENV] ?? loadPlan().resourceUrl
  if (template) return template.replaceAll('{issuer}', issuer.replace(/\/+$/, ''))
  return loadPlan().target.embedded ? `${issuer.replace(/\/+$/, '')}/resource` : undefined
}

const slug = (method: string) => method.replaceAll('_', '-')

/**
 * What the profile expects of a mutual-TLS authentication attempt: the method must be allowed by
 * the profile and advertised by the target (else not applicable, with the reason), then the case
 * is accepted or refused as its own clauses say.
 */
export function mtlsExpectation(p: Profile, m: ServerMetadata, method: MtlsMethod, outcome: Expectation['outcome'], requirements: readonly RequirementId[]): Expectation | NotApplicable {
  const base = methodExpectation(p, m, method)
  if (isNotApplicable(base)) return base
  if (base.outcome === 'refused') return notApplicable(`${p.title} forbids ${method}; auth-method-${slug(method)} checks that it is refused`)
  if (outcome === 'accepted') return { outcome, requirements: [...new Set([...requirements, ...base.requirements])], level: 'shall' }
  return refusal([...requirements], CLIENT_AUTH_ERRORS)
}

/** The client's certificate as a ClientCertificate-like view (subject and thumbprint). */
export function certificateView(identity: ClientIdentity): { subject_dn: string; x5t_s256: string } {
  return { subject_dn: subjectDn(identity.certPem), x5t_s256: thumbprintS256(identity.certPem) }
}

export interface MtlsAttemptSpec {
  id: string
  title: string
  summary: string
  method: MtlsMethod
  outcome: Expectation['outcome']
  /** The clauses of this case; for an accepted attempt the method's own are added. */
  requirements: RequirementId[] | ((p: Profile) => RequirementId[] | NotApplicable)
  /** The certificate registered for the client (and presented, unless `presented` says otherwise). */
  registered: CertificateRequest
  /** Registration metadata naming what to match (`tls_client_auth_san_*`): needs dynamic registration. */
  metadata?: Record<string, unknown>
  /**
   * What is presented instead of the registered certificate: `none`, or a certificate made from
   * the registered certificate's subject (for a client from the configuration, its certificate).
   */
  presented?: 'none' | ((registered: { subject_dn: string }) => CertificateRequest)
}

/**
 * One mutual-TLS client authentication at the token endpoint (client_credentials), as steps: the
 * client registers with a certificate; for a refusal, the control presents the registered
 * certificate (it must succeed, over the same handshake), then the variant presents another one or
 * none. A refusal may be an OAuth error or, where the target's TLS stack verifies client
 * certificates, a refused handshake (handshake-refused, judged against that control).
 */
export function defineMtlsAttempt(spec: MtlsAttemptSpec): Module {
  return defineModule({
    id: spec.id,
    title: spec.title,
    surface: 'mtls',
    summary: spec.summary,
    async run(ctx) {
      const { profile: p, metadata: m } = ctx
      const reqs = typeof spec.requirements === 'function' ? spec.requirements(p) : spec.requirements
      if (isNotApplicable(reqs)) return reqs
      const e = mtlsExpectation(p, m, spec.method, spec.outcome, reqs)
      if (isNotApplicable(e)) return e
      const needsTrusted = [spec.registered.issuer, spec.presented && spec.presented !== 'none' ? spec.presented({ subject_dn: spec.registered.subject }).issuer : undefined].includes('trusted')
      if (needsTrusted && !certificates().canIssueTrusted && m.registration_endpoint) {
        return notApplicable('no CA trusted by the target is configured to issue tls_client_auth certificates (tls.client_ca with cert and key)')
      }
      if (spec.metadata && !m.registration_endpoint) {
        return notApplicable(`registering ${Object.keys(spec.metadata).join(', ')} needs dynamic client registration and the target has no registration_endpoint`)
      }
      const params = requestParams(ctx, 'token')
      const na = grantUnsupported(m, params.grant_type)
      if (na) return na
      const expected = `${e.outcome} (${e.level})`
      const keep = (why: string) => inconclusive(why, e.requirements, e.level, expected)
      const registered = m.registration_endpoint ? await certificates().get(`${spec.id}:registered`, spec.registered) : undefined
      const clientSpec: ClientSpec = { method: spec.method, ...(registered ? { identity: registered } : {}), ...(spec.metadata ? { metadata: spec.metadata } : {}) }
      const reg = await register(ctx, clientSpec, 'register', `register a ${spec.method} client with its certificate`)
      if (reg.kind === 'unavailable') return notApplicable(reg.reason)
      if (reg.kind === 'refused') {
        if (!reg.namesMetadata) return keep(`registration of the ${spec.method} client was refused (${reg.answer}): the certificate case cannot be tried`)
        // RFC 8705 §2.1.2: a client registers one subject value; a server may support only some kinds.
        if (spec.metadata && e.outcome === 'accepted') return notApplicable(`the target does not register ${Object.keys(spec.metadata).join(', ')} (${reg.answer}); RFC 8705 §2.1.2 lets an AS support some subject kinds only`, e.requirements)
        if (e.outcome === 'accepted') return { expected, uses: [use(attemptAccepted, { registration: reg.exchange, kind: 'token' }, e.requirements, e.level, 'register')] }
        return keep(`registration of the ${spec.method} client was refused (${reg.answer}): the refusal case needs a registered client`)
      }
      const client = reg.client
      if (!client.identity) return keep(`client ${client.client_id} has no TLS client certificate`)
      const variantData = { client_auth: spec.method, endpoint: 'token', grant: 'client_credentials', sender_constraint: 'mtls' }
      const withCert = (identity: ClientIdentity | undefined) => [PresentCertificate(identity, spec.method)]
      const call = (identity: ClientIdentity | undefined) => ctx.sim.call('token', params, client, withCert(identity), ctx.audience, { allowTransportError: true, mtlsAlias: true })
      if (e.outcome === 'accepted') {
        ctx.sim.step('request', 'the token request presenting the registered certificate, which must be accepted')
        const x = await call(client.identity)
        ctx.sim.outcome(answer(x))
        return { expected, variant: variantData, uses: [use(attemptAccepted, { response: x, kind: 'token' }, e.requirements, e.level, 'request')] }
      }
      ctx.sim.step('control', 'the token request presenting the registered certificate, which must succeed')
      const controlX = await call(client.identity)
      const ok = succeeded(controlX, 'token')
      ctx.sim.outcome(`${ok ? 'succeeded' : 'refused'}: ${answer(controlX)}`)
      if (!ok) return keep(`the control (the registered certificate) was refused: ${answer(controlX)}`)
      let presented: ClientIdentity | undefined = client.identity
      if (spec.presented === 'none') presented = undefined
      else if (spec.presented) {
        const req = spec.presented(certificateView(client.identity))
        if (req.issuer === 'trusted' && !certificates().canIssueTrusted) {
          return notApplicable('no CA trusted by the target is configured to issue tls_client_auth certificates (tls.client_ca with cert and key)')
        }
        presented = await certificates().get(`${spec.id}:presented`, req)
      }
      ctx.sim.step('variant', presented ? `the same request presenting ${certificateView(presented).subject_dn}` : 'the same request without a client certificate')
      const x = await call(presented)
      ctx.sim.outcome(answer(x))
      if (x.transport_error) return { expected, variant: variantData, uses: [use(handshakeRefused, { response: x, control: controlX }, e.requirements, e.level, 'variant')] }
      return { expected, variant: variantData, uses: judgeRefusal({ e, ctx, spec: {} }, controlX, x) }
    },
  })
}

/** The method, key and certificate of a client whose access tokens get bound to its certificate. */
export interface BindingClient {
  method: 'tls_client_auth' | 'self_signed_tls_client_auth' | 'private_key_jwt'
  spec: ClientSpec
}

/** Registered by every binding client, whether or not the profile requires binding for all clients. */
const BOUND = { tls_client_certificate_bound_access_tokens: true }

/**
 * The client to obtain certificate-bound tokens with: self_signed_tls_client_auth, else
 * tls_client_auth (with a configured client CA), else private_key_jwt presenting a self-signed
 * certificate, whichever the profile allows and the target advertises first.
 */
export async function bindingClient(p: Profile, m: ServerMetadata, label: string): Promise<BindingClient | NotApplicable> {
  const usable = (method: string) => {
    const e = methodExpectation(p, m, method as never)
    return !isNotApplicable(e) && e.outcome === 'accepted'
  }
  if (usable('self_signed_tls_client_auth')) {
    const identity = await certificates().get(`${label}:bound`, { issuer: 'self', subject: 'CN=fapi-harness bound client,O=fapi-harness' })
    return { method: 'self_signed_tls_client_auth', spec: { method: 'self_signed_tls_client_auth', identity, metadata: BOUND } }
  }
  if (usable('tls_client_auth') && (certificates().canIssueTrusted || !m.registration_endpoint)) {
    const identity = certificates().canIssueTrusted ? await certificates().get(`${label}:bound`, { issuer: 'trusted', subject: 'CN=fapi-harness bound client,O=fapi-harness' }) : undefined
    return { method: 'tls_client_auth', spec: { method: 'tls_client_auth', ...(identity ? { identity } : {}), metadata: BOUND } }
  }
  const base = assertionBaseline(p, m)
  if (isNotApplicable(base)) return notApplicable(`no client authentication method to obtain a bound token with: mutual TLS is not offered (or no client CA is configured) and ${base.notApplicable}`)
  const identity = await certificates().get(`${label}:bound`, { issuer: 'self', subject: 'CN=fapi-harness bound client,O=fapi-harness' })
  return { method: 'private_key_jwt', spec: { method: 'private_key_jwt', key: base.key, identity, metadata: BOUND } }
}

/**
 * What the profile expects of certificate-bound access tokens (RFC 8705 §3): required where the
 * profile requires sender-constrained tokens, unless the profile admits DPoP instead (FAPI 2.0)
 * and the target does not advertise tls_client_certificate_bound_access_tokens; elsewhere only
 * where the target advertises it.
 */
export function bindingRequirements(p: Profile, m: ServerMetadata, own: readonly RequirementId[]): RequirementId[] | NotApplicable {
  const advertised = m.tls_client_certificate_bound_access_tokens === true
  if (!p.senderConstrained.required) {
    if (!advertised) return notApplicable(`${p.title} does not require sender-constrained access tokens and the target does not advertise tls_client_certificate_bound_access_tokens`)
    return [...own]
  }
  const dpopAllowed = p.senderConstrained.requirements.includes('FAPI2-SP-FINAL-5.3.2.1-5')
  if (dpopAllowed && !advertised && Array.isArray(m.dpop_signing_alg_values_supported)) {
    return notApplicable(`${p.title} admits DPoP instead of mutual TLS for sender-constraining, and the target advertises DPoP but not tls_client_certificate_bound_access_tokens`)
  }
  return [...new Set([...own, ...p.senderConstrained.requirements])]
}

/** A client with a certificate-bound access token, for the §3 modules. */
export interface BoundToken {
  client: TestClient
  auth: ClientAuth
  /** The token response (HTTP 200 with access_token when `accessToken` is set). */
  token: Exchange
  accessToken?: string
  /** The certificate the token must be bound to. */
  certificate: ClientIdentity
  x5t_s256: string
}

/** Obtains a client and asks for a token presenting its certificate. */
export async function obtainBoundToken(ctx: ModuleContext, label: string): Promise<BoundToken | NotApplicable> {
  const { profile: p, metadata: m, sim } = ctx
  const bc = await bindingClient(p, m, label)
  if (isNotApplicable(bc)) return bc
  const obtained = await sim.obtainClient(bc.spec)
  if (obtained.unavailable) return notApplicable(obtained.unavailable)
  if (!obtained.client) throw new HarnessError('ERR_STEP_PRECONDITION', `registration of a ${bc.method} client with tls_client_certificate_bound_access_tokens was refused (HTTP ${obtained.registration?.response?.status ?? obtained.registration?.transport_error?.code})`)
  const client = obtained.client
  if (!client.identity) return notApplicable(`the configured ${bc.method} client has no certificate (clients.${bc.method}.cert) to bind tokens to`)
  const auth = authFor(bc.method)
  const token = await sim.call('token', { grant_type: 'client_credentials' }, client, [auth], ctx.audience)
  let accessToken: string | undefined
  try {
    const v = JSON.parse(token.response?.body ?? '') as { access_token?: unknown }
    if (token.response?.status === 200 && typeof v.access_token === 'string') accessToken = v.access_token
  } catch {
    // judged by attempt-accepted
  }
  return { client, auth, token, ...(accessToken ? { accessToken } : {}), certificate: client.identity, x5t_s256: thumbprintS256(client.identity.certPem) }
}
