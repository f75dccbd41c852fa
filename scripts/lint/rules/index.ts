// Every rule, in the order they are documented. A new rule is one file here plus one line below.
import codeowners from './codeowners-current'
import configSchema from './config-schema'
import configWeakened from './config-weakened'
import controlsKnown from './controls-known'
import fileReadable from './file-readable'
import frontmatterSchema from './frontmatter-schema'
import headingIncrement from './heading-increment'
import idMatchesFilename from './id-matches-filename'
import links from './links'
import lintComment from './lint-comment'
import noBareUrl from './no-bare-url'
import noDroppedHtml from './no-dropped-html'
import noMultipleToplevelHeadings from './no-multiple-toplevel-headings'
import noPlaceholder from './no-placeholder'
import orderedListMarkerStyle from './ordered-list-marker-style'
import publishedFiles from './published-files'
import requiredSections from './required-sections'
import securityContact from './security-contact'
import reviewDue from './review-due'
import siteTemplates from './site-templates'
import type {Rule} from '../rule'
import trustReferences from './trust-references'
import uniqueId from './unique-id'
import vendorAssuranceCurrent from './vendor-assurance-current'
import vendorCuecs from './vendor-cuecs'
import vendorDataKnown from './vendor-data-known'
import vendorFindingsDue from './vendor-findings-due'
import vendorOffboarding from './vendor-offboarding'
import vendorReviewDue from './vendor-review-due'
import vendorSchema from './vendor-schema'
import acknowledgementLedger from './acknowledgement-ledger'
import versionBump from './version-bump'
import unorderedListMarkerStyle from './unordered-list-marker-style'

/** Every rule, in the order `check --help`, SARIF and the README list them. */
export const rules: readonly Rule[] = [
  configSchema,
  fileReadable,
  frontmatterSchema,
  idMatchesFilename,
  uniqueId,
  requiredSections,
  reviewDue,
  versionBump,
  links,
  publishedFiles,
  controlsKnown,
  noPlaceholder,
  lintComment,
  noDroppedHtml,
  headingIncrement,
  noMultipleToplevelHeadings,
  noBareUrl,
  unorderedListMarkerStyle,
  orderedListMarkerStyle,
  codeowners,
  configWeakened,
  siteTemplates,
  securityContact,
  trustReferences,
  vendorSchema,
  vendorDataKnown,
  vendorReviewDue,
  vendorAssuranceCurrent,
  vendorCuecs,
  vendorFindingsDue,
  vendorOffboarding,
  acknowledgementLedger
]
