/**
 * Coded errors. Every error Bulwark raises on purpose carries a stable code
 * (`BULWARK_E_…`), says what went wrong, and where possible how to fix it.
 */
export type ErrorCode =
  | 'BULWARK_E_USAGE'
  | 'BULWARK_E_UNKNOWN_CHECK'
  | 'BULWARK_E_UNKNOWN_FORMAT'
  | 'BULWARK_E_CONFIG'
  | 'BULWARK_E_BASELINE'
  | 'BULWARK_E_INPUT';

export class BulwarkError extends Error {
  readonly code: ErrorCode;
  readonly fix: string | undefined;

  constructor(code: ErrorCode, message: string, fix?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BulwarkError';
    this.code = code;
    this.fix = fix;
  }
}

/** Errors that mean the user asked for something invalid: exit code 2. */
export function isUsageError(error: unknown): error is BulwarkError {
  return error instanceof BulwarkError && error.code !== 'BULWARK_E_INPUT';
}
