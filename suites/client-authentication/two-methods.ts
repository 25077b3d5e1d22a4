import { assertionClient, ClientSecretBasic, defineAttempt, PrivateKeyJwt, refusal, withAssertions, type Module } from '../../src/index.js'

/** RFC 6749 §2.3: one authentication method per request; §5.2 names the refusal invalid_request. */
export const twoMethodsModules: Module[] = [
  defineAttempt({
    id: 'two-authentication-methods',
    title: 'A request carrying two client authentication methods is refused',
    summary: 'A private_key_jwt client sends a valid client assertion and, in the same request, an HTTP Basic Authorization header for its client_id. RFC 6749 §5.2 lists "more than one mechanism for authenticating the client" under invalid_request.',
    expect: withAssertions(() => refusal(['RFC6749-2.3', 'RFC6749-5.2'], ['invalid_request'])),
    client: assertionClient,
    auth: () => [PrivateKeyJwt(), ClientSecretBasic('fapi-harness-second-credential')],
  }),
]
