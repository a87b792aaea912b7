/**
 * Which handler failures the web bridge answers 400: those where the request's own input is at fault
 * (a file that is not a machine file or a model, an id that does not exist), as opposed to a bug (500).
 * `dispatch` reports both as `failed`, so the bridge wraps the handlers and notes, per request
 * context, which failures were the input's.
 */
import { MachineFileError } from '@shared/settings/saved-machine';
import { ModelImportError } from '@shared/model-import/model-import-error';
import { UserFacingError, type AppHandlers, type HandlerContext } from '../main/ipc/dispatch';
import { CaptureDirError } from '../probe/capture-dir';
import { oneLineMessage } from './responses';

/** The one-line message when `error` says what is wrong with the input; null for anything else. */
export function inputErrorMessage(error: unknown): string | null {
  // `unsupported` is what this shell cannot do (501), not what the input got wrong.
  if (error instanceof UserFacingError) return error.code === 'failed' ? oneLineMessage(error.message) : null;
  const isInputError =
    error instanceof ModelImportError ||
    error instanceof MachineFileError ||
    error instanceof CaptureDirError;
  return isInputError ? oneLineMessage(error.message) : null;
}

export interface InputErrorTracker {
  /** The same handlers, each noting an input failure against the request's context. */
  readonly handlers: AppHandlers;
  /** The message when the request with this context failed on its input; undefined otherwise. */
  messageFor(ctx: HandlerContext): string | undefined;
}

type AnyHandler = (input: unknown, ctx: HandlerContext) => Promise<unknown>;

export function trackInputErrors(handlers: AppHandlers): InputErrorTracker {
  // Keyed on the context object, which the bridge creates afresh for every request.
  const failures = new WeakMap<HandlerContext, string>();
  const wrap =
    (handler: AnyHandler): AnyHandler =>
    async (input, ctx) => {
      try {
        return await handler(input, ctx);
      } catch (error) {
        const message = inputErrorMessage(error);
        if (message === null) throw error;
        failures.set(ctx, message);
        // As a UserFacingError, dispatch passes it on without logging it as a bug.
        throw new UserFacingError(message);
      }
    };
  const wrapped = Object.fromEntries(
    Object.entries(handlers).map(([channel, handler]) => [channel, wrap(handler as AnyHandler)]),
  );
  // Same keys, same signatures: each wrapper returns what its handler returns.
  return { handlers: wrapped as unknown as AppHandlers, messageFor: (ctx) => failures.get(ctx) };
}
