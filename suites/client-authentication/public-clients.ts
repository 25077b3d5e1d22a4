import { defineAttempt, fromRule, notApplicable, type Module } from '../../src/index.js'

/**
 * Public clients (token_endpoint_auth_method none). The client is the change: its compliant twin
 * (the profile's baseline client with the same grants) registers first and succeeds, then the
 * public client registers. A refusal naming the metadata, or a registration that replaces `none`
 * with a confidential method (RFC 7591 §3.2.1 "reject or replace"), is a refusal of the public client.
 */
export const publicClientModules: Module[] = [
  defineAttempt({
    id: 'public-client-credentials-grant',
    title: 'A public client (none) cannot use the client_credentials grant',
    summary:
      'Registers a client with token_endpoint_auth_method=none and grant_types=[client_credentials] and asks for a token with only its client_id. RFC 6749 §4.4 reserves the grant for confidential clients: the registration or the token request must be refused.',
    expect: (p) => fromRule(p.publicClientCredentials),
    client: { method: 'none' },
  }),
  defineAttempt({
    id: 'public-client-registration',
    title:
      'A public client cannot be registered where the profile admits confidential clients only',
    summary:
      'Registers a client with token_endpoint_auth_method=none for the authorization code grant. Where the profile admits confidential clients only, the registration must be refused (RFC 7591 §3.2.2 invalid_client_metadata) or the method replaced with a confidential one (§3.2.1).',
    expect: (p) => fromRule(p.publicClients),
    registrationOnly: true,
    client: (_p, m) =>
      m.registration_endpoint
        ? { method: 'none', grant_types: ['authorization_code'] }
        : notApplicable(
            'whether public clients are admitted can only be probed through dynamic registration, and the target has no registration_endpoint',
          ),
  }),
]
