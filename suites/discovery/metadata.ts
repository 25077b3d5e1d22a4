import {
  authMethodsIncludeAllowed,
  authMethodsWithinProfile,
  defineModule,
  discoveryIssuerMatches,
  notApplicable,
  signingAlgsExcludeNone,
  signingAlgsWithinProfile,
  use,
  validateDiscoveryMetadata,
  type Module,
} from '../../src/index.js'

/** The authorization server metadata, judged against the profile's lists (RFC 8414, OIDC Discovery). */
export const discoveryModules: Module[] = [
  defineModule({
    id: 'discovery-document-valid',
    title: 'The discovery document is valid JSON metadata for the configured issuer',
    surface: 'discovery',
    summary: 'Fetches the metadata document, validates it against the JSON Schema of the members the harness relies on, and compares its issuer with the configured one.',
    async run({ sim, expectedIssuer, metadata }) {
      const response = await sim.discover()
      return {
        expected: 'valid metadata',
        uses: [use(validateDiscoveryMetadata, { response }), use(discoveryIssuerMatches, { metadata, expectedIssuer })],
      }
    },
  }),
  defineModule({
    id: 'discovery-auth-methods-within-profile',
    title: 'Only methods the profile allows are advertised for the token endpoint',
    surface: 'discovery',
    summary: 'token_endpoint_auth_methods_supported must not list a method the profile forbids (an absent list means client_secret_basic).',
    async run({ profile: p, metadata }) {
      if (p.clientAuth.allowed === 'advertised') return notApplicable(`${p.title} does not restrict the client authentication methods`)
      return { expected: `a subset of ${p.clientAuth.allowed.join(', ')}`, uses: [use(authMethodsWithinProfile, { metadata, allowed: p.clientAuth.allowed }, p.clientAuth.requirements)] }
    },
  }),
  defineModule({
    id: 'discovery-auth-methods-include-allowed',
    title: 'At least one method the profile allows is advertised',
    surface: 'discovery',
    summary: 'token_endpoint_auth_methods_supported must offer a method the profile allows, or no client could conform.',
    async run({ profile: p, metadata }) {
      if (p.clientAuth.allowed === 'advertised') return notApplicable(`${p.title} does not restrict the client authentication methods`)
      return { expected: `one of ${p.clientAuth.allowed.join(', ')}`, uses: [use(authMethodsIncludeAllowed, { metadata, allowed: p.clientAuth.allowed }, p.clientAuth.requirements)] }
    },
  }),
  defineModule({
    id: 'discovery-signing-algs-within-profile',
    title: 'Only algorithms the profile allows are advertised for client assertions',
    surface: 'discovery',
    summary: 'token_endpoint_auth_signing_alg_values_supported must not list an algorithm the profile forbids.',
    async run({ profile: p, metadata }) {
      if (p.signingAlgs.allowed === 'advertised') return notApplicable(`${p.title} does not restrict client assertion algorithms`)
      return { expected: `a subset of ${p.signingAlgs.allowed.join(', ')}`, uses: [use(signingAlgsWithinProfile, { metadata, allowed: p.signingAlgs.allowed }, p.signingAlgs.requirements)] }
    },
  }),
  defineModule({
    id: 'discovery-signing-algs-exclude-none',
    title: 'none is never advertised as a client assertion algorithm',
    surface: 'discovery',
    summary: 'OpenID Connect Discovery §3: the value none MUST NOT be used in token_endpoint_auth_signing_alg_values_supported.',
    async run({ metadata }) {
      return { expected: 'none absent', uses: [use(signingAlgsExcludeNone, { metadata })] }
    },
  }),
]
