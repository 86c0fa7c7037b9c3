import { css } from 'lit';

export const calendarStyles = css`
  :host {
    display: block;
    position: relative;
    --_hour: var(--tidbok-hour-height, 48px);
    --_gutter: 3.5rem;
    --_line: var(--tidbok-grid-line-color, #e3e6eb);
    --_today: var(--tidbok-today-color, #f3f7fd);
    font-size: var(--tidbok-font-size, 0.95rem);
  }
  [hidden] {
    display: none !important;
  }
  :host([hidden]) {
    display: none;
  }

  /* ---- Toolbar ---- */
  [part~='toolbar'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.75rem;
    padding: 0 0 0.6rem;
  }
  .nav,
  .tools {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4rem;
  }
  .tools {
    margin-left: auto;
  }
  .nav .icon-button {
    border-color: var(--_border);
    background: #fff;
  }
  [part~='title'] {
    margin: 0 0 0 0.4rem;
    font-size: 1.15rem;
    font-weight: 600;
  }
  [part~='title'] .range {
    font-weight: 400;
    color: var(--_muted);
    margin-left: 0.4rem;
    font-size: 0.95rem;
  }
  .switch {
    display: inline-flex;
  }
  .switch .btn {
    border-radius: 0;
  }
  .switch .btn:first-child {
    border-radius: var(--_radius) 0 0 var(--_radius);
  }
  .switch .btn:last-child {
    border-radius: 0 var(--_radius) var(--_radius) 0;
    margin-left: -1px;
  }
  .switch .btn[aria-pressed='true'] {
    background: var(--_primary);
    border-color: var(--_primary);
    color: var(--_on-primary);
  }
  .month {
    position: relative;
  }
  .filter {
    display: flex;
    align-items: center;
    gap: 0.4rem;
  }
  .filter label {
    font-size: 0.85rem;
    font-weight: 600;
  }
  .filter select {
    width: auto;
    min-width: 11rem;
  }
  .view {
    position: relative;
  }
  [part~='view-panel'] {
    position: absolute;
    top: calc(100% + 4px);
    right: 0;
    z-index: 30;
    width: 15rem;
    padding: 0.75rem;
    background: #fff;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 8px 24px rgb(0 0 0 / 0.16);
  }
  [part~='book-button'] {
    font-weight: 600;
  }

  /* ---- Messages ---- */
  /* Over the grid, not above it: a notice coming or going never moves the grid (a pointer aimed
     at a time must land on that time). */
  .stage {
    position: relative;
  }
  .notices {
    position: absolute;
    top: 1.9rem;
    left: 50%;
    transform: translateX(-50%);
    z-index: 35;
    display: grid;
    gap: 0.4rem;
    width: min(36rem, calc(100% - 1rem));
    pointer-events: none;
  }
  .notices .notice {
    pointer-events: auto;
    box-shadow: 0 6px 18px rgb(0 0 0 / 0.18);
  }
  .notice {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    margin: 0 0 0.5rem;
    padding: 0.45rem 0.5rem 0.45rem 0.75rem;
    border-radius: var(--_radius);
    background: #e8f1fb;
    color: #173d6b;
  }
  .notice.error {
    background: #fdecea;
    color: #8c1d18;
  }
  .notice p {
    margin: 0;
    flex: 1;
  }
  .notice .icon-button {
    width: 1.8rem;
    height: 1.8rem;
    font-size: 1rem;
  }
  .state {
    padding: 2rem 1rem;
    text-align: center;
    color: var(--_muted);
  }
  /* Always there, one line high even when it says nothing: loading a week never moves the grid
     (a pointer aimed at a time must land on that time), and a screen reader hears each change. */
  .empty {
    margin: 0 0 0.5rem;
    min-height: 1.35em;
    line-height: 1.35;
    color: var(--_muted);
    font-size: 0.9rem;
  }

  /* ---- Grid ---- */
  [part~='grid'] {
    position: relative;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: #fff;
    overflow: auto;
    max-height: var(--tidbok-calendar-max-height, none);
    user-select: none;
    -webkit-user-select: none;
  }
  .head,
  .body {
    display: grid;
    grid-template-columns: var(--_gutter) repeat(var(--_days), minmax(7rem, 1fr));
  }
  .head {
    position: sticky;
    top: 0;
    z-index: 6;
    background: #fff;
    border-bottom: 1px solid var(--_border);
  }
  .corner {
    display: grid;
    place-items: center;
    font-size: 0.75rem;
    color: var(--_muted);
  }
  /* Weekday and month names as the language writes them (lower case in Swedish). */
  .day-head {
    position: relative;
    padding: 0.4rem 1.9rem 0.4rem 0.5rem;
    border-left: 1px solid var(--_line);
    font-size: 0.9rem;
  }
  .day-head.practitioner {
    padding-right: 0.5rem;
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .day-link {
    position: absolute;
    top: 0.3rem;
    right: 0.25rem;
    width: 1.6rem;
    height: 1.6rem;
    border: 1px solid transparent;
    border-radius: 4px;
    background: none;
    color: var(--_muted);
    cursor: pointer;
    font: inherit;
  }
  .day-link:hover,
  .day-link:focus-visible {
    border-color: var(--_border);
    color: var(--_primary);
  }
  .day-head strong {
    font-size: 1.05rem;
  }
  .day-head.today {
    background: var(--_today);
    color: var(--_primary);
  }
  .day-head .outside {
    display: block;
    font-size: 0.72rem;
    color: var(--_muted);
    text-transform: none;
  }
  .gutter {
    position: relative;
    height: calc(var(--_hour) * var(--_hours));
  }
  .gutter span {
    position: absolute;
    right: 0.4rem;
    transform: translateY(-50%);
    font-size: 0.72rem;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  .gutter span:first-child {
    transform: none;
  }
  .day {
    position: relative;
    height: calc(var(--_hour) * var(--_hours));
    border-left: 1px solid var(--_line);
    background-image: linear-gradient(to bottom, var(--_line) 1px, transparent 1px), linear-gradient(to bottom, #f2f3f5 1px, transparent 1px);
    background-size:
      100% var(--_hour),
      100% calc(var(--_hour) / 2);
    background-position:
      0 0,
      0 calc(var(--_hour) / 2);
  }
  .day.today {
    background-color: var(--_today);
  }
  .day-body {
    position: absolute;
    inset: 0;
    z-index: 0;
    cursor: crosshair;
  }
  .day-body:focus-visible {
    outline: 2px solid var(--_primary);
    outline-offset: -2px;
  }
  .cursor {
    position: absolute;
    left: 2px;
    right: 2px;
    z-index: 5;
    border: 2px dashed var(--_primary);
    border-radius: 4px;
    background: rgb(26 95 180 / 0.08);
    pointer-events: none;
    font-size: 0.75rem;
    color: var(--_primary);
    padding: 0 0.3rem;
  }
  .now {
    position: absolute;
    left: 0;
    right: 0;
    z-index: 7;
    height: 0;
    border-top: 2px solid #d93025;
    pointer-events: none;
  }
  .now::before {
    content: '';
    position: absolute;
    left: -5px;
    top: -6px;
    width: 10px;
    height: 10px;
    border-radius: 50%;
    background: #d93025;
  }

  /* ---- Working time ---- */
  [part~='working-time'] {
    position: absolute;
    z-index: 1;
    box-sizing: border-box;
    background: var(--tidbok-working-time-color, rgb(46 160 67 / 0.13));
    border-left: 3px solid var(--tidbok-working-time-edge-color, #3a8a55);
    cursor: crosshair;
  }
  [part~='working-time']:focus-visible {
    outline: 2px solid var(--_primary);
    outline-offset: -2px;
    z-index: 4;
  }
  [part~='working-time']:hover,
  [part~='working-time']:focus {
    z-index: 6;
  }
  /* Everyone's week: a light shade, full width, darker where several work at once. */
  [part~='shade'] {
    border-left: 0;
    background: var(--tidbok-working-time-shade-color, rgb(46 160 67 / 0.1));
  }
  .band-grip {
    display: block;
    min-height: 1.1em;
    padding: 0.1rem 0.35rem;
    font-size: 0.7rem;
    line-height: 1.3;
    color: #1e5b2f;
    cursor: grab;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .band-grip:hover {
    background: rgb(58 138 85 / 0.14);
  }
  .tooltip {
    position: absolute;
    left: 0.3rem;
    top: 1.4rem;
    z-index: 20;
    display: none;
    min-width: 10rem;
    max-width: 16rem;
    padding: 0.4rem 0.55rem;
    border-radius: 4px;
    background: #1b1b1f;
    color: #fff;
    font-size: 0.78rem;
    line-height: 1.35;
    white-space: normal;
    pointer-events: none;
    box-shadow: 0 4px 12px rgb(0 0 0 / 0.25);
  }
  .tooltip strong {
    display: block;
    margin-bottom: 0.15rem;
  }
  /* Shown while the pointer is over the band or the keyboard is on it; a click's focus alone
     does not keep it (it leaves with the pointer). */
  [part~='working-time']:hover .tooltip,
  [part~='working-time']:focus-visible .tooltip {
    display: block;
  }

  /* ---- Entries ---- */
  [part~='entry'],
  [part~='draft'] {
    position: absolute;
    z-index: 3;
    box-sizing: border-box;
    min-height: 6px;
    overflow: hidden;
    padding: 0.1rem 0.35rem;
    border-radius: 4px;
    font-size: 0.78rem;
    line-height: 1.25;
    cursor: grab;
    touch-action: none;
    box-shadow: 0 1px 2px rgb(0 0 0 / 0.18);
  }
  [part~='entry']:focus-visible,
  [part~='draft']:focus-visible {
    outline: 2px solid var(--_primary);
    outline-offset: 1px;
    z-index: 8;
  }
  [part~='entry'].dragging {
    opacity: 0.85;
    box-shadow: 0 6px 16px rgb(0 0 0 / 0.3);
    z-index: 9;
    cursor: grabbing;
  }
  [part~='entry'].pending {
    opacity: 0.75;
  }
  [part~='booking'] {
    background: var(--_background, var(--_color));
    color: var(--_text);
    border-left: 4px solid var(--_color);
  }
  [part~='cancelled'] {
    background: var(--_tint);
    color: #1b1b1f;
    border: 1px dashed var(--_color);
    border-left: 3px solid var(--_color);
    box-shadow: none;
  }
  [part~='cancelled'] .who,
  [part~='cancelled'] .what {
    text-decoration: line-through;
  }
  [part~='no-show'] {
    background: repeating-linear-gradient(135deg, var(--_tint) 0 6px, #fff 6px 12px);
    color: #1b1b1f;
    border: 1px solid var(--_color);
    border-left: 3px solid var(--_color);
    box-shadow: none;
  }
  [part~='activity'] {
    background: var(--tidbok-activity-color, #8e44ad);
    color: #fff;
  }
  [part~='busy'] {
    z-index: 1;
    background: repeating-linear-gradient(135deg, #e0e0e0 0 6px, #f5f5f5 6px 12px);
    border: 1px solid var(--tidbok-busy-color, #9e9e9e);
    color: #424242;
    box-shadow: none;
    /* Staff may still book over it: clicks and drags go to the day underneath. */
    pointer-events: none;
  }
  [part~='hold'] {
    z-index: 2;
    background: var(--tidbok-hold-color, #f8c8dc);
    border: 1px solid #efa3c2;
    box-shadow: none;
    cursor: default;
  }
  .when {
    font-variant-numeric: tabular-nums;
  }
  [data-initials]:not([data-initials=''])::after {
    content: attr(data-initials);
    position: absolute;
    top: 0.1rem;
    right: 0.25rem;
    font-size: 0.65rem;
    font-weight: 700;
  }
  /* A cancellation or no-show says so right under the time; the text order (time, client,
     treatment, status) stays the order of the accessible name. */
  [part~='booking']:not(.short) {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    grid-template-areas: 'when' 'status' 'who' 'what';
    /* max-content: rows of clipped (overflow: hidden) text must not shrink into each other. */
    grid-template-rows: repeat(4, max-content);
    align-content: start;
  }
  [data-initials]:not([data-initials='']) .when {
    padding-right: 1.2rem;
  }
  [part~='booking']:not(.short) .when {
    grid-area: when;
  }
  [part~='booking']:not(.short) .who {
    grid-area: who;
  }
  [part~='booking']:not(.short) .what {
    grid-area: what;
  }
  .status {
    grid-area: status;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-weight: 700;
    font-size: 0.66rem;
    text-transform: uppercase;
    letter-spacing: 0.02em;
  }
  .who {
    font-weight: 600;
  }
  .who,
  .what,
  .when {
    display: block;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .short .who,
  .short .what,
  .short .when {
    display: inline;
  }
  .handle {
    position: absolute;
    left: 0;
    right: 0;
    height: 7px;
    cursor: ns-resize;
    z-index: 2;
  }
  .handle.start {
    top: 0;
  }
  .handle.end {
    bottom: 0;
  }
  [part~='entry']:hover .handle.end::after,
  [part~='draft'] .handle.end::after {
    content: '';
    position: absolute;
    left: 50%;
    bottom: 2px;
    width: 1.4rem;
    margin-left: -0.7rem;
    height: 2px;
    border-radius: 1px;
    background: currentColor;
    opacity: 0.6;
  }
  .edge-marker {
    min-height: 0;
    height: 6px !important;
    padding: 0;
  }
  [part~='draft'] {
    z-index: 9;
    background: color-mix(in srgb, var(--_color) 22%, white);
    border: 2px dashed var(--_color);
    color: #1b1b1f;
    box-shadow: 0 4px 14px rgb(0 0 0 / 0.18);
  }

  /* ---- Confirm dialog ---- */
  dialog {
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) + 2px);
    padding: 1rem 1.1rem;
    max-width: 26rem;
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.25);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.3);
  }
  dialog h2 {
    margin: 0 0 0.5rem;
    font-size: 1.05rem;
  }
  dialog p {
    margin: 0 0 1rem;
  }
  dialog .actions {
    display: flex;
    justify-content: flex-end;
    gap: 0.5rem;
  }

  /* ---- A phone: the day as a list (its own rules are in day-list.ts, a lazy chunk) ---- */
  @media (max-width: 600px) {
    [part~='toolbar'] .tools {
      margin-left: 0;
    }
    .filter select {
      min-width: 0;
    }
  }
`;
