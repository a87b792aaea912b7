/**
 * The user's notes (PSU, case) as one store for the whole app: the machine screen's PSU form and the
 * checks' inline questions both read and save them through the AppApi, and the checks re-run on save.
 */
import { useCallback, useEffect, useState } from 'react';
import type { AppApi, IpcResult } from '@shared/ipc/contract';
import type { UserNotes } from '@shared/settings/settings-schema';

export interface UserNotesStore {
  /** The saved notes; null until loaded. */
  readonly notes: UserNotes | null;
  /** Why loading failed, when it did. */
  readonly loadError: string | null;
  /** Saves through the AppApi; on success the store holds what main saved. */
  save(notes: UserNotes): Promise<IpcResult<UserNotes>>;
}

export function useUserNotes(api: AppApi): UserNotesStore {
  const [notes, setNotes] = useState<UserNotes | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void api.getNotes().then((result) => {
      if (!live) return;
      if (result.ok) setNotes(result.value);
      else setLoadError(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [api]);

  const save = useCallback(
    async (next: UserNotes) => {
      const result = await api.setNotes(next);
      if (result.ok) setNotes(result.value);
      return result;
    },
    [api],
  );

  return { notes, loadError, save };
}
