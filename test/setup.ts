// Run before each test file (vitest.config.ts `setupFiles`): the temporary repositories a file
// made are removed after it, even though the modules stay loaded for the next file; git starts
// from a small process (fixtures/small-spawn.ts).
import {afterAll} from 'vitest'
import {logCpuPerFile} from './fixtures/cpu-log'
import {startGitFromSmallProcess} from './fixtures/small-spawn'
import {removeRepos} from './helpers'

startGitFromSmallProcess()
afterAll(removeRepos)
if (process.env.CHARTER_TEST_CPU_LOG) logCpuPerFile(process.env.CHARTER_TEST_CPU_LOG)
