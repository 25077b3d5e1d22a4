import { PROFILE_IDS } from '../suite/profile.js'

const clientSchema = {
  type: 'object',
  required: ['client_id'],
  additionalProperties: false,
  properties: {
    client_id: { type: 'string', minLength: 1 },
    client_secret: {
      type: 'string',
      minLength: 1,
      description: 'for client_secret_*; use ${ENV_VAR} to keep it out of the file',
    },
    private_jwk: {
      type: 'object',
      required: ['kty'],
      description: 'the private JWK registered (public part) for private_key_jwt',
    },
    private_jwk_file: {
      type: 'string',
      description: 'path to a JSON file holding the private JWK',
    },
    cert: {
      type: 'string',
      description:
        'path to the PEM client certificate (tls_client_auth, self_signed_tls_client_auth)',
    },
    key: { type: 'string', description: 'path to the PEM private key of that certificate' },
  },
} as const

const selector = {
  type: 'string',
  minLength: 1,
  description: 'a Playwright selector (CSS, text=, role=, ...)',
} as const

/** An HTTP call the harness makes for the end-user (CIBA approval or denial on a test target). */
const httpCallSchema = {
  type: 'object',
  required: ['url'],
  additionalProperties: false,
  properties: {
    url: {
      type: 'string',
      pattern: '^https?://',
      description: '{auth_req_id} and {login_hint} are substituted',
    },
    method: { enum: ['GET', 'POST', 'PUT'], description: 'default POST' },
    headers: { type: 'object', additionalProperties: { type: 'string' } },
    form: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description: 'sent as application/x-www-form-urlencoded; values substituted like url',
    },
    json: { description: 'sent as application/json; string values substituted like url' },
  },
} as const

/** One step of the login and consent on the target's pages (src/suite/browser.ts LoginStep). */
const loginStepSchema = {
  oneOf: [
    {
      type: 'object',
      required: ['fill', 'value'],
      additionalProperties: false,
      properties: {
        name: { type: 'string' },
        fill: selector,
        value: {
          type: 'string',
          description: '{username} and {password} stand for browser.credentials',
        },
      },
    },
    {
      type: 'object',
      required: ['click'],
      additionalProperties: false,
      properties: { name: { type: 'string' }, click: selector },
    },
    {
      type: 'object',
      required: ['waitFor'],
      additionalProperties: false,
      properties: {
        name: { type: 'string' },
        waitFor: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: {
            url: {
              type: 'string',
              minLength: 1,
              description: 'a regular expression the page URL must match',
            },
            selector,
          },
        },
      },
    },
  ],
} as const

/**
 * The configuration file (YAML or JSON). Everything is optional: with no file and no --issuer the
 * harness tests its embedded reference AS.
 */
/** The longest the harness waits for a code to expire (config authorization_code.lifetime_s). */
export const MAX_CODE_WAIT_S = 45

/** The longest the harness waits for a pushed request_uri to expire (its expires_in, or config par.request_uri_lifetime_s). */
export const MAX_REQUEST_URI_WAIT_S = 45

export const CONFIG_SCHEMA = {
  $id: 'https://fapi-harness.dev/schemas/config.json',
  type: 'object',
  additionalProperties: false,
  properties: {
    issuer: {
      type: 'string',
      pattern: '^https?://',
      description: 'the issuer identifier of the target AS',
    },
    issuers: {
      type: 'object',
      description: 'a different issuer per profile',
      propertyNames: { enum: [...PROFILE_IDS] },
      additionalProperties: { type: 'string', pattern: '^https?://' },
    },
    discovery_url: { type: 'string', pattern: '^https?://' },
    profiles: { type: 'array', items: { enum: [...PROFILE_IDS] }, minItems: 1, uniqueItems: true },
    tls: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ca: {
          type: 'string',
          description: 'path to a PEM file of CA certificates to trust for the target',
        },
        insecure: { type: 'boolean', description: 'skip server certificate verification' },
        client_ca: {
          type: 'object',
          additionalProperties: false,
          required: ['cert', 'key'],
          description:
            'a CA the target trusts for tls_client_auth: the harness issues client certificates with it',
          properties: { cert: { type: 'string' }, key: { type: 'string' } },
        },
      },
    },
    registration: {
      type: 'object',
      additionalProperties: false,
      properties: {
        initial_access_token: { type: 'string', minLength: 1 },
        dynamic: {
          type: 'boolean',
          description:
            'false: never register clients, use the configured ones even where the target offers a registration_endpoint',
        },
        metadata: {
          type: 'object',
          description:
            'client metadata merged into every dynamic registration (redirect_uris, scope, contacts, software_statement, ...); default redirect_uris: a loopback callback of the harness',
          propertyNames: {
            not: { enum: ['token_endpoint_auth_method', 'jwks', 'jwks_uri', 'grant_types'] },
          },
        },
      },
    },
    scope: {
      type: 'string',
      minLength: 1,
      description:
        'scope sent with client_credentials, backchannel and authorization requests (RFC 6749 §3.3); default: none (openid for CIBA)',
    },
    token_request: {
      type: 'object',
      additionalProperties: false,
      properties: {
        params: {
          type: 'object',
          description: 'extra form parameters for every token request (resource, audience, ...)',
          additionalProperties: { type: 'string' },
          propertyNames: {
            not: {
              enum: [
                'grant_type',
                'client_id',
                'client_secret',
                'client_assertion',
                'client_assertion_type',
                'scope',
              ],
            },
          },
        },
      },
    },
    authorization_code: {
      type: 'object',
      additionalProperties: false,
      description: "the target's authorization codes",
      properties: {
        lifetime_s: {
          type: 'integer',
          minimum: 1,
          maximum: 600,
          description: `their lifetime in seconds: authorization-code-expired exchanges a code after it (waiting at most ${MAX_CODE_WAIT_S} s; without it the module is not applicable)`,
        },
      },
    },
    par: {
      type: 'object',
      additionalProperties: false,
      description: "the target's pushed authorization requests (RFC 9126)",
      properties: {
        request_uri_lifetime_s: {
          type: 'integer',
          minimum: 1,
          maximum: 600,
          description: `the lifetime of its request URIs in seconds, where the PAR response's expires_in does not say it: par-request-uri-expired waits out the longer of the two (at most ${MAX_REQUEST_URI_WAIT_S} s; with neither the module is not applicable)`,
        },
      },
    },
    ciba: {
      type: 'object',
      additionalProperties: false,
      description:
        'the end-user a CIBA backchannel request names: there is no built-in user on a real target',
      properties: {
        login_hint: { type: 'string', minLength: 1 },
        login_hint_token: { type: 'string', minLength: 1 },
        id_token_hint: { type: 'string', minLength: 1 },
        binding_message: { type: 'string', minLength: 1 },
        deny_login_hint: {
          type: 'string',
          minLength: 1,
          description:
            'a login_hint whose end-user denies every request (ciba-poll-access-denied); default against the embedded AS: deny',
        },
        approval: {
          type: 'object',
          additionalProperties: false,
          description:
            "how the end-user's decision happens on the target: an HTTP call the harness makes after each backchannel request ({auth_req_id}, {login_hint} are substituted); without it the end-user (or the target) decides on its own",
          properties: { approve: httpCallSchema, deny: httpCallSchema },
        },
        notification: {
          type: 'object',
          additionalProperties: false,
          description:
            'the client notification endpoint (ping mode, CIBA §10.2): an HTTPS receiver the harness runs on 127.0.0.1',
          properties: {
            public_url: {
              type: 'string',
              pattern: '^https://',
              description:
                "registered as backchannel_client_notification_endpoint; a tunnel or proxy there forwards to the receiver. Default: the receiver's own https://127.0.0.1:<port> URL",
            },
            port: {
              type: 'integer',
              minimum: 1,
              maximum: 65535,
              description:
                'local port of the receiver (default: a free one); fixed, it needs --workers 1',
            },
            cert: {
              type: 'string',
              description:
                'path to the PEM server certificate of the receiver (default: one the harness makes)',
            },
            key: { type: 'string', description: 'path to its PEM private key' },
          },
          dependencies: { cert: ['key'], key: ['cert'] },
        },
      },
    },
    client_assertion: {
      type: 'object',
      additionalProperties: false,
      properties: {
        aud: {
          enum: ['issuer', 'token_endpoint', 'issuer_in_array'],
          description:
            "pins the aud of every client assertion outside the aud modules; default: the value the target accepts, the profile's preferred one first",
        },
      },
    },
    clients: {
      type: 'object',
      description:
        'clients registered out of band, by role (auth method, or method:key kind such as private_key_jwt:RSA-1024); used when the target has no registration_endpoint',
      propertyNames: {
        pattern:
          '^(client_secret_basic|client_secret_post|client_secret_jwt|private_key_jwt|tls_client_auth|self_signed_tls_client_auth|none)(:[A-Za-z0-9-]+)?$',
      },
      additionalProperties: clientSchema,
    },
    resource_url: {
      type: 'string',
      pattern: '^(https://|\\{issuer\\})',
      description:
        'a protected resource of the target that enforces certificate-bound tokens (RFC 8705 §3); {issuer} is replaced by the profile issuer',
    },
    browser: {
      type: 'object',
      additionalProperties: false,
      description: "the end-user's login and consent in the browser (redirect flows)",
      properties: {
        login: {
          type: 'array',
          minItems: 1,
          items: loginStepSchema,
          description:
            "the steps on the target's login and consent pages; default: the embedded AS's forms",
        },
        deny: {
          type: 'array',
          minItems: 1,
          items: loginStepSchema,
          description:
            "the steps of a login that ends with the end-user denying consent (RFC 6749 §4.1.2.1 access_denied); default: the embedded AS's forms and its Cancel link, unless login is configured",
        },
        credentials: {
          type: 'object',
          additionalProperties: false,
          required: ['username', 'password'],
          description: 'the test user; use ${ENV_VAR}: both are masked in every report',
          properties: {
            username: { type: 'string', minLength: 1 },
            password: { type: 'string', minLength: 1 },
          },
        },
      },
    },
    allowed_origins: {
      type: 'array',
      uniqueItems: true,
      items: { type: 'string', pattern: '^https?://[^/?#]+/?$' },
      description:
        "origins (scheme://host[:port]) other than the issuer's that may receive credentials: an endpoint of the metadata elsewhere is not called",
    },
    timeout_ms: { type: 'integer', minimum: 100, maximum: 600000 },
    workers: { type: 'integer', minimum: 1, maximum: 64 },
  },
} as const
