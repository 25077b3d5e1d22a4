import {
  ASSERTION_ERROR,
  assertionClient,
  authorizationClient,
  defineAttempt,
  fromRule,
  notApplicable,
  PrivateKeyJwt,
  setAud,
  setAudEndpoint,
  withAssertions,
  type Module,
  type Mutator,
  type ParAudienceKind,
} from '../../src/index.js'

const kinds: Array<{ kind: ParAudienceKind; slug: string; what: string; mutate: Mutator }> = [
  { kind: 'issuer', slug: 'issuer', what: 'the issuer identifier', mutate: setAud('issuer') },
  {
    kind: 'token_endpoint',
    slug: 'token-endpoint',
    what: 'the token endpoint URL',
    mutate: setAud('token_endpoint'),
  },
  {
    kind: 'par_endpoint',
    slug: 'par-endpoint',
    what: 'the pushed authorization request endpoint URL',
    mutate: setAudEndpoint('pushed_authorization_request'),
  },
]

/**
 * The aud of a private_key_jwt assertion at the pushed authorization request endpoint: RFC 9126 §2
 * makes the server accept the issuer, the token endpoint URL and the PAR endpoint URL; FAPI 2.0
 * §5.3.2.1-8 keeps the issuer only. Each value in a module of its own; a refusal is judged next to
 * the same client's pushed request with its usual aud.
 */
export const parAudienceModules: Module[] = kinds.map(({ kind, slug, what, mutate }) =>
  defineAttempt({
    id: `par-client-assertion-aud-${slug}`,
    title: `Pushed authorization request whose client assertion aud is ${what}`,
    summary: `A private_key_jwt client pushes a complete authorization request (the profile's response_type, PKCE S256, state) and authenticates with an assertion whose aud is ${what}; the profile says whether the server must accept or refuse it.`,
    endpoint: 'pushed_authorization_request',
    expect: withAssertions((p) =>
      p.parAudience
        ? fromRule(p.parAudience[kind])
        : notApplicable(
            `${p.title} sets no rule for the aud of client assertions at the pushed authorization request endpoint`,
          ),
    ),
    client: (p, m) => assertionClient(p, m, authorizationClient(p)),
    auth: () => [PrivateKeyJwt({ mutate: [mutate] })],
    errorCode: ASSERTION_ERROR,
  }),
)
