import {
  authorizationClient,
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

/** The endpoints each method is tried at: the token endpoint (client_credentials) and the PAR endpoint (a complete authorization request). */
const ENDPOINTS = {
  token: { prefix: '', what: 'requests a token with grant_type=client_credentials' },
  pushed_authorization_request: { prefix: 'par-', what: 'pushes a complete authorization request (RFC 9126 §2.1) to the pushed authorization request endpoint' },
} as const

/**
 * One module per client authentication method and endpoint: a client registered with it calls
 * the endpoint, authenticated as registered. At the token endpoint: allowed and advertised → must
 * succeed; forbidden by the profile → must be refused (at registration or at the token endpoint);
 * allowed but not offered → not applicable. At the PAR endpoint (RFC 9126 §2: the token endpoint's
 * client authentication rules "including the applicable authentication methods, apply for the
 * PAR endpoint as well") every method the profile allows and the target advertises must succeed;
 * the refusal of a forbidden method is judged once, at registration and the token endpoint.
 * `none` is covered by the public-client modules.
 */
const methods = CLIENT_AUTH_METHODS.filter((m): m is Exclude<ClientAuthMethod, 'none'> => m !== 'none')

function authMethodModule(method: Exclude<ClientAuthMethod, 'none'>, endpoint: keyof typeof ENDPOINTS): Module {
  const slug = method.replaceAll('_', '-')
  const { prefix, what } = ENDPOINTS[endpoint]
  if (endpoint === 'token') {
    return defineAttempt({
      id: `auth-method-${slug}`,
      title: `Token request authenticated with ${method}`,
      summary: `Registers a client with token_endpoint_auth_method=${method} and ${what}, authenticated as registered.`,
      expect: (p, m) => methodExpectation(p, m, method),
      client: { method },
    })
  }
  return defineAttempt({
    id: `${prefix}auth-method-${slug}`,
    title: `Pushed authorization request authenticated with ${method}`,
    summary: `Registers a client with token_endpoint_auth_method=${method} for the authorization code grant and ${what}, authenticated as registered (as a signed request object where the profile requires one).`,
    endpoint,
    expect: (p, m) => {
      const e = methodExpectation(p, m, method)
      if (isNotApplicable(e)) return e
      if (e.outcome === 'refused') return notApplicable(`${p.title} forbids ${method}; auth-method-${slug} checks that it is refused`)
      const rule = p.authenticatedEndpoints.find((x) => x.endpoint === endpoint)
      if (!rule) return notApplicable(`${p.title} sets no client authentication rule for the ${endpoint} endpoint`)
      return { ...e, requirements: [...e.requirements, ...rule.requirements.filter((r) => !e.requirements.includes(r))] }
    },
    client: (p) => ({ method, ...authorizationClient(p) }),
  })
}

export const authMethodModules: Module[] = methods.map((method) => authMethodModule(method, 'token'))

/** The same methods at the pushed authorization request endpoint. */
export const parAuthMethodModules: Module[] = methods.map((method) => authMethodModule(method, 'pushed_authorization_request'))

/** Wrong credentials for the shared-secret methods: refused, and for HTTP Basic with 401 + WWW-Authenticate. */
export const wrongSecretModules: Module[] = (['client_secret_basic', 'client_secret_post'] as const).map((method) =>
  defineAttempt({
    id: `${method.replaceAll('_', '-')}-wrong-secret`,
    title: `${method} with a wrong client_secret is refused`,
    summary: `Registers a ${method} client, authenticates with its secret (the control, which must succeed), then with a secret that is not its own. RFC 6749 §5.2: invalid_client; when the client used the Authorization header, HTTP 401 with WWW-Authenticate.`,
    expect: (p, m) => {
      const e = methodExpectation(p, m, method)
      if (isNotApplicable(e)) return e
      if (e.outcome === 'refused') return notApplicable(`${p.title} forbids ${method}; auth-method-${method.replaceAll('_', '-')} checks that it is refused`)
      return refusal(['RFC6749-3.2.1'])
    },
    client: { method },
    auth: (c) => [method === 'client_secret_basic' ? ClientSecretBasic(`${c.client_secret}-wrong`) : ClientSecretPost(`${c.client_secret}-wrong`)],
    errorCode: CLIENT_AUTH_FAILED,
  }),
)
