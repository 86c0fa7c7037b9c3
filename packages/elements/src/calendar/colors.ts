/*
 * Treatment colours are chosen by the clinic, so the text on a block cannot be fixed: white on
 * a light green fails WCAG AA. These pick, per colour, whichever of near-black and white reads
 * better, and mix tints for cancelled and no-show bookings.
 */

const DARK = '#1b1b1f';
const LIGHT = '#ffffff';

function channels(hex: string): [number, number, number] {
  const match = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  const value = match?.[1] ? parseInt(match[1], 16) : 0x888888;
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two `#rrggbb` colours (1–21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Near-black or white, whichever has more contrast on `background`. */
export function textOn(background: string): string {
  return contrastRatio(background, DARK) >= contrastRatio(background, LIGHT) ? DARK : LIGHT;
}

/** `color` mixed with white: `amount` 0 is the colour, 1 is white. */
export function tint(color: string, amount: number): string {
  const mixed = channels(color).map((c) => Math.round(c + (255 - c) * amount));
  return `#${mixed.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** `color` mixed with black: `amount` 0 is the colour, 1 is black. */
export function shade(color: string, amount: number): string {
  const mixed = channels(color).map((c) => Math.round(c * (1 - amount)));
  return `#${mixed.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** WCAG AA for normal text. */
const AA = 4.5;

/**
 * A block's background and text for a clinic's colour, readable to WCAG AA: the colour itself
 * when near-black or white text on it reaches 4.5:1, otherwise the closest lighter or darker
 * shade of it that does (mid-tone blues such as #2e86ab reach neither).
 */
export function readableColors(color: string): { background: string; text: string } {
  const text = textOn(color);
  if (contrastRatio(color, text) >= AA) return { background: color, text };
  for (let step = 1; step <= 50; step++) {
    const amount = step / 50;
    const lighter = tint(color, amount);
    if (contrastRatio(lighter, DARK) >= AA) return { background: lighter, text: DARK };
    const darker = shade(color, amount);
    if (contrastRatio(darker, LIGHT) >= AA) return { background: darker, text: LIGHT };
  }
  return { background: '#ffffff', text: DARK };
}
