import {
  assertionBaseline,
  authFor,
  ClientCertificates,
  CLIENT_AUTH_ERRORS,
  defineModule,
  handshakeRefused,
  HarnessError,
  isNotApplicable,
  judge,
  loadPlan,
  methodExpectation,
  notApplicable,
  PresentCertificate,
  refusal,
  subjectDn,
  thumbprintS256,
  use,
  type CertificateRequest,
  type CheckUse,
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
 * One mutual-TLS client authentication at the token endpoint (client_credentials): a client is
 * registered with a certificate, then authenticates presenting it, another one, or none. A refusal
 * may be an OAuth error (attempt-refused) or, where the target's TLS stack verifies client
 * certificates, a refused handshake (handshake-refused, with a control request that presents the
 * registered certificate).
 */
export function defineMtlsAttempt(spec: MtlsAttemptSpec): Module {
  return defineModule({
    id: spec.id,
    title: spec.title,
    surface: 'mtls',
    summary: spec.summary,
    async run(ctx) {
      const { profile: p, metadata: m, sim } = ctx
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
      const registered = m.registration_endpoint ? await certificates().get(`${spec.id}:registered`, spec.registered) : undefined
      const clientSpec: ClientSpec = { method: spec.method, ...(registered ? { identity: registered } : {}), ...(spec.metadata ? { metadata: spec.metadata } : {}) }
      const obtained = await sim.obtainClient(clientSpec)
      if (obtained.unavailable) return notApplicable(obtained.unavailable)
      const client = obtained.client
      if (!client) {
        if (e.outcome === 'accepted') return { expected: 'accepted (shall)', uses: judge(e, obtained.registration, undefined, 'token') }
        throw new HarnessError('ERR_STEP_PRECONDITION', `registration of a well-formed ${spec.method} client was refused (HTTP ${obtained.registration?.response?.status ?? obtained.registration?.transport_error?.code}); the refusal case cannot be tried`)
      }
      if (!client.identity) throw new HarnessError('ERR_STEP_PRECONDITION', `client ${client.client_id} has no TLS client certificate`)
      let presented: ClientIdentity | undefined = client.identity
      if (spec.presented === 'none') presented = undefined
      else if (spec.presented) {
        const req = spec.presented(certificateView(client.identity))
        if (req.issuer === 'trusted' && !certificates().canIssueTrusted) {
          return notApplicable('no CA trusted by the target is configured to issue tls_client_auth certificates (tls.client_ca with cert and key)')
        }
        presented = await certificates().get(`${spec.id}:presented`, req)
      }
      const params = { grant_type: 'client_credentials' }
      const response = await sim.call('token', params, client, [PresentCertificate(presented, spec.method)], ctx.audience, { allowTransportError: true, mtlsAlias: true })
      return { expected: `${e.outcome} (${e.level})`, uses: await judgeMtls(e, response, async () => sim.call('token', params, client, [PresentCertificate(client.identity, spec.method)], ctx.audience, { allowTransportError: true, mtlsAlias: true })) }
    },
  })
}

/**
 * The refusal judgement extended to the TLS layer: an HTTP answer is judged as usual
 * (attempt-accepted / attempt-refused); a transport failure where a refusal is due is judged by
 * handshake-refused, with a control request that should have been answered.
 */
export async function judgeMtls(e: Expectation, response: Exchange, control: () => Promise<Exchange>): Promise<CheckUse<any>[]> {
  if (response.transport_error && e.outcome === 'refused') {
    return [use(handshakeRefused, { response, control: await control() }, e.requirements, e.level)]
  }
  return judge(e, undefined, response, 'token')
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
