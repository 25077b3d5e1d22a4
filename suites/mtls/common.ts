import {
  accessTokenOf,
  assertionBaseline,
  authFor,
  CLIENT_AUTH_ERRORS,
  control,
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
  type Exchange,
  type Expectation,
  type Inconclusive,
  type Level,
  type Module,
  type ModuleContext,
  type NotApplicable,
  type Profile,
  type RequirementId,
  type ServerMetadata,
  type TestClient,
} from '../../src/index.js'

export type MtlsMethod = 'tls_client_auth' | 'self_signed_tls_client_auth'

const slug = (method: string) => method.replaceAll('_', '-')

/**
 * What the profile expects of a mutual-TLS authentication attempt: the method must be allowed by
 * the profile and advertised by the target (else not applicable, with the reason), then the case
 * is accepted or refused as its own clauses say.
 */
export function mtlsExpectation(
  p: Profile,
  m: ServerMetadata,
  method: MtlsMethod,
  outcome: Expectation['outcome'],
  requirements: readonly RequirementId[],
): Expectation | NotApplicable {
  const base = methodExpectation(p, m, method)
  if (isNotApplicable(base)) return base
  if (base.outcome === 'refused')
    return notApplicable(
      `${p.title} forbids ${method}; auth-method-${slug(method)} checks that it is refused`,
    )
  if (outcome === 'accepted')
    return {
      outcome,
      requirements: [...new Set([...requirements, ...base.requirements])],
      level: 'shall',
    }
  return refusal([...requirements], CLIENT_AUTH_ERRORS)
}

/** The client's certificate as a ClientCertificate-like view (subject and thumbprint). */
export function certificateView(identity: ClientIdentity): {
  subject_dn: string
  x5t_s256: string
} {
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

/** The members naming what a tls_client_auth client's certificate must match, as registered. */
function registeredMembers(spec: MtlsAttemptSpec): string[] {
  const named = Object.keys(spec.metadata ?? {}).filter((k) => k.startsWith('tls_client_auth_'))
  if (named.length) return named
  return spec.method === 'tls_client_auth'
    ? ['tls_client_auth_subject_dn']
    : ['the client certificate (jwks)']
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
      const reqs =
        typeof spec.requirements === 'function' ? spec.requirements(p) : spec.requirements
      if (isNotApplicable(reqs)) return reqs
      const e = mtlsExpectation(p, m, spec.method, spec.outcome, reqs)
      if (isNotApplicable(e)) return e
      const needsTrusted = [
        spec.registered.issuer,
        spec.presented && spec.presented !== 'none'
          ? spec.presented({ subject_dn: spec.registered.subject }).issuer
          : undefined,
      ].includes('trusted')
      if (needsTrusted && !ctx.certificates.canIssueTrusted && m.registration_endpoint) {
        return notApplicable(
          'no CA trusted by the target is configured to issue tls_client_auth certificates (tls.client_ca with cert and key)',
        )
      }
      if (spec.metadata && !m.registration_endpoint) {
        return notApplicable(
          `registering ${Object.keys(spec.metadata).join(', ')} needs dynamic client registration and the target has no registration_endpoint`,
        )
      }
      const params = requestParams(ctx, 'token')
      const na = grantUnsupported(m, params.grant_type)
      if (na) return na
      const expected = `${e.outcome} (${e.level})`
      const keep = (why: string) => inconclusive(why, e.requirements, e.level, expected)
      const registered = m.registration_endpoint
        ? await ctx.certificates.get(`${spec.id}:registered`, spec.registered)
        : undefined
      const clientSpec: ClientSpec = {
        method: spec.method,
        ...(registered ? { identity: registered } : {}),
        ...(spec.metadata ? { metadata: spec.metadata } : {}),
      }
      const reg = await register(
        ctx,
        clientSpec,
        'register',
        `register a ${spec.method} client with its certificate`,
      )
      if (reg.kind === 'unavailable') return notApplicable(reg.reason)
      if (reg.kind === 'refused') {
        if (!reg.namesMetadata)
          return keep(
            `registration of the ${spec.method} client was refused (${reg.answer}): the certificate case cannot be tried`,
          )
        // RFC 8705 §2.1.2 obliges the client ("A client using the "tls_client_auth" authentication
        // method MUST use exactly one of the below metadata parameters"), not the server, and
        // RFC 7591 §2 lets the server refuse any member: "The authorization server MAY reject any
        // requested client metadata values by replacing requested values with suitable defaults as
        // described in Section 3.2.1 or by returning an error response as described in Section
        // 3.2.2." So a subject kind refused with invalid_client_metadata is one the target does not
        // offer, for the kind's own module and for a refusal case built on that kind alike; whether
        // the target accepts tls_client_auth at all is judged by auth-method-tls-client-auth.
        if (spec.method === 'tls_client_auth')
          return notApplicable(
            `the target does not register ${registeredMembers(spec).join(', ')} (${reg.answer}): RFC 7591 §2 lets it refuse a client metadata member, and RFC 8705 §2.1.2 lets the client choose among the subject kinds`,
            e.requirements,
          )
        return keep(
          `registration of the ${spec.method} client was refused (${reg.answer}): the ${e.outcome === 'accepted' ? 'case' : 'refusal case'} needs a registered client`,
        )
      }
      if (reg.granted?.replaced.includes('token_endpoint_auth_method')) {
        return keep(
          `asked for ${reg.granted.asked.token_endpoint_auth_method}, the AS granted ${reg.granted.granted.token_endpoint_auth_method} (RFC 7591 §3.2.1): the certificate case cannot be tried`,
        )
      }
      const client = reg.client
      if (!client.identity) return keep(`client ${client.client_id} has no TLS client certificate`)
      const variantData = {
        client_auth: spec.method,
        endpoint: 'token',
        grant: 'client_credentials',
        sender_constraint: 'mtls',
      }
      const withCert = (identity: ClientIdentity | undefined) => [
        PresentCertificate(identity, spec.method),
      ]
      const call = (identity: ClientIdentity | undefined) =>
        ctx.sim.call('token', params, client, withCert(identity), ctx.audience, {
          allowTransportError: true,
          mtlsAlias: true,
        })
      if (e.outcome === 'accepted') {
        ctx.sim.step(
          'request',
          'the token request presenting the registered certificate, which must be accepted',
        )
        const x = await call(client.identity)
        ctx.sim.outcome(answer(x))
        return {
          expected,
          variant: variantData,
          uses: [
            use(
              attemptAccepted,
              { response: x, kind: 'token' },
              e.requirements,
              e.level,
              'request',
            ),
          ],
        }
      }
      ctx.sim.step(
        'control',
        'the token request presenting the registered certificate, which must succeed',
      )
      const controlX = await call(client.identity)
      const ok = succeeded(controlX, 'token')
      ctx.sim.outcome(`${ok ? 'succeeded' : 'refused'}: ${answer(controlX)}`)
      if (!ok)
        return keep(`the control (the registered certificate) was refused: ${answer(controlX)}`)
      let presented: ClientIdentity | undefined = client.identity
      if (spec.presented === 'none') presented = undefined
      else if (spec.presented) {
        const req = spec.presented(certificateView(client.identity))
        if (req.issuer === 'trusted' && !ctx.certificates.canIssueTrusted) {
          return notApplicable(
            'no CA trusted by the target is configured to issue tls_client_auth certificates (tls.client_ca with cert and key)',
          )
        }
        presented = await ctx.certificates.get(`${spec.id}:presented`, req)
      }
      ctx.sim.step(
        'variant',
        presented
          ? `the same request presenting ${certificateView(presented).subject_dn}`
          : 'the same request without a client certificate',
      )
      const x = await call(presented)
      ctx.sim.outcome(answer(x))
      if (x.transport_error)
        return {
          expected,
          variant: variantData,
          uses: [
            use(
              handshakeRefused,
              { response: x, control: controlX },
              e.requirements,
              e.level,
              'variant',
            ),
          ],
        }
      return {
        expected,
        variant: variantData,
        uses: judgeRefusal({ e, ctx, spec: {} }, controlX, x),
      }
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
export async function bindingClient(
  ctx: ModuleContext,
  label: string,
): Promise<BindingClient | NotApplicable> {
  const { profile: p, metadata: m, certificates } = ctx
  const usable = (method: string) => {
    const e = methodExpectation(p, m, method as never)
    return !isNotApplicable(e) && e.outcome === 'accepted'
  }
  if (usable('self_signed_tls_client_auth')) {
    const identity = await certificates.get(`${label}:bound`, {
      issuer: 'self',
      subject: 'CN=fapi-harness bound client,O=fapi-harness',
    })
    return {
      method: 'self_signed_tls_client_auth',
      spec: { method: 'self_signed_tls_client_auth', identity, metadata: BOUND },
    }
  }
  if (usable('tls_client_auth') && (certificates.canIssueTrusted || !m.registration_endpoint)) {
    const identity = certificates.canIssueTrusted
      ? await certificates.get(`${label}:bound`, {
          issuer: 'trusted',
          subject: 'CN=fapi-harness bound client,O=fapi-harness',
        })
      : undefined
    return {
      method: 'tls_client_auth',
      spec: { method: 'tls_client_auth', ...(identity ? { identity } : {}), metadata: BOUND },
    }
  }
  const base = assertionBaseline(p, m)
  if (isNotApplicable(base))
    return notApplicable(
      `no client authentication method to obtain a bound token with: mutual TLS is not offered (or no client CA is configured) and ${base.notApplicable}`,
    )
  const identity = await certificates.get(`${label}:bound`, {
    issuer: 'self',
    subject: 'CN=fapi-harness bound client,O=fapi-harness',
  })
  return {
    method: 'private_key_jwt',
    spec: { method: 'private_key_jwt', key: base.key, identity, metadata: BOUND },
  }
}

/**
 * The profile's own clauses on certificate-bound access tokens (RFC 8705 §3), or why the binding
 * modules do not apply: the profile's sender-constraining clauses where it requires
 * sender-constrained tokens, unless it admits DPoP instead (FAPI 2.0) and the target advertises
 * DPoP but not tls_client_certificate_bound_access_tokens; none (an empty list) where the profile
 * does not require them and the target advertises tls_client_certificate_bound_access_tokens;
 * not applicable elsewhere.
 */
export function profileBinding(p: Profile, m: ServerMetadata): RequirementId[] | NotApplicable {
  const advertised = m.tls_client_certificate_bound_access_tokens === true
  if (!p.senderConstrained.required) {
    if (!advertised)
      return notApplicable(
        `${p.title} does not require sender-constrained access tokens and the target does not advertise tls_client_certificate_bound_access_tokens`,
      )
    return []
  }
  const dpopAllowed = p.senderConstrained.requirements.includes('FAPI2-SP-FINAL-5.3.2.1-5')
  if (dpopAllowed && !advertised && Array.isArray(m.dpop_signing_alg_values_supported)) {
    return notApplicable(
      `${p.title} admits DPoP instead of mutual TLS for sender-constraining, and the target advertises DPoP but not tls_client_certificate_bound_access_tokens`,
    )
  }
  return [...p.senderConstrained.requirements]
}

/** A module's own clauses plus the profile's binding clauses (see profileBinding). */
export function bindingRequirements(
  p: Profile,
  m: ServerMetadata,
  own: readonly RequirementId[],
): RequirementId[] | NotApplicable {
  const profile = profileBinding(p, m)
  return isNotApplicable(profile) ? profile : [...new Set([...own, ...profile])]
}

/** A client with a certificate-bound access token, for the §3 modules. */
export interface BoundToken {
  client: TestClient
  method: BindingClient['method']
  /** How the client authenticates (its method), for the token and introspection requests. */
  auth: ClientAuth
  /** The token response: HTTP 200 with an access token. */
  token: Exchange
  accessToken: string
  /** The certificate the token must be bound to. */
  certificate: ClientIdentity
  x5t_s256: string
}

/** Transport failures the HTTP client throws: the target did not answer (not a harness fault). */
const NO_ANSWER = new Set([
  'ERR_HTTP_TRANSPORT',
  'ERR_HTTP_TIMEOUT',
  'ERR_TLS_HANDSHAKE',
  'ERR_TARGET_UNREACHABLE',
])

/**
 * Steps `register` and `token` of the certificate-bound token modules: a binding client registers
 * (with tls_client_certificate_bound_access_tokens), then asks for a token presenting its
 * certificate. Neither is the property under test: a refusal of either leaves the module
 * inconclusive, with its clauses (`reqs` at `level`); a target that cannot run them (no usable
 * method, no client_credentials grant, a configured client without a certificate) makes it not
 * applicable.
 */
export async function obtainBoundToken(
  ctx: ModuleContext,
  label: string,
  reqs: readonly RequirementId[],
  level: Level,
  expected: string,
): Promise<BoundToken | NotApplicable | Inconclusive> {
  const { metadata: m } = ctx
  const keep = (why: string) => inconclusive(why, reqs, level, expected)
  const bc = await bindingClient(ctx, label)
  if (isNotApplicable(bc)) return bc
  const params = requestParams(ctx, 'token')
  const na = grantUnsupported(m, params.grant_type)
  if (na) return na
  const reg = await register(
    ctx,
    bc.spec,
    'register',
    `register a ${bc.method} client with tls_client_certificate_bound_access_tokens and its certificate`,
  )
  if (reg.kind === 'unavailable') return notApplicable(reg.reason)
  if (reg.kind === 'refused')
    return keep(
      `registration of the ${bc.method} client with tls_client_certificate_bound_access_tokens was refused (${reg.answer}): there is no client to obtain a bound token with`,
    )
  if (reg.granted?.replaced.includes('token_endpoint_auth_method')) {
    return keep(
      `asked for ${reg.granted.asked.token_endpoint_auth_method}, the AS granted ${reg.granted.granted.token_endpoint_auth_method} (RFC 7591 §3.2.1): the binding client cannot be used as asked`,
    )
  }
  const client = reg.client
  if (!client.identity)
    return notApplicable(
      `the configured ${bc.method} client has no certificate (clients.${bc.method}.cert) to bind tokens to`,
      reqs,
    )
  const auth = authFor(bc.method)
  let c: { exchange: Exchange; ok: boolean }
  try {
    c = await control(ctx, 'token', params, client, () => [auth], {
      name: 'token',
      title: 'the token request presenting the client certificate, which must succeed',
    })
  } catch (e) {
    if (e instanceof HarnessError && NO_ANSWER.has(e.code)) {
      ctx.sim.outcome(`no HTTP response: ${e.code}`)
      return keep(
        `the token request presenting the client certificate got no HTTP response (${e.code}): there is no token to judge`,
      )
    }
    throw e
  }
  const accessToken = c.ok ? accessTokenOf(c.exchange) : undefined
  if (!accessToken)
    return keep(
      `the token request presenting the client certificate was refused (${answer(c.exchange)}): there is no token to judge`,
    )
  return {
    client,
    method: bc.method,
    auth,
    token: c.exchange,
    accessToken,
    certificate: client.identity,
    x5t_s256: thumbprintS256(client.identity.certPem),
  }
}
