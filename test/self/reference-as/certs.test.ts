/** src/crypto/certs.ts: certificates, RFC 4514 DNs, SAN IP binary comparison, thumbprints. */
import { expect, test } from '@playwright/test'
import { createHash, X509Certificate } from 'node:crypto'
import {
  createCa,
  dnEquals,
  generateKey,
  importCa,
  ipEquals,
  issueClientCert,
  issueServerCert,
  jwkWithX5c,
  parseDn,
  selfSignedCert,
  subjectAltNames,
  subjectDn,
  thumbprintS256,
} from '../../../src/crypto/certs.js'

test('client certificate: RFC 4514 subject round trip, SANs, chain, thumbprint', async () => {
  const ca = await createCa('Test CA')
  const c = await issueClientCert(ca, {
    subject: 'CN=client\\, one,O=Example Org,C=JP',
    sans: {
      dns: 'c.example',
      uri: 'https://c.example/id',
      ip: ['::1', '192.0.2.1'],
      email: 'c@example.com',
    },
  })
  expect(subjectDn(c.certPem)).toBe('CN=client\\, one,O=Example Org,C=JP')
  // DER order is the reverse of the RFC 4514 string order
  expect(new X509Certificate(c.certPem).subject).toBe('C=JP\nO=Example Org\nCN=client\\, one')
  expect(subjectAltNames(c.der)).toEqual({
    dns: ['c.example'],
    uri: ['https://c.example/id'],
    ip: ['::1', '192.0.2.1'],
    email: ['c@example.com'],
  })
  const node = new X509Certificate(c.der)
  expect(node.checkIssued(new X509Certificate(ca.certPem))).toBe(true)
  expect(node.verify(new X509Certificate(ca.certPem).publicKey)).toBe(true)
  expect(c.thumbprint).toBe(createHash('sha256').update(c.der).digest('base64url'))
  expect(thumbprintS256(c.certPem)).toBe(c.thumbprint)
  expect(thumbprintS256(c.x5c)).toBe(c.thumbprint)
})

test('keys: EC default, RSA sizes, reuse of a key', async () => {
  const ca = await createCa('CN=Key CA')
  const key = await generateKey('RSA-2048')
  const a = await issueClientCert(ca, { subject: 'CN=a', key })
  const b = await selfSignedCert({ subject: 'CN=b', key })
  expect(a.keyPem).toBe(b.keyPem)
  expect(new X509Certificate(a.certPem).publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048)
  const small = await selfSignedCert({ subject: 'CN=small', keyAlg: 'RSA-1024' })
  expect(new X509Certificate(small.certPem).publicKey.asymmetricKeyDetails?.modulusLength).toBe(
    1024,
  )
  const ec = await issueServerCert(ca, { ips: ['127.0.0.1'], dns: ['localhost'] })
  expect(new X509Certificate(ec.certPem).publicKey.asymmetricKeyType).toBe('ec')
  expect(new X509Certificate(ec.certPem).subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1')
  const jwk = await jwkWithX5c(b)
  expect(jwk.kty).toBe('RSA')
  expect(jwk.x5c).toEqual([b.x5c])
  expect(jwk.d).toBeUndefined()
})

test('expired certificates and imported CAs', async () => {
  const ca = await createCa('CN=Import CA')
  const again = await importCa(ca.certPem, ca.keyPem)
  const c = await issueClientCert(again, {
    subject: 'CN=late',
    notBefore: new Date(Date.now() - 2 * 86400_000),
    notAfter: new Date(Date.now() - 86400_000),
  })
  const node = new X509Certificate(c.certPem)
  expect(node.verify(new X509Certificate(ca.certPem).publicKey)).toBe(true)
  expect(Date.parse(node.validTo)).toBeLessThan(Date.now())
})

test('RFC 4514 parsing and comparison', () => {
  expect(parseDn('CN=x+UID=1, O=a\\+b , 2.5.4.97=PSDGB-FCA-123')).toEqual([
    [
      { type: '2.5.4.3', value: 'x' },
      { type: '0.9.2342.19200300.100.1.1', value: '1' },
    ],
    [{ type: '2.5.4.10', value: 'a+b' }],
    [{ type: '2.5.4.97', value: 'PSDGB-FCA-123' }],
  ])
  expect(parseDn('CN=caf\\C3\\A9')[0]![0]!.value).toBe('café')
  expect(dnEquals('CN=Client,O=Example', 'cn=client, o=EXAMPLE')).toBe(true)
  expect(
    dnEquals(
      'CN=Client,O=Example',
      '2.5.4.3=Client,organizationName=Example'.replace('organizationName', 'O'),
    ),
  ).toBe(true)
  expect(dnEquals('CN=Client,O=Example', 'O=Example,CN=Client')).toBe(false)
  expect(dnEquals('CN=a+UID=1', 'UID=1+CN=a')).toBe(true)
  expect(dnEquals('CN=a', 'CN=a,O=b')).toBe(false)
})

test('IP addresses compare in binary form (RFC 5952 §8)', () => {
  expect(ipEquals('::1', '0:0:0:0:0:0:0:1')).toBe(true)
  expect(ipEquals('2001:db8::1', '2001:0DB8:0:0:0:0:0:0001')).toBe(true)
  expect(ipEquals('::ffff:192.0.2.1', '0:0:0:0:0:ffff:c000:201')).toBe(true)
  expect(ipEquals('127.0.0.1', '::1')).toBe(false)
  expect(ipEquals('127.0.0.1', '127.0.0.1')).toBe(true)
  expect(ipEquals('not an ip', 'not an ip')).toBe(false)
})
