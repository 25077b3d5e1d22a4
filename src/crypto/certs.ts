/**
 * X.509 helpers for TLS server identities and mTLS client identities (RFC 8705), built on
 * @peculiar/x509 and node's WebCrypto.
 *
 * - Subjects are RFC 4514 strings, read the RFC 4514 way: the first RDN of the string is the
 *   *last* RDN of the DER sequence. So `issueClientCert(ca, { subject: 'CN=client,O=Example' })`
 *   yields a certificate whose `subjectDn()` is `CN=client,O=Example` again, which is what a
 *   client registers as `tls_client_auth_subject_dn`.
 * - Keys: `EC-P256` (default, sub-millisecond), `RSA-2048` (0.1-0.4 s to generate) or `RSA-1024`
 *   (for negative tests). Generation is lazy: pass `key` (from `generateKey`) to reuse a key pair.
 * - Every issued certificate comes back as `{ certPem, keyPem, der, key, x5c, thumbprint }`;
 *   `certPem`/`keyPem` plug straight into node `tls`/undici (`connect: { cert, key }`).
 */
import 'reflect-metadata'
import * as x509 from '@peculiar/x509'
import { createHash, webcrypto, X509Certificate as NodeX509 } from 'node:crypto'
import { isIP } from 'node:net'

x509.cryptoProvider.set(webcrypto as unknown as Crypto)

export type KeyAlg = 'RSA-2048' | 'RSA-1024' | 'EC-P256'

/** A WebCrypto key pair with the algorithm it was generated for. */
export interface CertKey {
  alg: KeyAlg
  privateKey: CryptoKey
  publicKey: CryptoKey
  /** PKCS#8 PEM of the private key. */
  keyPem: string
}

export interface IssuedCert {
  /** PEM (RFC 7468) of the certificate. */
  certPem: string
  /** PKCS#8 PEM of the private key. */
  keyPem: string
  /** DER of the certificate. */
  der: Buffer
  key: CertKey
  /** base64 (not base64url) DER, ready for a JWK `x5c` member (RFC 7517 §4.7). */
  x5c: string
  /** base64url SHA-256 of the DER: the `x5t#S256` of RFC 8705 §3.1. */
  thumbprint: string
  /** The subject as an RFC 4514 string. */
  subject: string
}

export interface CertificateAuthority extends IssuedCert {
  /** The name the CA was created with (its subject). */
  name: string
}

export interface SubjectAltNames {
  dns?: string | string[]
  uri?: string | string[]
  ip?: string | string[]
  email?: string | string[]
}

export interface CertOptions {
  /** Reuse an existing key pair instead of generating one. */
  key?: CertKey
  /** Key to generate when `key` is absent. Default `EC-P256`. */
  keyAlg?: KeyAlg
  /** Default: one minute ago (tolerates small clock skew). */
  notBefore?: Date
  /** Default: `notBefore` + 1 day for leaves, + 30 days for CAs. Pass a past date for an expired certificate. */
  notAfter?: Date
}

export interface ClientCertOptions extends CertOptions {
  /** RFC 4514 subject DN, e.g. `CN=client-1,O=Example,C=JP`. */
  subject: string
  sans?: SubjectAltNames
}

export interface ServerCertOptions extends CertOptions {
  ips?: string[]
  dns?: string[]
  /** Default `CN=<first dns or ip>`. */
  subject?: string
}

const EC_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const

function rsaParams(bits: number) {
  return {
    name: 'RSASSA-PKCS1-v1_5',
    modulusLength: bits,
    publicExponent: new Uint8Array([1, 0, 1]),
    hash: 'SHA-256',
  }
}

/** The WebCrypto signature algorithm to sign a certificate with a key of this kind. */
function signingAlgorithm(alg: KeyAlg): Algorithm | EcdsaParams {
  return alg === 'EC-P256'
    ? ({ name: 'ECDSA', hash: 'SHA-256' } as EcdsaParams)
    : { name: 'RSASSA-PKCS1-v1_5' }
}

function toPem(der: ArrayBuffer | Uint8Array, label: string): string {
  const b64 = Buffer.from(der instanceof Uint8Array ? der : new Uint8Array(der)).toString('base64')
  return `-----BEGIN ${label}-----\n${b64.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END ${label}-----\n`
}

/** Generate a key pair usable for certificates (extractable, so the PEM can be exported). */
export async function generateKey(alg: KeyAlg = 'EC-P256'): Promise<CertKey> {
  const params = alg === 'EC-P256' ? EC_P256 : rsaParams(alg === 'RSA-2048' ? 2048 : 1024)
  const pair = (await webcrypto.subtle.generateKey(params, true, [
    'sign',
    'verify',
  ])) as unknown as CryptoKeyPair
  const pkcs8 = await webcrypto.subtle.exportKey(
    'pkcs8',
    pair.privateKey as unknown as webcrypto.CryptoKey,
  )
  return {
    alg,
    privateKey: pair.privateKey,
    publicKey: pair.publicKey,
    keyPem: toPem(pkcs8, 'PRIVATE KEY'),
  }
}

function list(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v]
}

function issued(cert: x509.X509Certificate, key: CertKey, subject: string): IssuedCert {
  const der = Buffer.from(cert.rawData)
  return {
    certPem: toPem(der, 'CERTIFICATE'),
    keyPem: key.keyPem,
    der,
    key,
    x5c: der.toString('base64'),
    thumbprint: thumbprintS256(der),
    subject,
  }
}

function validity(opts: CertOptions, days: number): { notBefore: Date; notAfter: Date } {
  const notBefore = opts.notBefore ?? new Date(Date.now() - 60_000)
  const notAfter = opts.notAfter ?? new Date(notBefore.getTime() + days * 86_400_000)
  return { notBefore, notAfter }
}

/** Serial numbers: 16 random bytes with the high bit cleared (positive INTEGER, RFC 5280 §4.1.2.2). */
function serial(): string {
  const b = webcrypto.getRandomValues(new Uint8Array(16))
  b[0] = (b[0]! & 0x7f) | 0x01
  return Buffer.from(b).toString('hex')
}

/** A self-signed CA certificate (basicConstraints CA, keyCertSign). `name` is an RFC 4514 DN or a bare CN. */
export async function createCa(
  name: string,
  opts: CertOptions = {},
): Promise<CertificateAuthority> {
  const subject = name.includes('=') ? name : `CN=${escapeDnValue(name)}`
  const key = opts.key ?? (await generateKey(opts.keyAlg ?? 'EC-P256'))
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: dnToJson(subject),
    keys: { privateKey: key.privateKey, publicKey: key.publicKey },
    signingAlgorithm: signingAlgorithm(key.alg),
    ...validity(opts, 30),
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign |
          x509.KeyUsageFlags.cRLSign |
          x509.KeyUsageFlags.digitalSignature,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(key.publicKey),
    ],
  })
  return { ...issued(cert, key, subject), name: subject }
}

function sanExtension(sans: SubjectAltNames): x509.SubjectAlternativeNameExtension | undefined {
  const names: Array<{ type: 'dns' | 'url' | 'ip' | 'email'; value: string }> = [
    ...list(sans.dns).map((value) => ({ type: 'dns' as const, value })),
    ...list(sans.uri).map((value) => ({ type: 'url' as const, value })),
    ...list(sans.ip).map((value) => ({ type: 'ip' as const, value })),
    ...list(sans.email).map((value) => ({ type: 'email' as const, value })),
  ]
  return names.length ? new x509.SubjectAlternativeNameExtension(names) : undefined
}

async function issueLeaf(
  ca: CertificateAuthority,
  subject: string,
  sans: SubjectAltNames,
  usage: x509.ExtendedKeyUsage,
  opts: CertOptions,
): Promise<IssuedCert> {
  const key = opts.key ?? (await generateKey(opts.keyAlg ?? 'EC-P256'))
  const san = sanExtension(sans)
  const ku =
    key.alg === 'EC-P256'
      ? x509.KeyUsageFlags.digitalSignature
      : x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: dnToJson(subject),
    issuer: new x509.X509Certificate(new Uint8Array(ca.der)).subjectName,
    publicKey: key.publicKey,
    signingKey: ca.key.privateKey,
    signingAlgorithm: signingAlgorithm(ca.key.alg),
    ...validity(opts, 1),
    extensions: [
      new x509.BasicConstraintsExtension(false),
      new x509.KeyUsagesExtension(ku, true),
      new x509.ExtendedKeyUsageExtension([usage]),
      await x509.SubjectKeyIdentifierExtension.create(key.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca.key.publicKey),
      ...(san ? [san] : []),
    ],
  })
  return issued(cert, key, subject)
}

/** A TLS server certificate (serverAuth) with the given IP and DNS subjectAltNames. */
export async function issueServerCert(
  ca: CertificateAuthority,
  opts: ServerCertOptions = {},
): Promise<IssuedCert> {
  const ips = opts.ips ?? []
  const dns = opts.dns ?? []
  const subject = opts.subject ?? `CN=${escapeDnValue(dns[0] ?? ips[0] ?? 'server')}`
  return issueLeaf(ca, subject, { ip: ips, dns }, x509.ExtendedKeyUsage.serverAuth, opts)
}

/** A TLS client certificate (clientAuth) issued by `ca`: the identity of a `tls_client_auth` client. */
export async function issueClientCert(
  ca: CertificateAuthority,
  opts: ClientCertOptions,
): Promise<IssuedCert> {
  return issueLeaf(ca, opts.subject, opts.sans ?? {}, x509.ExtendedKeyUsage.clientAuth, opts)
}

/** A self-signed client certificate: the identity of a `self_signed_tls_client_auth` client (register its `x5c`). */
export async function selfSignedCert(opts: ClientCertOptions): Promise<IssuedCert> {
  const key = opts.key ?? (await generateKey(opts.keyAlg ?? 'EC-P256'))
  const san = sanExtension(opts.sans ?? {})
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: dnToJson(opts.subject),
    keys: { privateKey: key.privateKey, publicKey: key.publicKey },
    signingAlgorithm: signingAlgorithm(key.alg),
    ...validity(opts, 1),
    extensions: [
      new x509.BasicConstraintsExtension(false),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
      ...(san ? [san] : []),
    ],
  })
  return issued(cert, key, opts.subject)
}

/** DER bytes of a certificate given as DER, PEM, or base64 DER (an `x5c` member). */
export function certDer(cert: Uint8Array | string): Buffer {
  if (typeof cert !== 'string') return Buffer.from(cert)
  return Buffer.from(cert.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, ''), 'base64')
}

/** base64url(SHA-256(DER)): the `x5t#S256` confirmation of a certificate (RFC 8705 §3.1). Accepts DER, PEM or x5c. */
export function thumbprintS256(der: Uint8Array | string): string {
  return createHash('sha256').update(certDer(der)).digest('base64url')
}

/** The public JWK of a certificate's key, with `x5c`: what a `self_signed_tls_client_auth` client registers. */
export async function jwkWithX5c(
  cert: IssuedCert,
  extra: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const jwk = await webcrypto.subtle.exportKey(
    'jwk',
    cert.key.publicKey as unknown as webcrypto.CryptoKey,
  )
  const { key_ops: _ops, ext: _ext, alg: _alg, ...pub } = jwk
  return { ...pub, x5c: [cert.x5c], ...extra }
}

// ---------------------------------------------------------------------------------------------
// Distinguished names (RFC 4514) and subjectAltName matching (RFC 8705 §2.1.2)
// ---------------------------------------------------------------------------------------------

/** Attribute type names → OIDs (RFC 4514 §3 plus common extras; matching is case-insensitive). */
const DN_TYPES: Record<string, string> = {
  CN: '2.5.4.3',
  SN: '2.5.4.4',
  SERIALNUMBER: '2.5.4.5',
  C: '2.5.4.6',
  L: '2.5.4.7',
  ST: '2.5.4.8',
  STREET: '2.5.4.9',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  T: '2.5.4.12',
  TITLE: '2.5.4.12',
  BUSINESSCATEGORY: '2.5.4.15',
  POSTALCODE: '2.5.4.17',
  G: '2.5.4.42',
  GN: '2.5.4.42',
  GIVENNAME: '2.5.4.42',
  I: '2.5.4.43',
  INITIALS: '2.5.4.43',
  DNQUALIFIER: '2.5.4.46',
  ORGANIZATIONIDENTIFIER: '2.5.4.97',
  DC: '0.9.2342.19200300.100.1.25',
  UID: '0.9.2342.19200300.100.1.1',
  E: '1.2.840.113549.1.9.1',
  EMAIL: '1.2.840.113549.1.9.1',
  EMAILADDRESS: '1.2.840.113549.1.9.1',
  JURISDICTIONC: '1.3.6.1.4.1.311.60.2.1.3',
  JURISDICTIONST: '1.3.6.1.4.1.311.60.2.1.2',
  JURISDICTIONL: '1.3.6.1.4.1.311.60.2.1.1',
}
/** OID → the short name RFC 4514 §3 (or common use) prints. */
const DN_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '0.9.2342.19200300.100.1.25': 'DC',
  '0.9.2342.19200300.100.1.1': 'UID',
  '2.5.4.5': 'SERIALNUMBER',
  '2.5.4.4': 'SN',
  '2.5.4.12': 'T',
  '2.5.4.42': 'GN',
  '2.5.4.43': 'initials',
  '1.2.840.113549.1.9.1': 'emailAddress',
  '2.5.4.97': 'organizationIdentifier',
}

/** One attribute type and value of an RDN; `type` is an OID. */
export interface Ava {
  type: string
  value: string
}
/** A relative distinguished name: one or more AVAs (multi-valued with `+`). */
export type Rdn = Ava[]

function typeOid(type: string): string {
  const t = type.trim()
  if (/^\d+(\.\d+)+$/.test(t)) return t
  if (/^oid\.\d+(\.\d+)+$/i.test(t)) return t.slice(4)
  const oid = DN_TYPES[t.toUpperCase()]
  if (!oid) throw new TypeError(`unknown DN attribute type: ${type}`)
  return oid
}

/**
 * Parse an RFC 4514 string into RDNs **in string order** (the reverse of the DER order).
 * Handles `\,`-style and `\hh` escapes, multi-valued RDNs (`+`), and `;` as a legacy separator.
 * A `#hex` value is kept verbatim (lower-cased).
 */
export function parseDn(dn: string): Rdn[] {
  const rdns: Rdn[] = []
  let rdn: Rdn = []
  let i = 0
  const s = dn.trim()
  if (!s) return []
  while (i <= s.length) {
    // attribute type
    const eq = s.indexOf('=', i)
    if (eq === -1) throw new TypeError(`invalid DN (missing '='): ${dn}`)
    const type = typeOid(s.slice(i, eq))
    i = eq + 1
    // attribute value
    const bytes: number[] = []
    let lastNonSpace = 0
    let started = false
    let hexForm = false
    let sep = ''
    for (; i < s.length; i++) {
      const ch = s[i]!
      if (ch === '\\') {
        const next = s.slice(i + 1, i + 3)
        if (/^[0-9a-fA-F]{2}$/.test(next)) {
          bytes.push(parseInt(next, 16))
          i += 2
        } else if (i + 1 < s.length) {
          bytes.push(...Buffer.from(s[i + 1]!, 'utf8'))
          i += 1
        } else {
          throw new TypeError(`invalid DN (dangling escape): ${dn}`)
        }
        started = true
        lastNonSpace = bytes.length
        continue
      }
      if (ch === ',' || ch === '+' || ch === ';') {
        sep = ch
        break
      }
      if (!started && ch === ' ') continue
      if (!started && ch === '#') hexForm = true
      started = true
      bytes.push(...Buffer.from(ch, 'utf8'))
      if (ch !== ' ') lastNonSpace = bytes.length
    }
    let value = Buffer.from(bytes.slice(0, lastNonSpace)).toString('utf8')
    if (hexForm) value = value.toLowerCase()
    rdn.push({ type, value })
    if (sep !== '+') {
      rdns.push(rdn)
      rdn = []
    }
    i += 1
    if (!sep) break
  }
  return rdns
}

/** Escape a value for an RFC 4514 string (§2.4). */
export function escapeDnValue(value: string): string {
  return value
    .replace(/([,+"\\<>;=])/g, '\\$1')
    .replace(/^([ #])/, '\\$1')
    .replace(/ $/, '\\ ')
    .replace(/[\u0000-\u001f]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
}

/** Format RDNs (in RFC 4514 string order) as an RFC 4514 string. */
export function formatDn(rdns: Rdn[]): string {
  return rdns
    .map((rdn) =>
      rdn
        .map(
          (a) =>
            `${DN_NAMES[a.type] ?? a.type}=${a.value.startsWith('#') && /^#[0-9a-f]+$/.test(a.value) ? a.value : escapeDnValue(a.value)}`,
        )
        .join('+'),
    )
    .join(',')
}

/** @peculiar/x509 JSON name (DER order) from an RFC 4514 string. */
function dnToJson(dn: string): x509.JsonName {
  return parseDn(dn)
    .reverse()
    .map((rdn) => {
      const o: Record<string, string[]> = {}
      for (const a of rdn) (o[a.type] ??= []).push(a.value)
      return o
    })
}

const PECULIAR_NAMES: Record<string, string> = {
  CN: '2.5.4.3',
  L: '2.5.4.7',
  ST: '2.5.4.8',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  C: '2.5.4.6',
  DC: '0.9.2342.19200300.100.1.25',
  E: '1.2.840.113549.1.9.1',
  G: '2.5.4.42',
  I: '2.5.4.43',
  SN: '2.5.4.4',
  T: '2.5.4.12',
}

/** The subject of a certificate (DER/PEM/x5c or a node X509Certificate) as RDNs in RFC 4514 string order. */
export function subjectRdns(cert: Uint8Array | string | NodeX509): Rdn[] {
  const der = cert instanceof NodeX509 ? cert.raw : certDer(cert)
  const parsed = new x509.X509Certificate(new Uint8Array(der))
  return parsed.subjectName
    .toJSON()
    .map((rdn) =>
      Object.entries(rdn).flatMap(([k, values]) =>
        values.map((value) => ({ type: PECULIAR_NAMES[k] ?? k, value })),
      ),
    )
    .reverse()
}

/** The subject of a certificate as an RFC 4514 string (what `tls_client_auth_subject_dn` should hold). */
export function subjectDn(cert: Uint8Array | string | NodeX509): string {
  return formatDn(subjectRdns(cert))
}

function normalizeValue(v: string): string {
  return v.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase()
}

/**
 * RFC 4514 comparison of two DNs: same RDNs in the same order, each RDN the same set of
 * (type OID, value) with values compared case-insensitively after whitespace folding
 * (caseIgnoreMatch, RFC 4517 §4.2.11). Attribute names and OIDs are interchangeable.
 */
export function dnEquals(a: string | Rdn[], b: string | Rdn[]): boolean {
  let ra: Rdn[]
  let rb: Rdn[]
  try {
    ra = typeof a === 'string' ? parseDn(a) : a
    rb = typeof b === 'string' ? parseDn(b) : b
  } catch {
    return false
  }
  if (ra.length !== rb.length) return false
  return ra.every((rdn, i) => {
    const other = rb[i]!
    if (rdn.length !== other.length) return false
    const key = (x: Ava) => `${x.type}=${normalizeValue(x.value)}`
    const set = new Set(other.map(key))
    return rdn.every((x) => set.has(key(x)))
  })
}

/** Binary form of an IPv4/IPv6 address (RFC 5952 §8: compare addresses in binary), or undefined. */
export function ipBytes(ip: string): Buffer | undefined {
  const addr = ip.trim().replace(/^\[|\]$/g, '')
  const kind = isIP(addr)
  if (kind === 4) return Buffer.from(addr.split('.').map(Number))
  if (kind !== 6) return undefined
  let head = addr
  let v4: number[] = []
  const lastColon = head.lastIndexOf(':')
  if (head.slice(lastColon + 1).includes('.')) {
    v4 = head
      .slice(lastColon + 1)
      .split('.')
      .map(Number)
    head = `${head.slice(0, lastColon + 1)}0:0`
  }
  const [left, right] = head.split('::') as [string, string | undefined]
  const l = left ? left.split(':') : []
  const r = right !== undefined ? (right ? right.split(':') : []) : []
  const fill = right !== undefined ? 8 - l.length - r.length : 0
  const groups = [...l, ...Array<string>(fill).fill('0'), ...r]
  if (groups.length !== 8) return undefined
  const out = Buffer.alloc(16)
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2))
  if (v4.length === 4) v4.forEach((b, i) => (out[12 + i] = b))
  return out
}

/** True when two IP address strings denote the same address (`::1` equals `0:0:0:0:0:0:0:1`). */
export function ipEquals(a: string, b: string): boolean {
  const x = ipBytes(a)
  const y = ipBytes(b)
  return !!x && !!y && x.equals(y)
}

/** The subjectAltName entries of a certificate, by kind. */
export function subjectAltNames(cert: Uint8Array | string | NodeX509): {
  dns: string[]
  uri: string[]
  ip: string[]
  email: string[]
} {
  const der = cert instanceof NodeX509 ? cert.raw : certDer(cert)
  const parsed = new x509.X509Certificate(new Uint8Array(der))
  const out = {
    dns: [] as string[],
    uri: [] as string[],
    ip: [] as string[],
    email: [] as string[],
  }
  const san = parsed.getExtension(x509.SubjectAlternativeNameExtension)
  for (const n of san?.names.items ?? []) {
    if (n.type === 'dns') out.dns.push(n.value)
    else if (n.type === 'url') out.uri.push(n.value)
    else if (n.type === 'ip') out.ip.push(n.value)
    else if (n.type === 'email') out.email.push(n.value)
  }
  return out
}

/**
 * Rebuild a CertificateAuthority from PEMs (e.g. a CA created by a reference AS child process), so
 * it can issue client certificates. `keyPem` is PKCS#8; the key type is read from the certificate.
 */
export async function importCa(certPem: string, keyPem: string): Promise<CertificateAuthority> {
  const der = certDer(certPem)
  const node = new NodeX509(der)
  const details = node.publicKey.asymmetricKeyDetails
  const alg: KeyAlg =
    node.publicKey.asymmetricKeyType === 'ec'
      ? 'EC-P256'
      : (details?.modulusLength ?? 2048) >= 2048
        ? 'RSA-2048'
        : 'RSA-1024'
  const params = alg === 'EC-P256' ? EC_P256 : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
  const pkcs8 = certDer(keyPem.replace(/-----(BEGIN|END) PRIVATE KEY-----/g, ''))
  const privateKey = await webcrypto.subtle.importKey('pkcs8', pkcs8, params, true, ['sign'])
  const spki = node.publicKey.export({ format: 'der', type: 'spki' })
  const publicKey = await webcrypto.subtle.importKey('spki', spki, params, true, ['verify'])
  const key: CertKey = {
    alg,
    privateKey: privateKey as unknown as CryptoKey,
    publicKey: publicKey as unknown as CryptoKey,
    keyPem,
  }
  const subject = subjectDn(der)
  return { ...issued(new x509.X509Certificate(new Uint8Array(der)), key, subject), name: subject }
}
