import {
  createCa,
  importCa,
  issueClientCert,
  selfSignedCert,
  subjectDn,
  type CertificateAuthority,
  type KeyAlg,
  type SubjectAltNames,
} from '../../crypto/certs.js'
import { HarnessError } from '../../errors.js'
import type { ClientIdentity } from '../../http/agents.js'

/**
 * Who signs a client certificate: the CA the target trusts for tls_client_auth (`trusted`), an
 * impostor CA with the same name but another key (`untrusted`), or the certificate's own key
 * (`self`, self_signed_tls_client_auth).
 */
export type CertificateIssuer = 'trusted' | 'untrusted' | 'self'

export interface CertificateRequest {
  issuer: CertificateIssuer
  /** RFC 4514 subject DN. */
  subject: string
  sans?: SubjectAltNames
  /** Default EC-P256. */
  keyAlg?: KeyAlg
  /** Valid from three days ago until yesterday. */
  expired?: boolean
}

/** A client certificate for mutual TLS, with what a module needs to register or compare it. */
export interface ClientCertificate extends ClientIdentity {
  /** The subject as an RFC 4514 string (what tls_client_auth_subject_dn holds). */
  subject_dn: string
  /** base64url SHA-256 of the DER (RFC 8705 §3.1). */
  x5t_s256: string
  /** base64 DER, for a JWK x5c member. */
  x5c: string[]
  request: CertificateRequest
}

/**
 * Client certificates made to order for the mutual-TLS modules (RFC 8705): a given subject DN or
 * subjectAltName, an RSA-1024 key, an expired validity, an untrusted issuer, or self-signed. Each
 * label is generated once per worker and reused.
 */
export class ClientCertificates {
  readonly #trusted: Promise<CertificateAuthority> | undefined
  #untrusted: Promise<CertificateAuthority> | undefined
  readonly #cache = new Map<string, Promise<ClientCertificate>>()

  /** `trustedCa`: the CA the target trusts for tls_client_auth, with its key (`tls.client_ca`). */
  constructor(trustedCa?: { certPem: string; keyPem: string }) {
    this.#trusted = trustedCa ? importCa(trustedCa.certPem, trustedCa.keyPem) : undefined
  }

  /** Whether certificates the target trusts can be issued (a client CA with its key is configured). */
  get canIssueTrusted(): boolean {
    return this.#trusted !== undefined
  }

  /** An impostor CA: the trusted CA's name (when known) with a key of its own. */
  #impostor(): Promise<CertificateAuthority> {
    this.#untrusted ??= (async () => {
      const name = this.#trusted
        ? (await this.#trusted).subject
        : 'CN=fapi-harness untrusted CA,O=fapi-harness'
      return createCa(name)
    })()
    return this.#untrusted
  }

  /** The certificate for `label`, made on first use. Throws ERR_STEP_PRECONDITION for `trusted` without a CA. */
  get(label: string, req: CertificateRequest): Promise<ClientCertificate> {
    let c = this.#cache.get(label)
    if (!c) {
      c = this.#make(req)
      this.#cache.set(label, c)
    }
    return c
  }

  async #make(req: CertificateRequest): Promise<ClientCertificate> {
    const validity = req.expired
      ? {
          notBefore: new Date(Date.now() - 3 * 86_400_000),
          notAfter: new Date(Date.now() - 86_400_000),
        }
      : {}
    const opts = {
      subject: req.subject,
      ...(req.sans ? { sans: req.sans } : {}),
      keyAlg: req.keyAlg ?? 'EC-P256',
      ...validity,
    }
    let cert
    if (req.issuer === 'self') {
      cert = await selfSignedCert(opts)
    } else {
      const ca = req.issuer === 'trusted' ? this.#trusted : this.#impostor()
      if (!ca)
        throw new HarnessError(
          'ERR_STEP_PRECONDITION',
          'no CA trusted by the target is configured to issue a tls_client_auth certificate (tls.client_ca)',
        )
      cert = await issueClientCert(await ca, opts)
    }
    return {
      certPem: cert.certPem,
      keyPem: cert.keyPem,
      subject_dn: subjectDn(cert.der),
      x5t_s256: cert.thumbprint,
      x5c: [cert.x5c],
      request: req,
    }
  }
}
