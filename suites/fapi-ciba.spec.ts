import { runSuite } from '../src/index.js'
import profile from '../profiles/fapi-ciba.js'
import { MODULES } from './index.js'

runSuite(profile, MODULES)
