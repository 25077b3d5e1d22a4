import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import 'reflect-metadata'
import { Agent, request } from 'undici'
import { stringify } from 'yaml'
import { createCa } from '../../src/crypto/certs.js'
import { getKey } from '../../src/crypto/keys.js'
import { startReferenceAS } from '../../src/reference-as/index.js'
import { runHarness } from './harness.js'

/**
 * Clients registered out of band and named in the configuration (the path for targets without
 * dynamic registration): registered here by hand, then the harness runs with
 * `registration.dynamic: false` and must use them, and report what it lacks as not applicable.
 */
test('configured clients are used when dynamic registration is off', async () => {
  const clientCa = await createCa('CN=static clients test CA')
  const as = await startReferenceAS({ profiles: ['oauth2'], clientCaPem: clientCa.certPem })
  const dispatcher = new Agent({ connect: { ca: [as.caPem] } })
  try {
    const register = async (metadata: Record<string, unknown>) => {
      const res = await request(`${as.issuers.oauth2}/reg`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          grant_types: ['client_credentials'],
          response_types: [],
          redirect_uris: [],
          ...metadata,
        }),
        dispatcher,
      })
      expect(res.statusCode).toBe(201)
      return (await res.body.json()) as { client_id: string; client_secret?: string }
    }
    const key = getKey('RSA-2048', 0)
    const basic = await register({ token_endpoint_auth_method: 'client_secret_basic' })
    const pkjwt = await register({
      token_endpoint_auth_method: 'private_key_jwt',
      jwks: { keys: [key.publicJwk] },
    })
    const dir = mkdtempSync(join(tmpdir(), 'static-clients-'))
    writeFileSync(join(dir, 'pkjwt.private.jwk.json'), JSON.stringify(key.privateJwk), {
      mode: 0o600,
    })
    writeFileSync(
      join(dir, 'target.yaml'),
      stringify({
        issuer: as.issuers.oauth2,
        profiles: ['oauth2'],
        registration: { dynamic: false },
        clients: {
          client_secret_basic: {
            client_id: basic.client_id,
            client_secret: '${STATIC_TEST_SECRET}',
          },
          private_key_jwt: {
            client_id: pkjwt.client_id,
            private_jwk_file: 'pkjwt.private.jwk.json',
          },
        },
      }),
    )
    const run = await runHarness(
      [
        'run',
        '--no-html',
        '--config',
        join(dir, 'target.yaml'),
        '--ca',
        as.caFile,
        '--grep',
        '(?<![\\w-])(auth-method-(client-secret-basic|client-secret-post|private-key-jwt)|client-assertion-(jti-replay|alg-ps256))(?![\\w-])',
      ],
      {
        env: { STATIC_TEST_SECRET: basic.client_secret! },
      },
    )
    expect(run.results, run.stdout + run.stderr).toBeDefined()
    const status = Object.fromEntries(run.results!.results.map((r) => [r.id, r.status]))
    expect(status).toEqual({
      'auth-method-client-secret-basic': 'passed',
      'auth-method-private-key-jwt': 'passed',
      'client-assertion-alg-ps256': 'passed',
      'client-assertion-jti-replay': 'passed',
      'auth-method-client-secret-post': 'not_applicable',
    })
    const post = run.results!.results.find((r) => r.id === 'auth-method-client-secret-post')!
    expect(post.message).toContain('clients.client_secret_post')
    // The configured secret never reaches the output.
    expect(JSON.stringify(run.results)).not.toContain(basic.client_secret!)
  } finally {
    await dispatcher.close()
    await as.close()
  }
})
