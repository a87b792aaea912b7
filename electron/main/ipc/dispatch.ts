/**
 * The one path every IPC request takes, in Electron and in the web bridge alike: validate the
 * input with the contract's zod schema, run the handler, and wrap the answer in an `IpcResult`.
 * No `electron` import here, so the web server and the tests use the very same code.
 */
import {
  IPC_INPUT_SCHEMAS,
  type IpcChannel,
  type IpcErrorCode,
  type IpcOutputs,
  type IpcResult,
  type ScanProgress,
} from '@shared/ipc/contract';
import type { z } from 'zod';

export interface HandlerContext {
  /** Push a progress event to the window that asked. */
  readonly emitProgress: (progress: ScanProgress) => void;
}

export type ParsedInput<C extends IpcChannel> = z.output<(typeof IPC_INPUT_SCHEMAS)[C]>;

export type AppHandlers = {
  readonly [C in IpcChannel]: (input: ParsedInput<C>, ctx: HandlerContext) => Promise<IpcOutputs[C]>;
};

/**
 * A failure the user should read as is (bad capture, missing folder), as opposed to a bug.
 * `unsupported` marks what this shell cannot do (PDF or GGUF import under `npm run web`), so the
 * renderer can fall back (e.g. to `window.print()`).
 */
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError';
  constructor(
    message: string,
    readonly code: Extract<IpcErrorCode, 'failed' | 'unsupported'> = 'failed',
  ) {
    super(message);
  }
}

export function isIpcChannel(value: unknown): value is IpcChannel {
  return typeof value === 'string' && Object.hasOwn(IPC_INPUT_SCHEMAS, value);
}

export async function dispatch<C extends IpcChannel>(
  handlers: AppHandlers,
  channel: C,
  rawInput: unknown,
  ctx: HandlerContext,
): Promise<IpcResult<IpcOutputs[C]>> {
  const parsed = IPC_INPUT_SCHEMAS[channel].safeParse(rawInput);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? ` at ${first.path.join('.')}` : '';
    return {
      ok: false,
      error: { code: 'bad-input', message: `${channel}: ${first?.message ?? 'invalid input'}${where}` },
    };
  }
  try {
    const handler = handlers[channel] as (input: unknown, ctx: HandlerContext) => Promise<IpcOutputs[C]>;
    return { ok: true, value: await handler(parsed.data, ctx) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Only user-facing errors pass their text through; anything else is a bug, logged in main.
    if (error instanceof UserFacingError) return { ok: false, error: { code: error.code, message } };
    console.error(`[ipc] ${channel} failed:`, error);
    return { ok: false, error: { code: 'failed', message: `${channel} failed: ${message}` } };
  }
}

/** `dispatch`, but only for requests whose sending frame is the app's own page. */
export async function dispatchFromSender<C extends IpcChannel>(
  handlers: AppHandlers,
  channel: C,
  sender: { readonly url: string; readonly isAppUrl: (url: string) => boolean },
  rawInput: unknown,
  ctx: HandlerContext,
): Promise<IpcResult<IpcOutputs[C]>> {
  if (!sender.url || !sender.isAppUrl(sender.url)) {
    return {
      ok: false,
      error: {
        code: 'forbidden',
        message: `${channel}: refused a request from ${sender.url || 'an unknown frame'}`,
      },
    };
  }
  return dispatch(handlers, channel, rawInput, ctx);
}
