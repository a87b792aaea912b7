/**
 * Binds the handler table to `ipcMain.handle`, one channel each. Every request goes through
 * `dispatchFromSender`: the sending frame must be the app's own page, and the input must validate.
 */
import { ipcMain } from 'electron';
import { IPC_CHANNELS, IPC_EVENTS } from '@shared/ipc/contract';
import { dispatchFromSender, type AppHandlers } from './dispatch';

export function registerIpc(handlers: AppHandlers, isAppUrl: (url: string) => boolean): void {
  for (const channel of IPC_CHANNELS) {
    ipcMain.handle(channel, (event, input: unknown) =>
      dispatchFromSender(handlers, channel, { url: event.senderFrame?.url ?? '', isAppUrl }, input, {
        emitProgress: (progress) => {
          if (!event.sender.isDestroyed()) event.sender.send(IPC_EVENTS.scanProgress, progress);
        },
      }),
    );
  }
}
