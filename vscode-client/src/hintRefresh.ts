/**
 * VS Code starts listening for an inlay hint provider's "hints changed" event only once an editor's
 * first answer has arrived (each time a file is shown again, e.g. after settings.json was in front).
 * A refresh the server sends around that first answer is lost, and the editor keeps what the request
 * answered, from before the change, until the next edit. Two windows:
 * - while the request is out: the request is asked again, and the newer answer is the one VS Code shows;
 * - just after the answer: the extension host sends the answer and the refresh that follows it in one
 *   batch, and the editor reads the refresh before the answer's listener is in place. A refresh in that
 *   window is told again a little later, when the editor listens.
 */

/** Subscribes to "hints changed"; what it returns stops listening. */
export type ChangeEvents = (listener: () => void) => { dispose(): void };

/** At most this many requests for one answer: the server's refreshes do not come in a stream. */
export const MAX_HINT_ASKS = 4;

/** How a refresh just after an answer is told again: the window after the answer, and the delay. */
export interface Retell {
  /** Fires "hints changed" for the document again. */
  fire(): void;
  /** How long after the answer a refresh may be lost (ms). */
  windowMs: number;
  /** How long after such a refresh it is told again (ms): the editor has its answer and listens by then. */
  delayMs: number;
}

/** The window and the delay the extension uses: the editor's listener is in place within milliseconds. */
export const RETELL_WINDOW_MS = 1000;
export const RETELL_DELAY_MS = 300;

/** While a refresh is told again: listeners ignore it (it is not news, and must not be told again in turn). */
let retelling = false;
/** A refresh is to be told again: one telling reaches every editor, so other windows leave it at that. */
let retellDue = false;

export async function hintsAfterChanges<T>(ask: () => Promise<T>, changes: ChangeEvents | undefined,
  cancelled: () => boolean, retell?: Retell): Promise<T> {
  let changed = false;
  const sub = changes?.(() => { if (!retelling) changed = true; });
  let answer: T;
  try {
    for (let asked = 1; ; asked++) {
      changed = false;
      answer = await ask();
      if (!changed || cancelled() || asked >= MAX_HINT_ASKS) break;
    }
  } finally {
    sub?.dispose();
  }
  if (changes && retell && !cancelled()) tellAgainIfRefreshed(changes, retell);
  return answer;
}

/** Listens for the window after an answer; a refresh in it is fired again once, after the delay. */
function tellAgainIfRefreshed(changes: ChangeEvents, retell: Retell): void {
  const sub = changes(() => {
    if (retelling || retellDue) return;
    retellDue = true;
    sub.dispose();
    setTimeout(() => {
      retellDue = false;
      retelling = true;
      try {
        retell.fire();
      } finally {
        retelling = false;
      }
    }, retell.delayMs);
  });
  setTimeout(() => sub.dispose(), retell.windowMs);
}
