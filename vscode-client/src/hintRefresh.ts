/**
 * VS Code starts listening for an inlay hint provider's "hints changed" event only once the first
 * answer in an editor has arrived (each time a file is shown again, e.g. after settings.json was in
 * front). A refresh the server sends while that first request is out is lost, and the editor keeps
 * what the request answered, from before the change, until the next edit. So a request during which
 * the provider said its hints changed is asked again, and the newer answer is the one VS Code shows.
 */

/** Subscribes to "hints changed"; what it returns stops listening. */
export type ChangeEvents = (listener: () => void) => { dispose(): void };

/** At most this many requests for one answer: the server's refreshes do not come in a stream. */
export const MAX_HINT_ASKS = 4;

export async function hintsAfterChanges<T>(ask: () => Promise<T>, changes: ChangeEvents | undefined,
  cancelled: () => boolean): Promise<T> {
  let changed = false;
  const sub = changes?.(() => { changed = true; });
  try {
    for (let asked = 1; ; asked++) {
      changed = false;
      const answer = await ask();
      if (!changed || cancelled() || asked >= MAX_HINT_ASKS) return answer;
    }
  } finally {
    sub?.dispose();
  }
}
