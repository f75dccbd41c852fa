/**
 * security-contact: `organization.security_contact` is set and can be security.txt's `Contact`.
 *
 * Checked once per repository, when the config file sets anything. The contact is published on every
 * page and as the `Contact` of the bundle's `.well-known/security.txt` (RFC 9116), which is where
 * researchers look first to report a vulnerability. It must be an email address (published as a
 * `mailto:` URI) or an https:// URL, at most 500 characters; otherwise the build leaves
 * security.txt out. Left unset, it is the example address `security@example.com`, which nobody
 * reads. A warning: the bundle still builds.
 *
 * @example ok
 *   charter.config.yaml
 *     organization: {security_contact: security@acme.test}
 *
 * @example not-ok a URL that is not https
 *   charter.config.yaml
 *     organization: {security_contact: "http://acme.test/report"}
 *   → charter.config.yaml:1:34-1:59 warning Unexpected `organization.security_contact` value `http://acme.test/report`, expected an email address such as `security@example.org` or an https:// URL; security.txt is left out of the bundle until it is one
 */
import {placeOf, valueAt} from '../../model/yaml-place'
import {contactUri, placeholderContact} from '../../model/contact-uri'
import {printable} from '../../model/printable-text'
import type {RepositoryRule} from '../rule'

const securityContact: RepositoryRule = {
  scope: 'repository',
  id: 'security-contact',
  summary: 'The security contact is set, and can be the Contact of security.txt.',
  description:
    "`organization.security_contact` is shown on every page and is the `Contact` of the bundle's `.well-known/security.txt` (RFC 9116), where researchers look to report a vulnerability. Set it to an email address or an https:// URL of at most 500 characters; any other value leaves security.txt out of the bundle. An unset contact is the example address `security@example.com`, which nobody reads.",
  severity: 'warn',
  check({config, configPath, configYaml}, context) {
    // A config of comments only, like none at all, takes every default without a word.
    if (!config || !configYaml || configYaml.contents === null) return
    const contact = config.organization.security_contact
    const place = valueAt(configYaml, ['organization', 'security_contact'])
    if (!place) {
      return context.report(configPath, placeOf(configYaml, ['organization', 'security_contact']) ?? {line: 1, column: 1}, `Unexpected missing \`organization.security_contact\`, expected the email address or https:// URL where security reports go: security.txt and the pages would name \`${placeholderContact}\`; set it in ${configPath}`)
    }
    const uri = contactUri(contact)
    if ('problem' in uri) {
      const shown = printable(contact.length > 60 ? `${contact.slice(0, 60)}…` : contact)
      context.report(configPath, place, `Unexpected \`organization.security_contact\` value \`${shown}\`, expected ${uri.problem}; security.txt is left out of the bundle until it is one`)
    }
  }
}

export default securityContact

/** The key `name` at the top of the config, or its first line when it has none. */
