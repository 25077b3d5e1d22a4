import { runSuite } from '../src/index.js'
import profile from '../profiles/fapi2-security.js'
import { MODULES } from './index.js'

runSuite(profile, MODULES)
