/** Exit codes: a stable interface (README lists them). */
export const ExitCode = {
  /** Every input done. */
  ok: 0,
  /** Some inputs failed (each has an error record); the others were written. */
  someFailed: 1,
  /** The command line is wrong. */
  usage: 2,
  /** An input cannot be read at all (single-input commands). */
  inputError: 3,
  /** The pipeline produced a document that breaks the contract (a bug: please report). */
  contractError: 4,
  /** The OCR engine cannot run (model missing, `tesseract` not installed, workers do not start). */
  ocrUnavailable: 5,
  /** The output folder cannot be written (disk full, read-only, permission denied): the batch stopped; fix it and run again. */
  outputUnwritable: 6,
  /** Internal error (a bug). */
  internal: 70,
  /** Interrupted (Ctrl-C); rerun to resume. */
  interrupted: 130,
} as const;
