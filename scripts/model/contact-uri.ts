// What `organization.security_contact` becomes in security.txt and on the pages: a `mailto:` URI
// for an email address, an https URL as it is, or the reason it can be neither.

/** Longer than any real address (RFC 5321 allows 254) or sensible URL: a contact this long is a mistake or an attack. */
export const maxContactLength = 500

/** The value every repository gets until it sets its own. */
export const placeholderContact = 'security@example.com'

const email = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/

/** The contact as a URI security.txt may name, or why it can't be one (a phrase that follows "expected"). */
export function contactUri(contact: string): {uri: string} | {problem: string} {
  if (contact.length > maxContactLength) return {problem: `a contact of at most ${maxContactLength} characters, not ${contact.length}`}
  if (email.test(contact)) return {uri: `mailto:${contact}`}
  // Printable ASCII only: a line break would start a field of its own in security.txt.
  if (/^https:\/\/[!-~]+$/.test(contact)) {
    try {
      if (new URL(contact).protocol === 'https:') return {uri: contact}
    } catch {
      // Reported below, as any other value that is not an address.
    }
  }
  return {problem: 'an email address such as `security@example.org` or an https:// URL'}
}
