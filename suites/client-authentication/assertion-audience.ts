import {
  ASSERTION_ERROR,
  assertionClient,
  defineAttempt,
  fromRule,
  notApplicable,
  PrivateKeyJwt,
  setAud,
  withAssertions,
  type AudienceKind,
  type Module,
} from '../../src/index.js'

/**
 * The `aud` of the client assertion at the token endpoint: which values identify the server
 * (RFC 7523 §3, OIDC Core §9, FAPI 2.0 issuer-only) and that another server's URL is refused.
 */
const kinds: Array<{ kind: AudienceKind | 'other_server'; what: string }> = [
  { kind: 'token_endpoint', what: 'the token endpoint URL' },
  { kind: 'issuer', what: 'the issuer identifier (a string)' },
  { kind: 'issuer_in_array', what: 'an array holding the issuer identifier' },
  { kind: 'backchannel_endpoint', what: 'the backchannel authentication endpoint URL' },
  { kind: 'other_server', what: "another server's token endpoint URL" },
]

export const assertionAudienceModules: Module[] = kinds.map(({ kind, what }) =>
  defineAttempt({
    id: `client-assertion-aud-${kind.replaceAll('_', '-')}`,
    title: `Client assertion with aud = ${what}`,
    summary: `A private_key_jwt client authenticates at the token endpoint with an assertion whose aud is ${what}; the profile says whether the server must accept or refuse it.`,
    expect: withAssertions((p, m) =>
      kind === 'backchannel_endpoint' && !m.backchannel_authentication_endpoint
        ? notApplicable('the target advertises no backchannel_authentication_endpoint')
        : fromRule(p.audience[kind]),
    ),
    client: assertionClient,
    auth: () => [PrivateKeyJwt({ mutate: [setAud(kind)] })],
    errorCode: ASSERTION_ERROR,
  }),
)
