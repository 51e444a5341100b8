// Every failure the renderer can meet, as one error type with a code and a message that says what
// to do. Transport failures ('unavailable', 'unauthorized') get their words here, once, so no
// screen ever shows "Failed to fetch" or an empty list instead of the reason.
import type { ApiError } from '../../../shared/contract';

export class ApiCallError extends Error implements ApiError {
  readonly code: ApiError['code'];
  readonly field?: string;

  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    this.field = error.field;
  }
}

// Messages are plain text (toasts, forms): the command is quoted, not marked up.
export const SERVE_COMMAND = '‘npm run serve’';

export const MESSAGES = {
  unavailable: `The Ops Console host stopped answering. Start it again with ${SERVE_COMMAND}: this page reconnects by itself.`,
  tokenStale: `This page’s access token is no longer valid (the host restarted with a new one). Open the URL that ${SERVE_COMMAND} printed.`,
  tokenMissing: `This page has no access token. Open the URL that ${SERVE_COMMAND} printed (it ends in ?token=…).`,
  /** The host stopped while answering: a write may have been applied or not. */
  cutOff: `The Ops Console host stopped while answering, so this page cannot tell whether the change was saved. Once it is back (start it with ${SERVE_COMMAND}), check before trying again.`,
} as const;

/** True for failures of the way to the core rather than of the call: they heal when the host is back. */
export function isConnectionError(error: unknown): error is ApiCallError {
  return error instanceof ApiCallError && (error.code === 'unavailable' || error.code === 'unauthorized');
}

/**
 * Whether a failed read goes to the error boundary (see hooks.ts): always when there is nothing to
 * show; with data on screen, only when the failure is not a lost connection (whose banner already
 * says the data may be old, and which refreshes everything when it heals).
 */
export function throwsToBoundary(error: ApiCallError, hasData: boolean): boolean {
  return !hasData || !isConnectionError(error);
}

/** Anything thrown or returned on the way, as an ApiCallError (a fetch TypeError means no host). */
export function toApiCallError(error: unknown): ApiCallError {
  if (error instanceof ApiCallError) return error;
  if (error instanceof TypeError) return new ApiCallError({ code: 'unavailable', message: MESSAGES.unavailable });
  const detail = error instanceof Error ? error.message : String(error);
  return new ApiCallError({
    code: 'internal',
    message: `The call failed unexpectedly (${detail}). Try again; if it keeps failing, restart the app.`,
  });
}

/**
 * A write that failed: the message says that nothing was saved. The core applies a write in one
 * transaction, so a refused or failed call changed nothing; a refused connection or token means
 * the call never reached it. An answer cut off midway says it cannot tell. Validation messages already say what to fix
 * and stay as they are (a form shows them next to the field).
 */
export function writeFailure(error: ApiCallError): ApiCallError {
  switch (error.code) {
    case 'unavailable':
      if (error.message !== MESSAGES.unavailable) return error; // cut off: saved or not, unknown
      return new ApiCallError({
        code: error.code,
        message: `Not saved: the Ops Console host is not answering. Start it again with ${SERVE_COMMAND}; this page reconnects by itself, then try again.`,
      });
    case 'unauthorized':
      return new ApiCallError({ code: error.code, message: `Not saved. ${error.message}` });
    case 'internal':
      return new ApiCallError({ code: error.code, message: `Not saved. ${error.message}`, field: error.field });
    default:
      return error;
  }
}
