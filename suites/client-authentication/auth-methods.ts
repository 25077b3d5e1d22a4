import {
  CLIENT_AUTH_FAILED,
  CLIENT_AUTH_METHODS,
  ClientSecretBasic,
  ClientSecretPost,
  defineAttempt,
  isNotApplicable,
  methodExpectation,
  notApplicable,
  refusal,
  type ClientAuthMethod,
  type Module,
} from '../../src/index.js'

/**
 * One module per client authentication method at the token endpoint: a client registered with it
 * requests a token with grant_type=client_credentials, authenticated as registered. Allowed and
 * advertised → must succeed; forbidden by the profile → must be refused (at registration or at the
 * token endpoint); allowed but not offered → not applicable. `none` is covered by the public-client
 * modules; the same methods at the other endpoints that authenticate clients (PAR, revocation,
 * device authorization, backchannel) are endpoint-<endpoint>-auth-method-* (endpoints.ts).
 */
const methods = CLIENT_AUTH_METHODS.filter(
  (m): m is Exclude<ClientAuthMethod, 'none'> => m !== 'none',
)

export const authMethodModules: Module[] = methods.map((method) => {
  const slug = method.replaceAll('_', '-')
  return defineAttempt({
    id: `auth-method-${slug}`,
    title: `Token request authenticated with ${method}`,
    summary: `Registers a client with token_endpoint_auth_method=${method} and requests a token with grant_type=client_credentials, authenticated as registered.`,
    expect: (p, m) => methodExpectation(p, m, method),
    client: { method },
  })
})

/** Wrong credentials for the shared-secret methods: refused, and for HTTP Basic with 401 + WWW-Authenticate. */
export const wrongSecretModules: Module[] = (
  ['client_secret_basic', 'client_secret_post'] as const
).map((method) =>
  defineAttempt({
    id: `${method.replaceAll('_', '-')}-wrong-secret`,
    title: `${method} with a wrong client_secret is refused`,
    summary: `Registers a ${method} client, authenticates with its secret (the control, which must succeed), then with a secret that is not its own. RFC 6749 §5.2: invalid_client; when the client used the Authorization header, HTTP 401 with WWW-Authenticate.`,
    expect: (p, m) => {
      const e = methodExpectation(p, m, method)
      if (isNotApplicable(e)) return e
      if (e.outcome === 'refused')
        return notApplicable(
          `${p.title} forbids ${method}; auth-method-${method.replaceAll('_', '-')} checks that it is refused`,
        )
      return refusal(['RFC6749-3.2.1'])
    },
    client: { method },
    auth: (c) => [
      method === 'client_secret_basic'
        ? ClientSecretBasic(`${c.client_secret}-wrong`)
        : ClientSecretPost(`${c.client_secret}-wrong`),
    ],
    errorCode: CLIENT_AUTH_FAILED,
  }),
)
