import {
  notApplicable,
  type CertificateRequest,
  type Module,
  type Profile,
  type RequirementId,
} from '../../src/index.js'
import { defineMtlsAttempt } from './common.js'

/**
 * tls_client_auth (RFC 8705 §2.1): a client registers exactly one subject value (§2.1.2, a duty of
 * the client) and authenticates with a certificate issued by a CA the server trusts whose subject
 * matches it. One module per registration kind, then the certificates the server must refuse.
 *
 * The server sentences these modules prove: RFC 8705 §2 "The authorization server MUST enforce the
 * binding between client and certificate, as described in either Section 2.1 or 2.2 below. If no
 * certificate is presented, or that which is presented doesn't match that which is expected for
 * the given client_id, the authorization server returns a normal OAuth 2.0 error response per
 * Section 5.2 of [RFC6749] with the invalid_client error code to indicate failed client
 * authentication." (RFC8705-2), and §2.1, the binding it enforces: "It relies on a validated
 * certificate chain [RFC5280] and a single subject distinguished name (DN) or a single subject
 * alternative name (SAN) to authenticate the client. ... The client is successfully authenticated
 * if the subject information in the certificate matches the single expected subject configured or
 * registered for that particular client" (RFC8705-2.1). §2.1.2 ("A client using the
 * "tls_client_auth" authentication method MUST use exactly one of the below metadata parameters")
 * binds the client, so it is cited by none of them.
 */

const trusted = (
  subject: string,
  extra: Omit<CertificateRequest, 'issuer' | 'subject'> = {},
): CertificateRequest => ({ issuer: 'trusted', subject, ...extra })
const O = 'O=fapi-harness'

const kinds: Array<{
  kind: string
  label: string
  what: string
  metadata?: Record<string, unknown>
  cert: CertificateRequest
}> = [
  {
    kind: 'subject-dn',
    label: 'subject DN',
    what: 'tls_client_auth_subject_dn, the RFC 4514 string of a four-RDN subject',
    cert: trusted(`CN=fapi-harness subject-dn client,OU=mtls,${O},C=JP`),
  },
  {
    kind: 'san-dns',
    label: 'SAN dNSName',
    what: 'tls_client_auth_san_dns, a dNSName of the certificate',
    metadata: { tls_client_auth_san_dns: 'client.mtls.fapi-harness.test' },
    cert: trusted(`CN=fapi-harness san-dns client,${O}`, {
      sans: { dns: ['other.mtls.fapi-harness.test', 'client.mtls.fapi-harness.test'] },
    }),
  },
  {
    kind: 'san-uri',
    label: 'SAN URI',
    what: 'tls_client_auth_san_uri, a uniformResourceIdentifier of the certificate',
    metadata: { tls_client_auth_san_uri: 'https://client.mtls.fapi-harness.test/id' },
    cert: trusted(`CN=fapi-harness san-uri client,${O}`, {
      sans: { uri: 'https://client.mtls.fapi-harness.test/id' },
    }),
  },
  {
    kind: 'san-ip',
    label: 'SAN iPAddress',
    what: 'tls_client_auth_san_ip ::1, the certificate carrying 0:0:0:0:0:0:0:1 (the same address, compared in binary per RFC 5952 §8)',
    metadata: { tls_client_auth_san_ip: '::1' },
    cert: trusted(`CN=fapi-harness san-ip client,${O}`, { sans: { ip: '0:0:0:0:0:0:0:1' } }),
  },
  {
    kind: 'san-email',
    label: 'SAN rfc822Name',
    what: 'tls_client_auth_san_email, an rfc822Name of the certificate',
    metadata: { tls_client_auth_san_email: 'client@mtls.fapi-harness.test' },
    cert: trusted(`CN=fapi-harness san-email client,${O}`, {
      sans: { email: 'client@mtls.fapi-harness.test' },
    }),
  },
]

const REGISTERED = `CN=fapi-harness registered client,${O}`

/** The profile's minimum RSA key size for client authentication keys, not the JOSE-only clauses. */
function rsaMinimum(p: Profile): RequirementId[] | { notApplicable: string } {
  const reqs = p.minKeyBits.RSA.requirements.filter((r) => !r.startsWith('RFC7518'))
  if (!reqs.length)
    return notApplicable(
      `${p.title} sets no minimum RSA key size for TLS client certificates (RFC 7518 governs JWS keys only)`,
    )
  return reqs
}

export const tlsClientAuthModules: Module[] = [
  ...kinds.map(({ kind, label, what, metadata, cert }) =>
    defineMtlsAttempt({
      id: `mtls-tls-client-auth-${kind}`,
      title: `tls_client_auth matching the ${label} succeeds`,
      summary: `Registers a tls_client_auth client with ${what}, then asks for a token (client_credentials) presenting a certificate from the CA the target trusts that matches it.`,
      method: 'tls_client_auth',
      outcome: 'accepted',
      // §2.1: "The client is successfully authenticated if the subject information in the
      // certificate matches the single expected subject configured or registered"
      requirements: ['RFC8705-2.1'],
      registered: cert,
      ...(metadata ? { metadata } : {}),
    }),
  ),
  defineMtlsAttempt({
    id: 'mtls-tls-client-auth-no-certificate',
    title: 'tls_client_auth without a client certificate is refused',
    summary:
      'A registered tls_client_auth client sends its client_id to the (mTLS alias of the) token endpoint over TLS without presenting any certificate.',
    method: 'tls_client_auth',
    outcome: 'refused',
    requirements: ['RFC8705-2', 'RFC8705-2.1'],
    registered: trusted(REGISTERED),
    presented: 'none',
  }),
  defineMtlsAttempt({
    id: 'mtls-tls-client-auth-other-ca',
    title: 'tls_client_auth with a certificate from another CA is refused',
    summary:
      'Presents a certificate with the registered subject issued by an impostor CA: same name as the CA the target trusts, another key. The chain does not validate, so the subject must not count.',
    method: 'tls_client_auth',
    outcome: 'refused',
    requirements: ['RFC8705-2', 'RFC8705-2.1'],
    registered: trusted(REGISTERED),
    presented: (r) => ({ issuer: 'untrusted', subject: r.subject_dn }),
  }),
  defineMtlsAttempt({
    id: 'mtls-tls-client-auth-subject-mismatch',
    title: 'tls_client_auth with a trusted certificate of another subject is refused',
    summary:
      'The client registered one subject DN; it presents a certificate from the trusted CA whose subject differs in the CN only.',
    method: 'tls_client_auth',
    outcome: 'refused',
    requirements: ['RFC8705-2', 'RFC8705-2.1'],
    registered: trusted(REGISTERED),
    presented: () => trusted(`CN=fapi-harness impostor client,${O}`),
  }),
  defineMtlsAttempt({
    id: 'mtls-tls-client-auth-san-mismatch',
    title: 'tls_client_auth with a trusted certificate of another SAN is refused',
    summary:
      'The client registered tls_client_auth_san_dns; it presents a certificate from the trusted CA with the same subject DN whose dNSName differs.',
    method: 'tls_client_auth',
    outcome: 'refused',
    requirements: ['RFC8705-2', 'RFC8705-2.1'],
    registered: trusted(`CN=fapi-harness san-match client,${O}`, {
      sans: { dns: 'registered.mtls.fapi-harness.test' },
    }),
    metadata: { tls_client_auth_san_dns: 'registered.mtls.fapi-harness.test' },
    presented: (r) => trusted(r.subject_dn, { sans: { dns: 'impostor.mtls.fapi-harness.test' } }),
  }),
  defineMtlsAttempt({
    id: 'mtls-tls-client-auth-expired-certificate',
    title: 'tls_client_auth with an expired certificate is refused',
    summary:
      'Presents a certificate from the trusted CA with the registered subject whose validity ended yesterday (RFC 5280 §6.1.3 path validation).',
    method: 'tls_client_auth',
    outcome: 'refused',
    requirements: ['RFC8705-2', 'RFC8705-2.1'],
    registered: trusted(REGISTERED),
    presented: (r) => trusted(r.subject_dn, { expired: true }),
  }),
  defineMtlsAttempt({
    id: 'mtls-tls-client-auth-rsa-1024',
    title: 'tls_client_auth with a certificate whose key is 1024-bit RSA is refused',
    summary:
      'Presents a certificate from the trusted CA with the registered subject whose key is 1024-bit RSA, below the profile minimum for client authentication keys. The refusal may come from the TLS stack (a refused handshake) or the token endpoint.',
    method: 'tls_client_auth',
    outcome: 'refused',
    requirements: (p) => {
      const min = rsaMinimum(p)
      return Array.isArray(min) ? [...min, 'RFC8705-2.1'] : min
    },
    registered: trusted(REGISTERED),
    presented: (r) => trusted(r.subject_dn, { keyAlg: 'RSA-1024' }),
  }),
]
