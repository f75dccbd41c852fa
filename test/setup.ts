// Run before each test file (vitest.config.ts `setupFiles`): the temporary repositories a file
// made are removed after it, even though the modules stay loaded for the next file.
import {afterAll} from 'vitest'
import {removeRepos} from './helpers'

afterAll(removeRepos)
