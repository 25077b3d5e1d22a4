// Violates FAPI 1.0 Part 1 §5.2.2-5 (FAPI1-BASE-5.2.2-5) and RFC 7518 §3.3/§3.5: RSA keys used
// for client authentication shall be at least 2048 bits. Two layers refuse them in the reference
// AS: its registration policy (switched off here) and jose, which will not verify with a short RSA
// key; jose is source-patched (d) in lib/jws_verify.js (child process only).
import { defineMutant } from '../../src/reference-as/mutant.js'
import { RELAX_RSA_MIN_BITS } from '../../src/reference-as/patches.js'

export default defineMutant({
  id: 'accepts-rsa-1024',
  module: import.meta.url,
  description: 'fapi1-baseline registers and accepts 1024-bit RSA client keys',
  profiles: ['fapi1-baseline'],
  expectFailures: {
    // One rule, two places: JWS keys and TLS client certificate keys.
    'fapi1-baseline': ['client-key-rsa-1024', 'mtls-tls-client-auth-rsa-1024'],
  },
  policy: { minRsaBits: 0 },
  sourcePatches: [RELAX_RSA_MIN_BITS],
  relax: (check) => check === 'rsa-min-bits',
})
