import {
  authMethodsIncludeAllowed,
  authMethodsWithinProfile,
  defineModule,
  discoveryIssuerMatches,
  JWT_METHODS,
  notApplicable,
  signingAlgsExcludeNone,
  signingAlgsIncludeAllowed,
  signingAlgsListedForJwtMethods,
  signingAlgsWithinProfile,
  use,
  validateDiscoveryMetadata,
  type Module,
  type Profile,
  type RequirementId,
  type ServerMetadata,
} from '../../src/index.js'

/**
 * The authorization server metadata, judged against the profile's lists (RFC 8414, OIDC Discovery).
 *
 * The metadata document serves every client of the issuer, while the FAPI clauses (FAPI 1 Part 1
 * §5.2.2-4, Part 2 §5.2.2-14 and §8.6, FAPI 2.0 §5.3.2.1-6 and §5.4.1) govern how the profile's
 * clients are authenticated. So: offering at least one method (and, for private_key_jwt, one
 * algorithm) the profile allows is required (`shall`: otherwise no conforming client can
 * authenticate); listing others besides is reported as a warning (`should`), and whether the
 * server actually refuses them to a FAPI client is judged at the token endpoint.
 */

/**
 * `none` is the public-client method: the profile's publicClients rule judges it, not its
 * clientAuth list. Where public clients are not refused (FAPI 1 Part 1 §5.2.2-2: the AS "should
 * support public clients"), listing `none` is never counted against the server.
 */
function methodsListable(p: Profile): { allowed: string[]; requirements: RequirementId[] } {
  const allowed = p.clientAuth.allowed === 'advertised' ? [] : [...p.clientAuth.allowed]
  if (p.publicClients.expect === 'refuse')
    return {
      allowed,
      requirements: [...p.clientAuth.requirements, ...p.publicClients.requirements],
    }
  return {
    allowed: [...allowed, 'none'],
    requirements: [...p.clientAuth.requirements, ...p.publicClients.requirements],
  }
}

const jwtMethodsListed = (m: ServerMetadata) =>
  (m.token_endpoint_auth_methods_supported ?? ['client_secret_basic']).filter((x) =>
    (JWT_METHODS as readonly string[]).includes(x),
  )

export const discoveryModules: Module[] = [
  defineModule({
    id: 'discovery-document-valid',
    title: 'The discovery document is valid JSON metadata for the configured issuer',
    surface: 'discovery',
    summary:
      'Fetches the metadata document, validates it against the JSON Schema of the members the harness relies on, and compares its issuer with the configured one.',
    async run({ sim, expectedIssuer, metadata }) {
      const response = await sim.discover()
      return {
        expected: 'valid metadata',
        uses: [
          use(validateDiscoveryMetadata, { response }),
          use(discoveryIssuerMatches, { metadata, expectedIssuer }),
        ],
      }
    },
  }),
  defineModule({
    id: 'discovery-auth-methods-include-allowed',
    title: 'At least one method the profile allows is advertised',
    surface: 'discovery',
    summary:
      'token_endpoint_auth_methods_supported must offer a method the profile allows (an absent list means client_secret_basic), or no client of the profile could authenticate.',
    async run({ profile: p, metadata }) {
      if (p.clientAuth.allowed === 'advertised')
        return notApplicable(`${p.title} does not restrict the client authentication methods`)
      return {
        expected: `one of ${p.clientAuth.allowed.join(', ')}`,
        uses: [
          use(
            authMethodsIncludeAllowed,
            { metadata, allowed: p.clientAuth.allowed },
            p.clientAuth.requirements,
          ),
        ],
      }
    },
  }),
  defineModule({
    id: 'discovery-auth-methods-within-profile',
    title: 'Methods outside the profile are not advertised (a warning, not a failure)',
    surface: 'discovery',
    summary:
      "token_endpoint_auth_methods_supported lists a method the profile does not let its clients use: reported as a warning, since the metadata serves every client of the issuer and the token endpoint modules judge whether the method is refused to the profile's clients. none counts only where the profile refuses public clients.",
    async run({ profile: p, metadata }) {
      if (p.clientAuth.allowed === 'advertised')
        return notApplicable(`${p.title} does not restrict the client authentication methods`)
      const { allowed, requirements } = methodsListable(p)
      return {
        expected: `a subset of ${allowed.join(', ')}`,
        uses: [use(authMethodsWithinProfile, { metadata, allowed }, requirements, 'should')],
      }
    },
  }),
  defineModule({
    id: 'discovery-signing-algs-listed-for-jwt-methods',
    title: 'Signing algorithms are advertised when a JWT client authentication method is',
    surface: 'discovery',
    summary:
      'RFC 8414 §2: token_endpoint_auth_signing_alg_values_supported MUST be present if private_key_jwt or client_secret_jwt is listed in token_endpoint_auth_methods_supported; no default algorithms are implied.',
    async run({ metadata }) {
      return {
        expected: 'present with private_key_jwt / client_secret_jwt',
        uses: [use(signingAlgsListedForJwtMethods, { metadata })],
      }
    },
  }),
  defineModule({
    id: 'discovery-signing-algs-include-allowed',
    title: 'At least one algorithm the profile allows is advertised for client assertions',
    surface: 'discovery',
    summary:
      'Where the target advertises private_key_jwt or client_secret_jwt, token_endpoint_auth_signing_alg_values_supported must offer an algorithm the profile allows (FAPI 1 Part 2: PS256 or ES256; FAPI 2.0: PS256, ES256 or EdDSA).',
    async run({ profile: p, metadata }) {
      if (p.signingAlgs.allowed === 'advertised')
        return notApplicable(`${p.title} does not restrict client assertion algorithms`)
      const jwt = jwtMethodsListed(metadata)
      if (!jwt.length)
        return notApplicable(
          'the target advertises no JWT client authentication method (private_key_jwt, client_secret_jwt)',
          p.signingAlgs.requirements,
        )
      if (!metadata.token_endpoint_auth_signing_alg_values_supported)
        return notApplicable(
          'the target lists no signing algorithms at all: discovery-signing-algs-listed-for-jwt-methods judges that',
          p.signingAlgs.requirements,
        )
      return {
        expected: `one of ${p.signingAlgs.allowed.join(', ')}`,
        uses: [
          use(
            signingAlgsIncludeAllowed,
            { metadata, allowed: p.signingAlgs.allowed },
            p.signingAlgs.requirements,
          ),
        ],
      }
    },
  }),
  defineModule({
    id: 'discovery-signing-algs-within-profile',
    title:
      'Algorithms outside the profile are not advertised for client assertions (a warning, not a failure)',
    surface: 'discovery',
    summary:
      'token_endpoint_auth_signing_alg_values_supported lists an algorithm the profile does not let its clients use: reported as a warning, since the list serves every client of the issuer; the assertion modules judge whether such assertions are refused.',
    async run({ profile: p, metadata }) {
      if (p.signingAlgs.allowed === 'advertised')
        return notApplicable(`${p.title} does not restrict client assertion algorithms`)
      if (!metadata.token_endpoint_auth_signing_alg_values_supported)
        return notApplicable('the target lists no signing algorithms', p.signingAlgs.requirements)
      return {
        expected: `a subset of ${p.signingAlgs.allowed.join(', ')}`,
        uses: [
          use(
            signingAlgsWithinProfile,
            { metadata, allowed: p.signingAlgs.allowed },
            p.signingAlgs.requirements,
            'should',
          ),
        ],
      }
    },
  }),
  defineModule({
    id: 'discovery-signing-algs-exclude-none',
    title: 'none is never advertised as a client assertion algorithm',
    surface: 'discovery',
    summary:
      'RFC 8414 §2 and OpenID Connect Discovery §3: the value none MUST NOT be used in token_endpoint_auth_signing_alg_values_supported.',
    async run({ metadata }) {
      return { expected: 'none absent', uses: [use(signingAlgsExcludeNone, { metadata })] }
    },
  }),
]
