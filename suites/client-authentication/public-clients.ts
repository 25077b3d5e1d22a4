import { defineAttempt, fromRule, notApplicable, type Module } from '../../src/index.js'

export const publicClientModules: Module[] = [
  defineAttempt({
    id: 'public-client-credentials-grant',
    title: 'A public client (none) cannot use the client_credentials grant',
    summary: 'Registers a client with token_endpoint_auth_method=none and grant_types=[client_credentials] and asks for a token with only its client_id. RFC 6749 §4.4 reserves the grant for confidential clients: the registration or the token request must be refused.',
    expect: (p) => fromRule(p.publicClientCredentials, ['unauthorized_client', 'invalid_client', 'invalid_request', 'invalid_grant']),
    client: { method: 'none' },
  }),
  defineAttempt({
    id: 'public-client-registration',
    title: 'A public client cannot be registered where the profile admits confidential clients only',
    summary: 'Registers a client with token_endpoint_auth_method=none for the authorization code grant. Where the profile admits confidential clients only, the registration must be refused (RFC 7591 §3.2.2 invalid_client_metadata).',
    expect: (p) => fromRule(p.publicClients, []),
    registrationOnly: true,
    client: (_p, m) =>
      m.registration_endpoint
        ? { method: 'none', grant_types: ['authorization_code'], metadata: { redirect_uris: ['https://127.0.0.1/fapi-harness/callback'], response_types: ['code'] } }
        : notApplicable('whether public clients are admitted can only be probed through dynamic registration, and the target has no registration_endpoint'),
  }),
]
