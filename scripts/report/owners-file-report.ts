// What `charter codeowners` prints: whether the file matches or what was written, then every
// role that has no GitHub handle.
import {plural} from '../model/dates'
import type {CodeownersPlan} from '../forge/owners-file'
import {codeownersPath} from '../model/codeowners-text'

function unmappedRoles(plan: CodeownersPlan): string {
  const unmapped = plan.unmapped.map(({path, roles}) => `  ${path}: ${roles.join(', ')}`)
  return unmapped.length > 0 ? `No GitHub handle for these roles (add them under github.handles in charter.config.yaml):\n${unmapped.join('\n')}\n` : ''
}

export function ownersFileChecked(plan: CodeownersPlan, difference: {line: number} | undefined): string {
  return difference ? `${codeownersPath} differs from the documents from line ${difference.line}; run \`charter codeowners\`\n${unmappedRoles(plan)}` : `${codeownersPath} matches the documents\n${unmappedRoles(plan)}`
}

export function ownersFileWritten(plan: CodeownersPlan, documentCount: number): string {
  const covered = documentCount - plan.unowned.length
  const vendors = plan.vendorCount === 0 ? '' : `; ${plural(plan.vendorCount - plan.unownedVendors.length, 'vendor')} with required reviewers${plan.unownedVendors.length > 0 ? `, ${plural(plan.unownedVendors.length, 'vendor')} with none` : ''}`
  const gate = plan.gateOwners.length > 0 ? `the gate reviewed by ${plan.gateOwners.join(', ')}` : 'the gate (config, roster, workflows, toolkit) reviewed by nobody'
  return `Wrote ${codeownersPath}: ${plural(covered, 'document')} with required reviewers${plan.unowned.length > 0 ? `, ${plural(plan.unowned.length, 'document')} with none` : ''}${vendors}; ${gate}.\n${unmappedRoles(plan)}`
}
