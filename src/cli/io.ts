/**
 * Where the CLI's output goes and what its clock says, passed to every command (tests inject their own).
 */

/** Output streams and clock of a command. */
export interface Io {
  out: (text: string) => void
  err: (text: string) => void
  isTTY: boolean
  now: () => number
}
