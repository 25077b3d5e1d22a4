import 'reflect-metadata'
import type { ClientIdentity } from '../http/agents.js'
import type { IdentityProvider } from '../client/simulator.js'
import { importCa, issueClientCert, selfSignedCert, type CertificateAuthority } from './certs.js'

/**
 * TLS client identities for one worker: self-signed certificates (self_signed_tls_client_auth and
 * token binding) and certificates issued by the CA the target trusts (tls_client_auth). Generated
 * once per label and reused: certificate generation is cheap with P-256 keys but not free.
 */
export class Identities implements IdentityProvider {
  readonly #cache = new Map<string, Promise<unknown>>()
  readonly #ca: Promise<CertificateAuthority> | undefined

  constructor(clientCa?: { certPem: string; keyPem: string }) {
    this.#ca = clientCa ? importCa(clientCa.certPem, clientCa.keyPem) : undefined
  }

  #once<T>(key: string, make: () => Promise<T>): Promise<T> {
    let p = this.#cache.get(key) as Promise<T> | undefined
    if (!p) {
      p = make()
      this.#cache.set(key, p)
    }
    return p
  }

  selfSigned(label: string): Promise<ClientIdentity & { x5c: string[] }> {
    return this.#once(`self:${label}`, async () => {
      const c = await selfSignedCert({ subject: `CN=fapi-harness ${label},O=fapi-harness` })
      return { certPem: c.certPem, keyPem: c.keyPem, x5c: [c.x5c] }
    })
  }

  issued(label: string): Promise<(ClientIdentity & { subject_dn: string }) | undefined> {
    const ca = this.#ca
    if (!ca) return Promise.resolve(undefined)
    return this.#once(`ca:${label}`, async () => {
      const subject = `CN=fapi-harness ${label},O=fapi-harness`
      const c = await issueClientCert(await ca, { subject })
      return { certPem: c.certPem, keyPem: c.keyPem, subject_dn: subject }
    })
  }
}
