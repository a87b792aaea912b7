/** The flow state main keeps for the page (`state:get` over the web bridge, with the page's token). */
import type { Page } from '@playwright/test';

export function savedAppState(page: Page): Promise<Record<string, unknown> | null> {
  return page.evaluate(async () => {
    const storage = Reflect.get(globalThis, 'sessionStorage') as { getItem(k: string): string | null };
    const res = await fetch('/api/state:get', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-rig-token': storage.getItem('rig-advisor-token') ?? '',
      },
      body: '{}',
    });
    const body = (await res.json()) as { ok: boolean; value?: Record<string, unknown> | null };
    return body.ok ? (body.value ?? null) : null;
  });
}
