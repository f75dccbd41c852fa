// Text from a pull request (commit subjects, author names, front matter, file names) may carry
// terminal control sequences that clear the screen, set the window title, move the cursor or
// hide text. Everything Charter prints passes through here, so such characters are shown as
// `\u001b`-style escapes instead; inside a JSON string that notation means the same character.

// C0 controls, DEL, C1 controls and the bidirectional overrides that reorder what a line shows.
const controls = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g
// Charter's own colour codes: SGR sequences only.
const colourCode = /\u001b\[[0-9;]*m/y

const escape = (character: string) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`

/** One value on one line: every control character escaped, line breaks and tabs included. */
export function printable(text: string): string {
  return text.replace(controls, escape)
}

/** Output text: line breaks and tabs stay; with `keepColour`, so do SGR colour codes. */
export function printableOutput(text: string, keepColour = false): string {
  return text.replace(controls, (character, offset: number) => {
    if (character === '\n' || character === '\t') return character
    if (keepColour && character === '\u001b') {
      colourCode.lastIndex = offset
      if (colourCode.test(text)) return character
    }
    return escape(character)
  })
}

let colourWrite = false

/** What commands write to (cli/command.ts `Output`), over a stream such as process.stdout. */
export interface EscapedOutput {
  write(text: string): void
  writeColoured(text: string): void
  readonly isTTY: boolean
}

/**
 * An output that escapes control characters in everything written to it; `writeColoured` is for
 * output whose colour codes Charter wrote itself, every value in it escaped beforehand (check's
 * pretty report on a terminal).
 */
export function escapedOutput(stream: {write(text: string): unknown; isTTY?: boolean}): EscapedOutput {
  return {
    write(text) {
      stream.write(printableOutput(text))
    },
    writeColoured(text) {
      colourWrite = true
      try {
        stream.write(printableOutput(text, true))
      } finally {
        colourWrite = false
      }
    },
    isTTY: Boolean(stream.isTTY)
  }
}

/**
 * Makes a process stream escape control characters in everything written to it, whatever writes
 * it (a library's warning too), and end quietly when its reader goes away (`charter audit | head`):
 * later writes are dropped, the command finishes and exits with its own status.
 */
export function guardOutput(stream: NodeJS.WriteStream): void {
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean
  let closed = false
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error
    closed = true
  })
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (closed) return true
    return write(typeof chunk === 'string' ? printableOutput(chunk, colourWrite) : chunk, ...rest)
  }) as typeof stream.write
}
