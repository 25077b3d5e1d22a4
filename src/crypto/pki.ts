import 'reflect-metadata'
import { X509Certificate, webcrypto } from 'node:crypto'
import type { ClientIdentity } from '../http/agents.js'
import type { IdentityProvider } from '../client/simulator.js'
import { selfSignedCert, issueClientCert, subjectDn, thumbprintS256, type CertificateAuthority, type CertKey } from './certs.js'

/** A CA given as PEM (from the configuration or the run plan), made usable for issuing again. */
export async function loadCa(certPem: string, keyPem: string): Promise<CertificateAuthority> {
  const cert = new X509Certificate(certPem)
  const pub = cert.publicKey
  const isEc = pub.asymmetricKeyType === 'ec'
  const bits = isEc ? 256 : (pub.asymmetricKeyDetails?.modulusLength ?? 2048)
  const algorithm = isEc ? { name: 'ECDSA', namedCurve: 'P-256' } : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
  const der = Buffer.from(keyPem.replace(/-----(BEGIN|END) PRIVATE KEY-----|\s/g, ''), 'base64')
  const privateKey = await webcrypto.subtle.importKey('pkcs8', der, algorithm, true, ['sign'])
  const publicKey = await webcrypto.subtle.importKey('spki', pub.export({ type: 'spki', format: 'der' }), algorithm, true, ['verify'])
  const key: CertKey = { alg: isEc ? 'EC-P256' : bits >= 2048 ? 'RSA-2048' : 'RSA-1024', privateKey: privateKey as never, publicKey: publicKey as never, keyPem }
  const subject = subjectDn(certPem)
  return { name: subject, subject, certPem, keyPem, der: Buffer.from(cert.raw), key, x5c: Buffer.from(cert.raw).toString('base64'), thumbprint: thumbprintS256(cert.raw) }
}

/**
 * TLS client identities for one worker: self-signed certificates (self_signed_tls_client_auth and
 * token binding) and certificates issued by the CA the target trusts (tls_client_auth). Generated
 * once per label and reused: certificate generation is cheap with P-256 keys but not free.
 */
export class Identities implements IdentityProvider {
  readonly #cache = new Map<string, Promise<unknown>>()
  readonly #ca: Promise<CertificateAuthority> | undefined

  constructor(clientCa?: { certPem: string; keyPem: string }) {
    this.#ca = clientCa ? loadCa(clientCa.certPem, clientCa.keyPem) : undefined
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
