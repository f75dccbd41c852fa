// Text from a pull request (commit subjects, author names, front matter) must not drive the
// terminal: an escape sequence in it could clear the screen, set the window title or hide text.
// Every text output goes through one of these at the point it is written.

// C0 controls but tab and newline, DEL, C1 controls, and the bidi overrides and isolates.
const controls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g

const hex = (character: string, width: number) => character.codePointAt(0)!.toString(16).padStart(width, '0')

/** Each control character as visible text: `\x1b`, `\x9b`, `\u202e`. */
export function escapeControls(text: string): string {
  return text.replace(controls, (character) => (character <= '\u00ff' ? `\\x${hex(character, 2)}` : `\\u${hex(character, 4)}`))
}

/** For JSON text: the same characters as JSON escapes (`\u001b`), so the value read back is unchanged. */
export function escapeJsonControls(json: string): string {
  return json.replace(controls, (character) => `\\u${hex(character, 4)}`)
}
