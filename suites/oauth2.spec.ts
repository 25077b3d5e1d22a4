import { runSuite } from '../src/index.js'
import profile from '../profiles/oauth2.js'
import { MODULES } from './index.js'

runSuite(profile, MODULES)
