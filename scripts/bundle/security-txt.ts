// The bundle's .well-known/security.txt (RFC 9116): where to report a vulnerability, until when
// that holds, and in which languages. Its time is the commit's, so the same commit gives the same bytes.
import type {Config} from '../model/config-shape'
import {addDuration, parseDuration} from '../model/dates'
import {contactUri} from '../model/contact-uri'

export const securityTxtPath = '.well-known/security.txt'

const msPerDay = 86_400_000

/**
 * The file for a build made from a commit dated `commitDate` (ISO 8601), or undefined when the
 * contact can be no URI: RFC 9116 requires one, and `check` warns about it (security-contact).
 */
export function securityTxt(config: Config, commitDate: string): string | undefined {
  const contact = contactUri(config.organization.security_contact)
  if (!('uri' in contact)) return undefined
  const {url, policy, languages} = config.security_txt
  const fields = [
    `Contact: ${contact.uri}`,
    `Expires: ${expires(commitDate, config.security_txt.expires)}`,
    ...(policy ? [`Policy: ${policy}`] : []),
    ...(url ? [`Canonical: ${url}${securityTxtPath}`] : []),
    `Preferred-Languages: ${languages.join(', ')}`
  ]
  // The schema already refuses control characters; a value that slipped past it would add a field.
  if (fields.some((field) => /[\0-\x1f\x7f]/.test(field))) return undefined
  return `${fields.join('\n')}\n`
}

/** The commit's time plus `period`, at most one year later, in UTC to the second. */
export function expires(commitDate: string, period: string): string {
  const time = Date.parse(commitDate)
  const day = Math.floor(time / msPerDay)
  const timeOfDay = time - day * msPerDay
  const oneYear = addDuration(day, {count: 1, unit: 'year'})
  const duration = parseDuration(period) ?? {count: 1, unit: 'year'}
  const until = Math.min(addDuration(day, duration), oneYear)
  return new Date(until * msPerDay + timeOfDay).toISOString().replace(/\.\d{3}Z$/, 'Z')
}
