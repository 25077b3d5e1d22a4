/**
 * JSON Schema of the authorization server metadata members the harness relies on (RFC 8414 §2,
 * OIDC Discovery §3, RFC 8705 §5, CIBA §4). Unknown members are allowed, as both specs require.
 */
export const METADATA_SCHEMA = {
  $id: 'https://fapi-harness.dev/schemas/as-metadata.json',
  type: 'object',
  required: ['issuer', 'token_endpoint'],
  properties: {
    issuer: { type: 'string', pattern: '^https://[^?#]+$' },
    token_endpoint: { type: 'string', pattern: '^https://' },
    registration_endpoint: { type: 'string', pattern: '^https://' },
    jwks_uri: { type: 'string', pattern: '^https://' },
    backchannel_authentication_endpoint: { type: 'string', pattern: '^https://' },
    token_endpoint_auth_methods_supported: {
      type: 'array',
      items: { type: 'string' },
      minItems: 1,
    },
    token_endpoint_auth_signing_alg_values_supported: {
      type: 'array',
      items: { type: 'string' },
      minItems: 1,
    },
    grant_types_supported: { type: 'array', items: { type: 'string' } },
    response_types_supported: { type: 'array', items: { type: 'string' } },
    backchannel_token_delivery_modes_supported: {
      type: 'array',
      items: { enum: ['poll', 'ping', 'push'] },
      minItems: 1,
    },
    backchannel_user_code_parameter_supported: { type: 'boolean' },
    tls_client_certificate_bound_access_tokens: { type: 'boolean' },
    mtls_endpoint_aliases: {
      type: 'object',
      additionalProperties: { type: 'string', pattern: '^https://' },
    },
  },
} as const
