/** How a staff member likes the week drawn; kept per clinic in this browser. */
export interface ViewSettings {
  /** First hour shown, 0–23. */
  startHour: number;
  /** Hour the day ends, 1–24, after `startHour`. */
  endHour: number;
  hideWeekends: boolean;
}

export const DEFAULT_VIEW: Readonly<ViewSettings> = Object.freeze({ startHour: 7, endHour: 19, hideWeekends: true });

/** The settings made valid: whole hours in range, the end after the start. */
export function normalizeView(view: Partial<ViewSettings>): ViewSettings {
  const hour = (value: unknown, min: number, max: number, fallback: number) =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : fallback;
  const startHour = hour(view.startHour, 0, 23, DEFAULT_VIEW.startHour);
  let endHour = hour(view.endHour, 1, 24, DEFAULT_VIEW.endHour);
  if (endHour <= startHour) endHour = Math.min(24, startHour + 1);
  return { startHour, endHour, hideWeekends: typeof view.hideWeekends === 'boolean' ? view.hideWeekends : DEFAULT_VIEW.hideWeekends };
}

const PREFIX = 'tidbok:calendar-view:';

/** The stored settings for `key`, or null; storage that is off or full is not an error. */
export function loadView(key: string): Partial<ViewSettings> | null {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Partial<ViewSettings>) : null;
  } catch {
    return null;
  }
}

export function saveView(key: string, view: ViewSettings | null) {
  try {
    if (view) localStorage.setItem(PREFIX + key, JSON.stringify(view));
    else localStorage.removeItem(PREFIX + key);
  } catch {
    // Private mode or a full quota: the view still works, it is just not remembered.
  }
}

/** `hide-weekends` is on by default, so the attribute also reads `"false"` as off. */
export const booleanDefaultTrue = {
  fromAttribute: (value: string | null) => value === null || value !== 'false',
  toAttribute: (value: boolean) => (value ? '' : 'false'),
};
