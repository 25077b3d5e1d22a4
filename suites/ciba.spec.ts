import { runSuite } from '../src/index.js'
import profile from '../profiles/ciba.js'
import { MODULES } from './index.js'

runSuite(profile, MODULES)
