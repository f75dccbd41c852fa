/**
 * config-schema: charter.config.yaml is valid YAML and matches schemas/config.schema.json.
 *
 * Reported while the config loads, before any document is checked: a broken config would
 * change what every other rule checks. Unknown keys, and unknown rule ids under `rules:`,
 * get a suggestion for a likely typo. people.yaml, the roster, is judged the same way against
 * schemas/people.schema.json.
 *
 * @example ok
 *   charter.config.yaml
 *     review: {warn_window: 30 days}
 *
 * @example not-ok a misspelt key
 *   charter.config.yaml
 *     review: {warn_windw: 30 days}
 *   → charter.config.yaml:1:10-1:20 error Unexpected key `warn_windw` in `review`, expected one of `warn_window`, `interval`; did you mean `warn_window`?
 */
import {configSchemaId} from '../../model/config-shape'
import type {RepositoryRule} from '../rule'

const configSchema: RepositoryRule = {
  scope: 'repository',
  // The config it judges can't set its severity: it has none until it loads.
  severityFrom: 'rule',
  id: configSchemaId,
  summary: 'charter.config.yaml is valid YAML and matches schemas/config.schema.json.',
  description:
    'A broken config would change what every other rule checks, so config problems are reported first, at the key or value concerned, and no document is checked until they are fixed. Unknown keys and unknown rule ids under `rules:` get a suggestion for a likely typo.',
  severity: 'error',
  check(repository, context) {
    for (const {path, problems} of repository.settingsProblems) {
      for (const problem of problems) context.report(path, problem, problem.reason)
    }
  }
}

export default configSchema
