import { expect, test } from '@playwright/test'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  loadConfig,
  staticClients,
  targetParams,
  type HarnessConfig,
} from '../../../src/config/load.js'
import { HarnessError } from '../../../src/errors.js'

let dir: string
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fapi-harness-config-'))
})
test.afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

let n = 0
function write(name: string, text: string): string {
  const file = join(dir, `${n++}-${name}`)
  writeFileSync(file, text)
  return file
}

function configError(fn: () => unknown): HarnessError {
  let caught: unknown
  try {
    fn()
  } catch (e) {
    caught = e
  }
  expect(caught).toBeInstanceOf(HarnessError)
  expect((caught as HarnessError).code).toBe('ERR_CONFIG_INVALID')
  return caught as HarnessError
}

const EC_PRIVATE = {
  kty: 'EC',
  crv: 'P-256',
  x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
  y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
  d: 'jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI',
}

const YAML = `
issuer: https://as.example.com
profiles: [fapi1-advanced, oauth2]
issuers:
  fapi2-security: https://as.example.com/fapi2
tls:
  insecure: true
registration:
  initial_access_token: iat-123
clients:
  client_secret_basic:
    client_id: c-basic
    client_secret: s3cret
  private_key_jwt:EC-P256:
    client_id: c-pkj
    private_jwk: { kty: EC, crv: P-256, x: f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU, y: x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0, d: jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI }
timeout_ms: 5000
workers: 4
`

test.describe('loadConfig', () => {
  test('a valid YAML config loads', () => {
    const c = loadConfig(write('ok.yaml', YAML))
    expect(c).toEqual({
      issuer: 'https://as.example.com',
      profiles: ['fapi1-advanced', 'oauth2'],
      issuers: { 'fapi2-security': 'https://as.example.com/fapi2' },
      tls: { insecure: true },
      registration: { initial_access_token: 'iat-123' },
      clients: {
        client_secret_basic: { client_id: 'c-basic', client_secret: 's3cret' },
        'private_key_jwt:EC-P256': { client_id: 'c-pkj', private_jwk: EC_PRIVATE },
      },
      timeout_ms: 5000,
      workers: 4,
    })
  })

  test('a valid JSON config loads (and .JSON is JSON too)', () => {
    const cfg = {
      issuer: 'https://as.example.com',
      profiles: ['oidc'],
      clients: { none: { client_id: 'pub' } },
    }
    expect(loadConfig(write('ok.json', JSON.stringify(cfg)))).toEqual(cfg)
    expect(loadConfig(write('ok.JSON', JSON.stringify(cfg)))).toEqual(cfg)
  })

  test('an empty YAML file is an empty config', () => {
    expect(loadConfig(write('empty.yaml', ''))).toEqual({})
  })

  test('an unknown top-level property names it at /', () => {
    const e = configError(() =>
      loadConfig(write('unknown.yaml', 'issuer: https://as.example.com\nissuerr: https://x\n')),
    )
    expect(e.message).toContain('/: unknown property "issuerr"')
  })

  test('an unknown nested property names its JSON pointer', () => {
    const e = configError(() =>
      loadConfig(write('nested.yaml', 'tls:\n  insecure: true\n  verify: false\n')),
    )
    expect(e.message).toContain('/tls: unknown property "verify"')
    const e2 = configError(() =>
      loadConfig(
        write('client.yaml', 'clients:\n  client_secret_post:\n    client_id: c\n    secret: s\n'),
      ),
    )
    expect(e2.message).toContain('/clients/client_secret_post: unknown property "secret"')
  })

  test('a bad profile id names /profiles/<index>', () => {
    const e = configError(() =>
      loadConfig(write('profile.yaml', 'profiles: [oauth2, fapi3-advanced]\n')),
    )
    expect(e.message).toContain('/profiles/1')
  })

  test('a bad profile id in issuers is refused', () => {
    const e = configError(() =>
      loadConfig(write('issuers.yaml', 'issuers:\n  fapi3: https://x.example.com\n')),
    )
    expect(e.message).toContain('/issuers')
    expect(e.message).toContain('fapi3')
  })

  test('a non-URL issuer names /issuer', () => {
    const e = configError(() => loadConfig(write('issuer.yaml', 'issuer: as.example.com\n')))
    expect(e.message).toContain('/issuer:')
  })

  test('an unknown client role is refused', () => {
    const e = configError(() =>
      loadConfig(write('role.yaml', 'clients:\n  client_secret_magic:\n    client_id: c\n')),
    )
    expect(e.message).toContain('/clients')
    expect(e.message).toContain('client_secret_magic')
  })

  test('all schema errors are reported together', () => {
    const e = configError(() => loadConfig(write('many.yaml', 'issuer: nope\nworkers: 0\n')))
    expect(e.message).toContain('/issuer:')
    expect(e.message).toContain('/workers:')
  })

  test('a missing file', () => {
    configError(() => loadConfig(join(dir, 'does-not-exist.yaml')))
  })

  test('malformed YAML and JSON', () => {
    configError(() => loadConfig(write('bad.yaml', 'issuer: [unclosed\n')))
    configError(() => loadConfig(write('bad.json', '{"issuer": ')))
  })

  test('${ENV} is expanded, including inside a longer string', () => {
    process.env.FAPI_UNIT_SECRET = 'from-env'
    process.env.FAPI_UNIT_ID = 'id'
    try {
      const c = loadConfig(
        write(
          'env.yaml',
          'clients:\n  client_secret_post:\n    client_id: c-${FAPI_UNIT_ID}-${FAPI_UNIT_ID}\n    client_secret: ${FAPI_UNIT_SECRET}\n',
        ),
      )
      expect(c.clients?.client_secret_post).toEqual({
        client_id: 'c-id-id',
        client_secret: 'from-env',
      })
    } finally {
      delete process.env.FAPI_UNIT_SECRET
      delete process.env.FAPI_UNIT_ID
    }
  })

  test('an unset ${ENV} variable names the variable and the JSON pointer', () => {
    delete process.env.FAPI_UNIT_UNSET_VARIABLE
    const e = configError(() =>
      loadConfig(
        write(
          'unset.yaml',
          'clients:\n  client_secret_basic:\n    client_id: c\n    client_secret: ${FAPI_UNIT_UNSET_VARIABLE}\n',
        ),
      ),
    )
    expect(e.message).toContain('/clients/client_secret_basic/client_secret')
    expect(e.message).toContain('FAPI_UNIT_UNSET_VARIABLE')
  })
})

// loadConfig expands ${ENV} before it validates, so the values validated are the values used.
test.describe('${ENV} expansion before validation', () => {
  test('an issuer given as ${ENV} loads', () => {
    process.env.FAPI_UNIT_ISSUER = 'https://as.example.com'
    try {
      expect(loadConfig(write('env-issuer.yaml', 'issuer: ${FAPI_UNIT_ISSUER}\n')).issuer).toBe(
        'https://as.example.com',
      )
    } finally {
      delete process.env.FAPI_UNIT_ISSUER
    }
  })

  test('an expanded value is validated (empty client_id is refused)', () => {
    process.env.FAPI_UNIT_EMPTY = ''
    try {
      configError(() =>
        loadConfig(
          write('env-empty.yaml', 'clients:\n  none:\n    client_id: ${FAPI_UNIT_EMPTY}\n'),
        ),
      )
    } finally {
      delete process.env.FAPI_UNIT_EMPTY
    }
  })
})

test.describe('staticClients', () => {
  const cfg = (clients: HarnessConfig['clients']): HarnessConfig => ({ clients })

  test('client_secret_* and none clients', () => {
    const out = staticClients(
      cfg({
        client_secret_basic: { client_id: 'a', client_secret: 's' },
        none: { client_id: 'p' },
      }),
      undefined,
    )
    expect(out).toEqual({
      client_secret_basic: {
        client_id: 'a',
        token_endpoint_auth_method: 'client_secret_basic',
        client_secret: 's',
      },
      none: { client_id: 'p', token_endpoint_auth_method: 'none' },
    })
  })

  for (const method of ['client_secret_basic', 'client_secret_post', 'client_secret_jwt']) {
    test(`${method} without client_secret`, () => {
      const e = configError(() => staticClients(cfg({ [method]: { client_id: 'a' } }), undefined))
      expect(e.message).toContain(`/clients/${method}`)
    })
  }

  test('private_key_jwt without a key', () => {
    const e = configError(() =>
      staticClients(cfg({ private_key_jwt: { client_id: 'a' } }), undefined),
    )
    expect(e.message).toContain('/clients/private_key_jwt')
  })

  test('private_key_jwt with a public JWK only', () => {
    const { d: _d, ...pub } = EC_PRIVATE
    const e = configError(() =>
      staticClients(
        cfg({ 'private_key_jwt:EC-P256': { client_id: 'a', private_jwk: pub } }),
        undefined,
      ),
    )
    expect(e.message).toContain('/clients/private_key_jwt:EC-P256')
  })

  test('private_key_jwt with an inline JWK: kind from the role, public part without d, kid defaulted', () => {
    const out = staticClients(
      cfg({ 'private_key_jwt:EC-P256': { client_id: 'a', private_jwk: EC_PRIVATE } }),
      undefined,
    )
    const c = out['private_key_jwt:EC-P256']!
    expect(c.token_endpoint_auth_method).toBe('private_key_jwt')
    expect(c.key).toEqual({
      kind: 'EC-P256',
      kid: 'configured',
      privateJwk: EC_PRIVATE,
      publicJwk: { kty: 'EC', crv: 'P-256', x: EC_PRIVATE.x, y: EC_PRIVATE.y },
    })
  })

  test('private_jwk_file is read relative to the config file; RSA-2048 is the default kind', () => {
    writeFileSync(join(dir, 'key.json'), JSON.stringify({ ...EC_PRIVATE, kid: 'k-1' }))
    const out = staticClients(
      cfg({ private_key_jwt: { client_id: 'a', private_jwk_file: 'key.json' } }),
      join(dir, 'harness.yaml'),
    )
    expect(out.private_key_jwt!.key).toMatchObject({ kind: 'RSA-2048', kid: 'k-1' })
    expect(out.private_key_jwt!.key!.publicJwk).not.toHaveProperty('d')
  })

  test('a missing private_jwk_file names the pointer', () => {
    const e = configError(() =>
      staticClients(
        cfg({ private_key_jwt: { client_id: 'a', private_jwk_file: 'nope.json' } }),
        join(dir, 'harness.yaml'),
      ),
    )
    expect(e.message).toContain('/clients/private_key_jwt/private_jwk_file')
  })

  for (const method of ['tls_client_auth', 'self_signed_tls_client_auth']) {
    test(`${method} needs cert and key`, () => {
      configError(() => staticClients(cfg({ [method]: { client_id: 'a' } }), undefined))
      configError(() =>
        staticClients(cfg({ [method]: { client_id: 'a', cert: 'c.pem' } }), undefined),
      )
    })
  }

  test('tls_client_auth loads cert and key relative to the config file', () => {
    writeFileSync(join(dir, 'c.pem'), 'CERT')
    writeFileSync(join(dir, 'k.pem'), 'KEY')
    const out = staticClients(
      cfg({ tls_client_auth: { client_id: 'a', cert: 'c.pem', key: 'k.pem' } }),
      join(dir, 'harness.yaml'),
    )
    expect(out.tls_client_auth).toEqual({
      client_id: 'a',
      token_endpoint_auth_method: 'tls_client_auth',
      identity: { certPem: 'CERT', keyPem: 'KEY' },
    })
  })

  test('a missing certificate file names the pointer', () => {
    const e = configError(() =>
      staticClients(
        cfg({ tls_client_auth: { client_id: 'a', cert: 'missing.pem', key: 'k.pem' } }),
        join(dir, 'harness.yaml'),
      ),
    )
    expect(e.message).toContain('/clients/tls_client_auth/cert')
  })
})

test.describe('what a real target needs (scope, registration metadata, token parameters, CIBA hints, aud)', () => {
  test('each key loads and becomes a target parameter', () => {
    const file = write(
      'target.yaml',
      [
        'issuer: https://as.example.com',
        'scope: accounts payments',
        'registration:',
        '  metadata:',
        '    redirect_uris: [https://client.example.com/cb]',
        '    contacts: [ops@example.com]',
        'token_request:',
        '  params: { resource: https://rs.example.com }',
        'ciba: { login_hint: alice, binding_message: W4SCT }',
        'client_assertion: { aud: issuer }',
      ].join('\n'),
    )
    const c = loadConfig(file)
    expect(c.client_assertion?.aud).toBe('issuer')
    expect(targetParams(c)).toEqual({
      scope: 'accounts payments',
      registrationMetadata: {
        redirect_uris: ['https://client.example.com/cb'],
        contacts: ['ops@example.com'],
      },
      tokenParams: { resource: 'https://rs.example.com' },
      ciba: { login_hint: 'alice', binding_message: 'W4SCT' },
    })
  })

  test('an empty config has no target parameters', () => {
    expect(targetParams({})).toEqual({})
  })

  test('registration metadata may not set what each module chooses (the auth method, keys, grants)', () => {
    const e = configError(() =>
      loadConfig(
        write('bad.yaml', 'registration:\n  metadata:\n    token_endpoint_auth_method: none\n'),
      ),
    )
    expect(e.message).toContain('/registration/metadata')
  })

  test('token_request.params may not override the grant or the credentials', () => {
    const e = configError(() =>
      loadConfig(write('bad2.yaml', 'token_request:\n  params:\n    grant_type: password\n')),
    )
    expect(e.message).toContain('/token_request/params')
  })

  test('client_assertion.aud is one of the audience kinds', () => {
    const e = configError(() =>
      loadConfig(write('bad3.yaml', 'client_assertion:\n  aud: https://as.example.com\n')),
    )
    expect(e.message).toContain('/client_assertion/aud')
  })
})

test.describe('ciba: the end-user decision and the notification receiver', () => {
  test('deny_login_hint, approval calls and notification load; the receiver address stays out of the target parameters', () => {
    const c = loadConfig(
      write(
        'ciba.yaml',
        [
          'ciba:',
          '  login_hint: alice',
          '  deny_login_hint: mallory',
          '  approval:',
          '    approve: { url: "https://device.example.com/approve/{auth_req_id}", headers: { x-api-key: k } }',
          '    deny: { url: "https://device.example.com/deny", method: POST, json: { id: "{auth_req_id}" } }',
          '  notification: { public_url: https://tunnel.example.com/cb, port: 8443 }',
        ].join('\n'),
      ),
    )
    expect(c.ciba?.notification).toEqual({
      public_url: 'https://tunnel.example.com/cb',
      port: 8443,
    })
    expect(targetParams(c).ciba).toEqual({
      login_hint: 'alice',
      deny_login_hint: 'mallory',
      approval: {
        approve: {
          url: 'https://device.example.com/approve/{auth_req_id}',
          headers: { 'x-api-key': 'k' },
        },
        deny: {
          url: 'https://device.example.com/deny',
          method: 'POST',
          json: { id: '{auth_req_id}' },
        },
      },
    })
  })

  test('the notification URL is https, cert comes with key, and unknown members are named', () => {
    expect(
      configError(() =>
        loadConfig(
          write('n1.yaml', 'ciba:\n  notification: { public_url: http://x.example.com/cb }\n'),
        ),
      ).message,
    ).toContain('/ciba/notification/public_url')
    expect(
      configError(() => loadConfig(write('n2.yaml', 'ciba:\n  notification: { cert: r.pem }\n')))
        .message,
    ).toContain('/ciba/notification')
    expect(
      configError(() =>
        loadConfig(write('n3.yaml', 'ciba:\n  approval: { approve: { method: POST } }\n')),
      ).message,
    ).toContain('/ciba/approval/approve')
    expect(
      configError(() => loadConfig(write('n4.yaml', 'ciba:\n  aproval: {}\n'))).message,
    ).toContain('aproval')
  })
})

test.describe('browser.login and browser.credentials', () => {
  const LOGIN = `browser:
  login:
    - { name: user, fill: '#user', value: '{username}' }
    - { fill: '#pass', value: '{password}' }
    - { click: 'button[type=submit]' }
    - { waitFor: { url: '/consent$', selector: '#allow' } }
    - { click: '#allow' }
`

  test('a step list and ${ENV} credentials load', () => {
    process.env.FAPI_UNIT_USER = 'alice'
    process.env.FAPI_UNIT_PASSWORD = 'p4ss-w0rd'
    try {
      const c = loadConfig(
        write(
          'browser.yaml',
          `${LOGIN}  credentials:\n    username: \${FAPI_UNIT_USER}\n    password: \${FAPI_UNIT_PASSWORD}\n`,
        ),
      )
      expect(c.browser).toEqual({
        login: [
          { name: 'user', fill: '#user', value: '{username}' },
          { fill: '#pass', value: '{password}' },
          { click: 'button[type=submit]' },
          { waitFor: { url: '/consent$', selector: '#allow' } },
          { click: '#allow' },
        ],
        credentials: { username: 'alice', password: 'p4ss-w0rd' },
      })
    } finally {
      delete process.env.FAPI_UNIT_USER
      delete process.env.FAPI_UNIT_PASSWORD
    }
  })

  test('a step that is none of fill, click, waitFor names its JSON pointer', () => {
    const e = configError(() =>
      loadConfig(
        write(
          'bad-step.yaml',
          'browser:\n  login:\n    - { click: "#a" }\n    - { press: Enter }\n',
        ),
      ),
    )
    expect(e.message).toContain(
      '/browser/login/1: a step is one of { fill: selector, value }, { click: selector }, { waitFor: { url?, selector? } }',
    )
    expect(e.message).not.toContain('/browser/login/0')
  })

  test('fill needs a value; waitFor needs a url or a selector', () => {
    const e = configError(() =>
      loadConfig(
        write('bad-fill.yaml', 'browser:\n  login:\n    - { fill: "#a" }\n    - { waitFor: {} }\n'),
      ),
    )
    expect(e.message).toContain("/browser/login/0: must have required property 'value'")
    expect(e.message).toContain('/browser/login/1/waitFor')
    expect(e.message).not.toContain("required property 'click'")
  })

  test('browser.deny is a list of the same steps, named by its own pointer', () => {
    const c = loadConfig(write('deny.yaml', 'browser:\n  deny:\n    - { click: "#cancel" }\n'))
    expect(c.browser?.deny).toEqual([{ click: '#cancel' }])
    const e = configError(() =>
      loadConfig(write('bad-deny.yaml', 'browser:\n  deny:\n    - { press: Enter }\n')),
    )
    expect(e.message).toContain('/browser/deny/0: a step is one of')
  })

  test('authorization_code.lifetime_s reaches the target parameters; it is a positive integer', () => {
    const c = loadConfig(write('code-lifetime.yaml', 'authorization_code:\n  lifetime_s: 5\n'))
    expect(targetParams(c)).toEqual({ codeLifetimeS: 5 })
    const e = configError(() =>
      loadConfig(write('bad-code-lifetime.yaml', 'authorization_code:\n  lifetime_s: 0\n')),
    )
    expect(e.message).toContain('/authorization_code/lifetime_s')
  })

  test('par.request_uri_lifetime_s reaches the target parameters; it is a positive integer', () => {
    const c = loadConfig(write('par-lifetime.yaml', 'par:\n  request_uri_lifetime_s: 5\n'))
    expect(targetParams(c)).toEqual({ requestUriLifetimeS: 5 })
    const e = configError(() =>
      loadConfig(write('bad-par-lifetime.yaml', 'par:\n  request_uri_lifetime_s: 0\n')),
    )
    expect(e.message).toContain('/par/request_uri_lifetime_s')
  })

  test('an empty selector and an unknown waitFor member are refused', () => {
    const e = configError(() =>
      loadConfig(
        write(
          'bad-wait.yaml',
          'browser:\n  login:\n    - { click: "" }\n    - { waitFor: { title: x } }\n',
        ),
      ),
    )
    expect(e.message).toContain('/browser/login/0/click')
    expect(e.message).toContain('/browser/login/1/waitFor: unknown property "title"')
  })

  test('credentials need both username and password; an unset ${ENV} names the pointer', () => {
    const e = configError(() =>
      loadConfig(write('bad-cred.yaml', 'browser:\n  credentials: { username: alice }\n')),
    )
    expect(e.message).toContain('/browser/credentials')
    expect(e.message).toContain('password')
    delete process.env.FAPI_UNIT_UNSET_PASSWORD
    const e2 = configError(() =>
      loadConfig(
        write(
          'unset-cred.yaml',
          'browser:\n  credentials: { username: alice, password: "${FAPI_UNIT_UNSET_PASSWORD}" }\n',
        ),
      ),
    )
    expect(e2.message).toContain('/browser/credentials/password')
  })

  test('an unknown browser property is named', () => {
    const e = configError(() => loadConfig(write('bad-browser.yaml', 'browser:\n  steps: []\n')))
    expect(e.message).toContain('/browser: unknown property "steps"')
  })
})

test.describe('allowed_origins', () => {
  test('a list of origins loads', () => {
    expect(
      loadConfig(
        write(
          'ok.yaml',
          'allowed_origins: [https://tokens.example.com, "https://mtls.example.com:8443"]\n',
        ),
      ).allowed_origins,
    ).toEqual(['https://tokens.example.com', 'https://mtls.example.com:8443'])
  })

  test('a URL with a path is no origin: refused naming /allowed_origins/<index>', () => {
    const e = configError(() =>
      loadConfig(
        write(
          'path.yaml',
          'allowed_origins: [https://a.example.com, https://b.example.com/token]\n',
        ),
      ),
    )
    expect(e.message).toContain('/allowed_origins/1')
  })

  test('a bare string is refused', () => {
    expect(
      configError(() => loadConfig(write('str.yaml', 'allowed_origins: https://a.example.com\n')))
        .message,
    ).toContain('/allowed_origins')
  })
})
