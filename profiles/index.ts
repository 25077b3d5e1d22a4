import type { Profile, ProfileId } from '../src/suite/profile.js'
import ciba from './ciba.js'
import fapiCiba from './fapi-ciba.js'
import fapi1Advanced from './fapi1-advanced.js'
import fapi1Baseline from './fapi1-baseline.js'
import fapi2Security from './fapi2-security.js'
import oauth2 from './oauth2.js'
import oidc from './oidc.js'

/** Every profile the harness knows, in the order they are run and reported. */
export const PROFILES: Record<ProfileId, Profile> = {
  oauth2,
  oidc,
  'fapi1-baseline': fapi1Baseline,
  'fapi1-advanced': fapi1Advanced,
  'fapi2-security': fapi2Security,
  ciba,
  'fapi-ciba': fapiCiba,
}
