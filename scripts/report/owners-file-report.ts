// What `charter codeowners` prints: whether the file matches or what was written, then every
// role that has no GitHub handle.
import {plural} from '../model/dates'
import type {CodeownersPlan} from '../forge/owners-file'
import {codeownersPath} from '../model/codeowners-text'

/** A path as the terminal should show it: quoted with its control characters escaped when it has any. */
function shownPath(path: string): string {
  return /[\u0000-\u001f\u007f-\u009f]/.test(path) ? JSON.stringify(path) : path
}

function unmappedRoles(plan: CodeownersPlan): string {
  const unmapped = plan.unmapped.map(({path, roles}) => `  ${shownPath(path)}: ${roles.join(', ')}`)
  const named = unmapped.length > 0 ? `No GitHub handle for these roles (add them under github.handles in charter.config.yaml):\n${unmapped.join('\n')}\n` : ''
  const unsafe = plan.unsafe.map((path) => `  ${shownPath(path)}`)
  return `${named}${unsafe.length > 0 ? `No line of their own for these files, whose names CODEOWNERS would misread (only the gate's reviewers cover them); rename them to letters, digits, \`.\`, \`-\`, \`_\` and \`/\`:\n${unsafe.join('\n')}\n` : ''}`
}

export function ownersFileChecked(plan: CodeownersPlan, difference: {line: number} | undefined): string {
  return difference ? `${codeownersPath} differs from the documents from line ${difference.line}; run \`charter codeowners\`\n${unmappedRoles(plan)}` : `${codeownersPath} matches the documents\n${unmappedRoles(plan)}`
}

export function ownersFileWritten(plan: CodeownersPlan): string {
  const documents = `${plural(plan.documentLines, 'document')} with required reviewers${plan.unowned.length > 0 ? `, ${plural(plan.unowned.length, 'document')} with none` : ''}`
  const vendors = plan.vendorLines + plan.unownedVendors.length === 0 ? '' : `; ${plural(plan.vendorLines, 'vendor')} with required reviewers${plan.unownedVendors.length > 0 ? `, ${plural(plan.unownedVendors.length, 'vendor')} with none` : ''}`
  const gate = plan.gateOwners.length > 0 ? `the gate reviewed by ${plan.gateOwners.join(', ')}` : 'the gate (config, roster, workflows, toolkit) reviewed by nobody'
  return `Wrote ${codeownersPath}: ${documents}${vendors}; ${gate}.\n${unmappedRoles(plan)}`
}
