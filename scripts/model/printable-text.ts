// Text from a pull request (commit subjects, author names, front matter, file names) may carry
// terminal control sequences; these functions show them as `\u001b`-style escapes instead.
// report/printable.ts applies them to everything Charter prints.

// C0 controls, DEL, C1 controls and the bidirectional overrides that reorder what a line shows.
const controls = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g
/** The same without line feed and tab, which output keeps: a long listing has one per line, and a call for each is most of its cost. */
const outputControls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g
// Charter's own colour codes: SGR sequences only.
const colourCode = /\u001b\[[0-9;]*m/y

const escape = (character: string) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`

/** One value on one line: every control character escaped, line breaks and tabs included. */
export function printable(text: string): string {
  return text.replace(controls, escape)
}

/** Output text: line breaks and tabs stay; with `keepColour`, so do SGR colour codes. */
export function printableOutput(text: string, keepColour = false): string {
  return text.replace(outputControls, (character, offset: number) => {
    if (keepColour && character === '\u001b') {
      colourCode.lastIndex = offset
      if (colourCode.test(text)) return character
    }
    return escape(character)
  })
}
