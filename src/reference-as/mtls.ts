/**
 * Client certificates for oidc-provider's features.mTLS (RFC 8705), from the TLS socket or from a
 * header set by a TLS-terminating proxy (nginx `$ssl_client_escaped_cert`, URL-encoded PEM).
 */
import { X509Certificate } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { TLSSocket } from 'node:tls'
import { dnEquals, ipEquals, subjectAltNames, subjectRdns } from '../crypto/certs.js'

export type TlsTermination = 'self' | { header: string }

interface CtxLike {
  req: IncomingMessage
}

export interface CertificateSource {
  /** The presented client certificate, if any. */
  getCertificate(ctx: CtxLike): X509Certificate | undefined
  /** Whether the presented certificate chains to the trusted client CA (and is within validity). */
  certificateAuthorized(ctx: CtxLike): boolean
  /** RFC 8705 §2.1.2: the registered tls_client_auth_* value matches the certificate. */
  certificateSubjectMatches(ctx: CtxLike, property: string, expected: string): boolean
}

const cache = new WeakMap<
  IncomingMessage,
  { cert: X509Certificate | undefined; authorized?: boolean }
>()

export function createCertificateSource(
  termination: TlsTermination,
  clientCaPem: string,
): CertificateSource {
  const ca = new X509Certificate(clientCaPem)

  const fromHeader = (req: IncomingMessage, header: string): X509Certificate | undefined => {
    const raw = req.headers[header.toLowerCase()]
    const value = Array.isArray(raw) ? raw[0] : raw
    if (!value || value === '(null)' || value === '-') return undefined
    try {
      return new X509Certificate(decodeURIComponent(value))
    } catch {
      return undefined
    }
  }

  const entry = (req: IncomingMessage) => {
    let e = cache.get(req)
    if (!e) {
      let cert: X509Certificate | undefined
      if (termination === 'self') {
        const socket = req.socket as TLSSocket
        cert =
          typeof socket.getPeerX509Certificate === 'function'
            ? socket.getPeerX509Certificate()
            : undefined
      } else {
        cert = fromHeader(req, termination.header)
      }
      e = { cert }
      cache.set(req, e)
    }
    return e
  }

  const getCertificate = (ctx: CtxLike) => entry(ctx.req).cert

  const certificateAuthorized = (ctx: CtxLike): boolean => {
    const e = entry(ctx.req)
    if (!e.cert) return false
    if (e.authorized === undefined) {
      if (termination === 'self') {
        e.authorized = (ctx.req.socket as TLSSocket).authorized === true
      } else {
        const now = Date.now()
        e.authorized =
          e.cert.checkIssued(ca) &&
          e.cert.verify(ca.publicKey) &&
          Date.parse(e.cert.validFrom) <= now &&
          now <= Date.parse(e.cert.validTo)
      }
    }
    return e.authorized
  }

  const certificateSubjectMatches = (ctx: CtxLike, property: string, expected: string): boolean => {
    const cert = getCertificate(ctx)
    if (!cert) return false
    switch (property) {
      case 'tls_client_auth_subject_dn':
        return dnEquals(subjectRdns(cert), expected)
      case 'tls_client_auth_san_dns':
        return subjectAltNames(cert).dns.includes(expected)
      case 'tls_client_auth_san_uri':
        return subjectAltNames(cert).uri.includes(expected)
      case 'tls_client_auth_san_email':
        return subjectAltNames(cert).email.includes(expected)
      case 'tls_client_auth_san_ip':
        return subjectAltNames(cert).ip.some((ip) => ipEquals(ip, expected))
      default:
        return false
    }
  }

  return { getCertificate, certificateAuthorized, certificateSubjectMatches }
}
