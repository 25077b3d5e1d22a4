import {
  answer,
  assertionClient,
  authFor,
  CLIENT_AUTH_ERRORS,
  CLIENT_AUTH_FAILED,
  control,
  defineModule,
  fromRule,
  grantUnsupported,
  inconclusive,
  isNotApplicable,
  judgeRefusal,
  notApplicable,
  refusal,
  register,
  requestParams,
  variant,
  withAssertions,
  type ClientAuth,
  type ClientSpec,
  type ErrorCodeRule,
  type Expectation,
  type Module,
  type ModuleContext,
  type NotApplicable,
  type Profile,
  type ClientCertificates,
  type RequestContext,
  type RequirementId,
  type ServerMetadata,
} from '../../src/index.js'
import { mtlsExpectation } from '../mtls/common.js'

type Method = 'private_key_jwt' | 'tls_client_auth' | 'self_signed_tls_client_auth'

/** The client_id request parameter, set after the method has run (a mutual-TLS method puts its own there). */
function clientIdParam(clientId: string, whose: string): ClientAuth {
  const fn = async (req: RequestContext) => {
    req.body.set('client_id', clientId)
  }
  return Object.assign(fn, { method: 'client_id', label: `client_id=${clientId} (${whose})` })
}

/**
 * The FAPI 1.0 clause, where the profile has it: "shall return an invalid_client error" for
 * mis-matched client identifiers. Elsewhere a failed client authentication is invalid_client too
 * (RFC 6749 §5.2).
 */
function errorCode(p: Profile): ErrorCodeRule {
  const rule = p.clientIdMismatch
  if (rule?.expect === 'refuse' && rule.requirements.includes('FAPI1-BASE-5.2.2-19'))
    return { codes: ['invalid_client'], requirements: ['FAPI1-BASE-5.2.2-19'], level: 'shall' }
  return CLIENT_AUTH_FAILED
}

/** The profile's own clauses on mis-matched client identifiers, where it refuses them. */
const mismatchClauses = (p: Profile): RequirementId[] =>
  p.clientIdMismatch?.expect === 'refuse' ? p.clientIdMismatch.requirements : []

interface MismatchSpec {
  id: string
  title: string
  summary: string
  method: Method
  expect(p: Profile, m: ServerMetadata): Expectation | NotApplicable
  /** The client under test (A) and the other registered client (B) whose client_id the variant names. */
  clients(ctx: ModuleContext): Promise<{ a: ClientSpec; b: ClientSpec } | NotApplicable>
}

/**
 * Two clients are registered, A and B. The control: A authenticates as registered with its own
 * client_id (must succeed). The variant: the same credentials of A, with the client_id parameter
 * of B. Judged as a refusal of client authentication, with the error code the profile names.
 */
function defineMismatch(spec: MismatchSpec): Module {
  return defineModule({
    id: spec.id,
    title: spec.title,
    surface: 'client-authentication',
    summary: spec.summary,
    async run(ctx) {
      const { profile: p, metadata: m } = ctx
      const e = spec.expect(p, m)
      if (isNotApplicable(e)) return e
      if (!m.registration_endpoint)
        return notApplicable(
          'two clients of the same method are needed, and the target has no registration_endpoint (the configuration holds one client per method)',
          e.requirements,
        )
      const params = requestParams(ctx, 'token')
      const na = grantUnsupported(m, params.grant_type)
      if (na) return na
      const clients = await spec.clients(ctx)
      if (isNotApplicable(clients)) return clients
      const expected = `${e.outcome} (${e.level})`
      const keep = (why: string) => inconclusive(why, e.requirements, e.level, expected)
      const a = await register(
        ctx,
        clients.a,
        'register',
        `register client A (${spec.method}), whose credentials the request carries`,
      )
      if (a.kind === 'unavailable') return notApplicable(a.reason)
      if (a.kind === 'refused')
        return keep(
          `registration of client A was refused (${a.answer}): the change under test cannot be isolated`,
        )
      if (a.granted?.replaced.includes('token_endpoint_auth_method'))
        return keep(
          `asked for ${spec.method}, the AS granted ${a.granted.granted.token_endpoint_auth_method} (RFC 7591 §3.2.1): the variant cannot be built`,
        )
      const b = await register(
        ctx,
        clients.b,
        'register-other',
        `register client B (${spec.method}, its own credentials), whose client_id the variant names`,
      )
      if (b.kind === 'unavailable') return notApplicable(b.reason)
      if (b.kind === 'refused')
        return keep(
          `registration of client B was refused (${b.answer}): there is no other client to name`,
        )
      const auth = authFor(spec.method)
      const c = await control(
        ctx,
        'token',
        params,
        a.client,
        () => [auth, clientIdParam(a.client.client_id, 'its own')],
        { title: "client A's request with its own client_id, which must succeed" },
      )
      if (!c.ok)
        return keep(
          `the control (the same request with A's own client_id) was refused: ${answer(c.exchange)}`,
        )
      const x = await variant(
        ctx,
        'token',
        params,
        a.client,
        [auth, clientIdParam(b.client.client_id, 'client B')],
        "the same request of client A with client B's client_id",
      )
      return {
        expected,
        variant: {
          client_auth: spec.method,
          endpoint: 'token',
          grant: 'client_credentials',
          client_id: 'another registered client',
          ...(a.client.identity ? { sender_constraint: 'mtls' } : {}),
        },
        ...(a.granted
          ? {
              registration: {
                asked: a.granted.asked,
                granted: a.granted.granted,
                replaced: a.granted.replaced,
              },
            }
          : {}),
        uses: judgeRefusal({ e, spec: { errorCode }, ctx }, c.exchange, x),
      }
    },
  })
}

/** A mutual-TLS client identified by a certificate of its own: self-signed, or issued by the CA the target trusts. */
async function mtlsClients(
  certificates: ClientCertificates,
  id: string,
  method: 'tls_client_auth' | 'self_signed_tls_client_auth',
): Promise<{ a: ClientSpec; b: ClientSpec } | NotApplicable> {
  const issuer = method === 'tls_client_auth' ? 'trusted' : 'self'
  if (issuer === 'trusted' && !certificates.canIssueTrusted)
    return notApplicable(
      'no CA trusted by the target is configured to issue tls_client_auth certificates (tls.client_ca with cert and key)',
    )
  const a = await certificates.get(`${id}:a`, {
    issuer,
    subject: 'CN=fapi-harness client A,O=fapi-harness',
  })
  const b = await certificates.get(`${id}:b`, {
    issuer,
    subject: 'CN=fapi-harness client B,O=fapi-harness',
  })
  return { a: { method, identity: a }, b: { method, identity: b } }
}

const mtlsModule = (
  method: 'tls_client_auth' | 'self_signed_tls_client_auth',
  clause: RequirementId,
) => {
  const id = `client-id-mismatch-${method.replaceAll('_', '-')}`
  return defineMismatch({
    id,
    title: `${method} with client A's certificate and client B's client_id is refused`,
    summary: `Registers two ${method} clients, each with a certificate of its own. Client A asks for a token (client_credentials) presenting its certificate with its own client_id (the control, which must succeed), then presenting the same certificate with client B's client_id: the certificate does not authenticate B (RFC 8705 §2), and under FAPI 1.0 the identifiers do not match (invalid_client).`,
    method,
    expect: (p, m) => {
      const base = mtlsExpectation(p, m, method, 'refused', ['RFC8705-2', clause])
      return isNotApplicable(base)
        ? base
        : refusal([...base.requirements, ...mismatchClauses(p)], CLIENT_AUTH_ERRORS)
    },
    clients: (ctx) => mtlsClients(ctx.certificates, id, method),
  })
}

/**
 * A client_id request parameter that names another registered client than the one the client
 * authentication proves. FAPI 1.0 Part 1 §5.2.2-19 (Part 2 and FAPI-CIBA take it over): "shall
 * return an invalid_client error ... when mis-matched client identifiers were provided".
 */
export const clientIdMismatchModules: Module[] = [
  defineMismatch({
    id: 'client-id-mismatch-private-key-jwt',
    title:
      'A private_key_jwt request whose client_id names another client than the assertion is refused',
    summary:
      'Registers two private_key_jwt clients with keys of their own. Client A authenticates with its assertion (iss = sub = A) and client_id = A (the control, which must succeed), then sends the same request with a fresh assertion of A and client_id = B: the identifiers do not match.',
    method: 'private_key_jwt',
    expect: withAssertions((p) =>
      p.clientIdMismatch
        ? fromRule(p.clientIdMismatch, CLIENT_AUTH_ERRORS)
        : notApplicable(`${p.title} sets no rule for mis-matched client identifiers`),
    ),
    async clients(ctx) {
      const a = assertionClient(ctx.profile, ctx.metadata)
      if (isNotApplicable(a)) return a
      return { a, b: { ...a, keyIndex: 1 } }
    },
  }),
  mtlsModule('tls_client_auth', 'RFC8705-2.1'),
  mtlsModule('self_signed_tls_client_auth', 'RFC8705-2.2'),
]
