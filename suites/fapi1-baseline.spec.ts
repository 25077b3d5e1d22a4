import { runSuite } from '../src/index.js'
import profile from '../profiles/fapi1-baseline.js'
import { MODULES } from './index.js'

runSuite(profile, MODULES)
