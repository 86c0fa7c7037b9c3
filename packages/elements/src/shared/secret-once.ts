import { html, type LitElement, nothing, type TemplateResult } from 'lit';

/** Copies a text to the clipboard and then says so (nothing happens where the clipboard is not offered). */
export const copyText = (value: string, copied: () => void) => {
  void navigator.clipboard?.writeText(value).then(copied);
};

/** Selects a just-made secret's field once it is on screen, ready to copy. */
export async function selectWhenShown(host: LitElement, id: string) {
  await host.updateComplete;
  host.shadowRoot?.querySelector<HTMLInputElement>(`#${id}`)?.select();
}

export interface SecretOnce {
  /** Id of the read-only field. */
  id: string;
  /** Id of the "shown only now" hint that describes it. */
  hintId: string;
  part: string;
  /** `status` where the secret appears after a button press and should be announced. */
  role?: 'status';
  label: string;
  value: string;
  hint: string;
  copy: string;
  /** After the copy worked (say "Copied"). */
  onCopied: () => void;
  /** The button (or link) after "Copy": "Done", "Open in calendar app", … */
  next: TemplateResult;
}

/**
 * Why: a new secret (an integration key, an API token, a calendar address) is never fetched
 * again, so each box shows it once in a read-only field with a copy button; one markup for all.
 */
export const renderSecretOnce = (s: SecretOnce) =>
  html`<div class="field" part=${s.part} role=${s.role ?? nothing}>
    <label for=${s.id}>${s.label}</label>
    <input id=${s.id} type="text" readonly .value=${s.value} aria-describedby=${s.hintId} />
    <p class="hint" id=${s.hintId}>${s.hint}</p>
    <div class="buttons">
      <button class="btn" type="button" data-action="copy" @click=${() => copyText(s.value, s.onCopied)}>${s.copy}</button>
      ${s.next}
    </div>
  </div>`;
