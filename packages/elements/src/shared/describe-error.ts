import { isTidbokError } from '@tidbok/sdk';
import { type Locale, translate } from '../i18n.js';
import { calendarMessages } from './messages.js';

/** A failure as the calendar shows it: a stable code and a sentence in the staff member's language. */
export interface DescribedError {
  code: string;
  message: string;
}

/**
 * Turns anything an SDK call rejected with into a code and a message. Overlaps get the
 * calendar's own sentence (after a move or resize it also says the change was undone); other server problems show the server's `detail`, which names the
 * field or rule (it is written for staff and integrators, in English).
 */
export function describeError(error: unknown, locale: Locale, context: 'move' | 'save' = 'save'): DescribedError {
  const t = (key: keyof typeof calendarMessages, values?: Record<string, string>) => translate(calendarMessages, locale, key, values);
  if (!isTidbokError(error)) return { code: 'unknown', message: t('unknownError') };
  switch (error.code) {
    case 'conflict':
    case 'slot_unavailable':
      return { code: error.code, message: t(context === 'move' ? 'conflictMoved' : 'conflict') };
    case 'network_error':
    case 'timeout':
      return { code: error.code, message: t('networkError') };
    case 'forbidden':
    case 'unauthorized':
      return { code: error.code, message: t('forbidden') };
    default: {
      const fields = error.problem?.errors?.map((e) => `${e.path}: ${e.message}`).join('; ');
      const detail = fields || error.problem?.detail || error.message;
      return { code: error.code, message: detail ? t('changeFailed', { detail }) : t('unknownError') };
    }
  }
}

/** True when the call was aborted on purpose (the element went away or a newer call replaced it). */
export function isAbort(error: unknown): boolean {
  return (isTidbokError(error) && error.code === 'aborted') || (error as { name?: string } | null)?.name === 'AbortError';
}
