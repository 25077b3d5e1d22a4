import {
  assertionBaseline,
  ClientSecretBasic,
  ClientSecretPost,
  defineAttempt,
  isNotApplicable,
  methodExpectation,
  notApplicable,
  PrivateKeyJwt,
  refusal,
  type ClientAuth,
  type ClientSpec,
  type Module,
  type NotApplicable,
  type Profile,
  type ServerMetadata,
} from '../../src/index.js'

/** Whether the profile allows a method and the target advertises it. */
const usable = (
  p: Profile,
  m: ServerMetadata,
  method: 'client_secret_basic' | 'client_secret_post',
) => {
  const e = methodExpectation(p, m, method)
  return !isNotApplicable(e) && e.outcome === 'accepted'
}

/**
 * The client of the two-method request: a shared-secret client where the target offers both
 * secret transports (its second credential is as valid as the first), else the private_key_jwt
 * baseline, whose second credential is an HTTP Basic header for its client_id.
 */
function client(p: Profile, m: ServerMetadata): ClientSpec | NotApplicable {
  if (usable(p, m, 'client_secret_basic') && usable(p, m, 'client_secret_post'))
    return { method: 'client_secret_post' }
  const base = assertionBaseline(p, m)
  if (isNotApplicable(base))
    return notApplicable(
      `neither both secret methods nor private_key_jwt can be used: ${base.notApplicable}`,
    )
  return { method: 'private_key_jwt', key: base.key }
}

function twoMethods(c: {
  token_endpoint_auth_method: string
  client_secret?: string
}): ClientAuth[] {
  if (c.token_endpoint_auth_method === 'client_secret_post')
    return [ClientSecretPost(), ClientSecretBasic()]
  return [PrivateKeyJwt(), ClientSecretBasic('fapi-harness-second-credential')]
}

/**
 * RFC 6749 §5.2 names the refusal of a request that "utilizes more than one mechanism for
 * authenticating the client" invalid_request; a server may equally answer invalid_client (401 when
 * HTTP Basic was tried): both are refusals.
 */
export const twoMethodsModules: Module[] = [
  defineAttempt({
    id: 'two-authentication-methods',
    title: 'A request carrying two client authentication methods is refused',
    summary:
      'A client authenticates once as registered (the control, which must succeed), then sends the same request with a second credential: a client_secret_post client also sends its (valid) secret in HTTP Basic, or a private_key_jwt client adds an HTTP Basic header for its client_id.',
    expect: () => refusal(['RFC6749-5.2-1']),
    client,
    auth: (c) => twoMethods(c),
    errorCode: {
      codes: ['invalid_request', 'invalid_client'],
      requirements: ['RFC6749-5.2'],
      level: 'shall',
    },
  }),
]
