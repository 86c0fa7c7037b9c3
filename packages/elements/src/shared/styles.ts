import { css } from 'lit';

/**
 * The theme every Tidbok element reads. Pages set the public `--tidbok-*` properties (they
 * inherit into shadow roots); elements use the private `--_*` copies with their defaults. The
 * defaults meet WCAG 2.2 AA contrast on white.
 *
 * @cssproperty --tidbok-primary - Accent: buttons, chosen items, focus rings. Default `#1d6b57`.
 * @cssproperty --tidbok-on-primary - Text on the accent. Default `#fff`.
 * @cssproperty --tidbok-radius - Corner radius. Default `8px`.
 * @cssproperty --tidbok-font - Font family. Default: the page's.
 * @cssproperty --tidbok-text - Text colour. Default `#1c2430`.
 * @cssproperty --tidbok-muted - Secondary text. Default `#55606c`.
 * @cssproperty --tidbok-surface - Background of cards and fields. Default `#fff`.
 * @cssproperty --tidbok-subtle - Background of quiet areas and skeletons. Default `#f2f4f5`.
 * @cssproperty --tidbok-border - Borders. Default `#c9d1d8`.
 * @cssproperty --tidbok-danger - Errors. Default `#b42318`.
 */
export const theme = css`
  :host {
    --_primary: var(--tidbok-primary, #1d6b57);
    --_on-primary: var(--tidbok-on-primary, #fff);
    --_radius: var(--tidbok-radius, 8px);
    --_text: var(--tidbok-text, #1c2430);
    --_muted: var(--tidbok-muted, #55606c);
    --_surface: var(--tidbok-surface, #fff);
    --_subtle: var(--tidbok-subtle, #f2f4f5);
    --_border: var(--tidbok-border, #c9d1d8);
    --_danger: var(--tidbok-danger, #b42318);
    font-family: var(--tidbok-font, inherit);
    color: var(--_text);
    line-height: 1.45;
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: 2px solid var(--_primary);
    outline-offset: 2px;
  }
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;

/** `.btn` (outlined), `.btn.primary` (filled) and `.btn.link` (text only); min 44 px targets. */
export const buttons = css`
  .btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.4em;
    min-height: 44px;
    padding: 0.5em 1.1em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    font-weight: 600;
    text-decoration: none;
    cursor: pointer;
  }
  .btn:hover {
    border-color: var(--_primary);
  }
  .primary {
    background: var(--_primary);
    border-color: var(--_primary);
    color: var(--_on-primary);
  }
  .primary:hover {
    filter: brightness(1.1);
  }
  .link {
    min-height: 44px;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_primary);
    font: inherit;
    font-weight: 600;
    text-decoration: underline;
    text-underline-offset: 0.2em;
    cursor: pointer;
  }
  [aria-disabled='true'] {
    opacity: 0.55;
    cursor: default;
  }
  .error {
    color: var(--_danger);
  }
  .sk {
    border-radius: var(--_radius);
    background: var(--_subtle);
    animation: pulse 1.4s ease-in-out infinite;
  }
  @keyframes pulse {
    50% {
      opacity: 0.5;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .sk {
      animation: none;
    }
  }
`;
