import { isTidbokError } from '@tidbok/sdk';
import { calendarMessages } from '../calendar/messages.js';
import { type Locale, translate } from '../i18n.js';

/**
 * A failure as a staff element shows it: a stable code and a sentence in the staff member's
 * language. The one describer of the staff side; the public flow names failures with `errorKey`
 * (errors.ts), and both sides tell the page with `reportError` and skip aborts with `isAbort`.
 */
export interface DescribedError {
  code: string;
  message: string;
}

/**
 * Turns anything an SDK call rejected with into a code and a message. Overlaps get their own
 * sentence (after a move or resize it also says the change was undone); other server problems
 * show the server's `detail`, which names the field or rule (written for staff and integrators,
 * in English): after "The change was not saved:" for a change, alone for a `load`, where the
 * element says what could not be loaded.
 */
export function describeError(error: unknown, locale: Locale, context: 'move' | 'save' | 'load' = 'save'): DescribedError {
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
      return { code: error.code, message: detail ? (context === 'load' ? detail : t('changeFailed', { detail })) : t('unknownError') };
    }
  }
}
