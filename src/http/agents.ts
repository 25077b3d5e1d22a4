import { createHash, X509Certificate } from 'node:crypto'
import { Agent } from 'undici'

/** How the harness trusts the target's server certificate. */
export interface ServerTrust {
  /** Extra trust anchors (PEM), e.g. from `--ca`. */
  ca?: string[]
  /** Skip server certificate verification (`--insecure-tls`). */
  insecure?: boolean
}

/** A TLS client identity for mutual TLS (RFC 8705): certificate chain and private key in PEM. */
export interface ClientIdentity {
  certPem: string
  keyPem: string
}

export function describeCertificate(certPem: string): { subject: string; x5t_s256: string } {
  const cert = new X509Certificate(certPem)
  return {
    subject: cert.subject.split('\n').join(', '),
    x5t_s256: createHash('sha256').update(cert.raw).digest('base64url'),
  }
}

/**
 * One undici Agent per client identity (and one without), all sharing the server trust. The only
 * place that builds TLS options.
 */
export class Agents {
  readonly #trust: ServerTrust
  readonly #timeoutMs: number
  readonly #agents = new Map<string, Agent>()

  constructor(trust: ServerTrust, timeoutMs: number) {
    this.#trust = trust
    this.#timeoutMs = timeoutMs
  }

  get(identity?: ClientIdentity): Agent {
    const key = identity ? describeCertificate(identity.certPem).x5t_s256 : ''
    let agent = this.#agents.get(key)
    if (!agent) {
      agent = new Agent({
        connect: {
          ...(this.#trust.ca?.length ? { ca: this.#trust.ca } : {}),
          rejectUnauthorized: !this.#trust.insecure,
          ...(identity ? { cert: identity.certPem, key: identity.keyPem } : {}),
          timeout: this.#timeoutMs,
        },
        headersTimeout: this.#timeoutMs,
        bodyTimeout: this.#timeoutMs,
        keepAliveTimeout: 2_000,
      })
      this.#agents.set(key, agent)
    }
    return agent
  }

  async close(): Promise<void> {
    await Promise.all([...this.#agents.values()].map((a) => a.close().catch(() => undefined)))
    this.#agents.clear()
  }
}
