// What every rule says of itself: the documentation the README's table, SARIF and config
// checks read. The rule API around it is lint/rule.ts.

export type Severity = 'error' | 'warn'

export interface RuleMeta {
  /** kebab-case id, used in messages, `rules:` in config and `<!-- lint disable id -->`. */
  id: string
  /** One line: what the rule checks. */
  summary: string
  /** One paragraph: why it matters and how to fix what it reports. */
  description: string
  /** Severity when config does not set one. */
  severity: Severity
  /**
   * `style` for a rule about how a document reads, which a `<!-- lint … -->` comment may switch
   * off. Every other rule is a gate rule: only config (against `--base`, where a reviewer sees
   * it) can change it, so a new rule is a gate rule unless it says otherwise.
   */
  kind?: 'gate' | 'style'
  /**
   * For a rule whose check takes options: their JSON Schema (draft 2020-12), with the value
   * Charter runs the rule with as its `default`. Config sets a rule's severity only, so the
   * default is what every repository gets; the schema says what the check itself accepts.
   */
  options?: OptionsSchema
}

/** A JSON Schema, kept as plain JSON so docs and tests can read it. */
export interface OptionsSchema {
  readonly description?: string
  readonly default?: unknown
  readonly [keyword: string]: unknown
}
