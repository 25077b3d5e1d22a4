import { defineAttempt, methodExpectation, type ClientAuthMethod, type Module } from '../../src/index.js'

/**
 * One module per client authentication method: a client registered with it asks for an access
 * token with client_credentials. Allowed and advertised → must succeed; forbidden by the profile →
 * must be refused (at registration or at the token endpoint); allowed but not offered → not
 * applicable. `none` is covered by the public-client modules.
 */
const methods: ClientAuthMethod[] = [
  'client_secret_basic',
  'client_secret_post',
  'client_secret_jwt',
  'private_key_jwt',
  'tls_client_auth',
  'self_signed_tls_client_auth',
]

export const authMethodModules: Module[] = methods.map((method) =>
  defineAttempt({
    id: `auth-method-${method.replaceAll('_', '-')}`,
    title: `Token request authenticated with ${method}`,
    summary: `Registers a client with token_endpoint_auth_method=${method} and requests a token with grant_type=client_credentials, authenticated as registered.`,
    expect: (p, m) => methodExpectation(p, m, method),
    client: { method },
  }),
)
