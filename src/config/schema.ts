import { PROFILE_IDS } from '../suite/profile.js'

const clientSchema = {
  type: 'object',
  required: ['client_id'],
  additionalProperties: false,
  properties: {
    client_id: { type: 'string', minLength: 1 },
    client_secret: { type: 'string', minLength: 1, description: 'for client_secret_*; use ${ENV_VAR} to keep it out of the file' },
    private_jwk: { type: 'object', required: ['kty'], description: 'the private JWK registered (public part) for private_key_jwt' },
    private_jwk_file: { type: 'string', description: 'path to a JSON file holding the private JWK' },
    cert: { type: 'string', description: 'path to the PEM client certificate (tls_client_auth, self_signed_tls_client_auth)' },
    key: { type: 'string', description: 'path to the PEM private key of that certificate' },
  },
} as const

/**
 * The configuration file (YAML or JSON). Everything is optional: with no file and no --issuer the
 * harness tests its embedded reference AS.
 */
export const CONFIG_SCHEMA = {
  $id: 'https://fapi-harness.dev/schemas/config.json',
  type: 'object',
  additionalProperties: false,
  properties: {
    issuer: { type: 'string', pattern: '^https?://', description: 'the issuer identifier of the target AS' },
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
        ca: { type: 'string', description: 'path to a PEM file of CA certificates to trust for the target' },
        insecure: { type: 'boolean', description: 'skip server certificate verification' },
        client_ca: {
          type: 'object',
          additionalProperties: false,
          required: ['cert', 'key'],
          description: 'a CA the target trusts for tls_client_auth: the harness issues client certificates with it',
          properties: { cert: { type: 'string' }, key: { type: 'string' } },
        },
      },
    },
    registration: {
      type: 'object',
      additionalProperties: false,
      properties: {
        initial_access_token: { type: 'string', minLength: 1 },
        dynamic: { type: 'boolean', description: 'false: never register clients, use the configured ones even where the target offers a registration_endpoint' },
      },
    },
    clients: {
      type: 'object',
      description: 'clients registered out of band, by role (auth method, or method:key kind such as private_key_jwt:RSA-1024); used when the target has no registration_endpoint',
      propertyNames: { pattern: '^(client_secret_basic|client_secret_post|client_secret_jwt|private_key_jwt|tls_client_auth|self_signed_tls_client_auth|none)(:[A-Za-z0-9-]+)?$' },
      additionalProperties: clientSchema,
    },
    resource_url: {
      type: 'string',
      pattern: '^(https://|\\{issuer\\})',
      description: 'a protected resource of the target that enforces certificate-bound tokens (RFC 8705 §3); {issuer} is replaced by the profile issuer',
    },
    timeout_ms: { type: 'integer', minimum: 100, maximum: 600000 },
    workers: { type: 'integer', minimum: 1, maximum: 64 },
  },
} as const
