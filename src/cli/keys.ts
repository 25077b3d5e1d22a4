import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { selfSignedCert } from '../crypto/certs.js'
import { getKey } from '../crypto/keys.js'

/**
 * `fapi-harness keys`: what a user registers by hand when the target has no registration
 * endpoint. Public JWKS to register, private JWKs for the config (mode 0600), and a self-signed
 * certificate for self_signed_tls_client_auth.
 */
export async function generateKeys(out: string): Promise<void> {
  const dir = resolve(out)
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const roles = {
    private_key_jwt: getKey('RSA-2048', 0),
    'private_key_jwt:EC-P256': getKey('EC-P256', 0),
    'private_key_jwt:RSA-1024': getKey('RSA-1024', 0),
  }
  for (const [role, key] of Object.entries(roles)) {
    const name = role.replace(':', '-')
    writeFileSync(
      join(dir, `${name}.jwks.json`),
      `${JSON.stringify({ keys: [key.publicJwk] }, null, 2)}\n`,
    )
    writeFileSync(
      join(dir, `${name}.private.jwk.json`),
      `${JSON.stringify(key.privateJwk, null, 2)}\n`,
      { mode: 0o600 },
    )
  }
  const cert = await selfSignedCert({
    subject: 'CN=fapi-harness self-signed client,O=fapi-harness',
  })
  writeFileSync(join(dir, 'self-signed.cert.pem'), cert.certPem)
  writeFileSync(join(dir, 'self-signed.key.pem'), cert.keyPem, { mode: 0o600 })
  process.stdout.write(
    [
      `Wrote to ${dir}:`,
      '  <role>.jwks.json           register as the client jwks (public keys only)',
      '  <role>.private.jwk.json    reference from the config: clients.<role>.private_jwk_file (keep private)',
      '  self-signed.cert.pem/.key  self_signed_tls_client_auth: register its x5c, reference cert/key in the config',
      'The RSA-1024 key exists only to be refused: register it on a separate client (role private_key_jwt:RSA-1024).',
      '',
    ].join('\n'),
  )
}
