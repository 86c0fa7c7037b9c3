import { html } from 'lit';

export interface ConfirmGroup {
  /** Id of the question, which labels the group. */
  id: string;
  question: string;
  /** `data-action` of the confirming button. */
  action: string;
  /** The confirming button's label (the same words as the button that asked). */
  confirm: string;
  cancel: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * Why: removing or revoking something in the staff settings always asks first, with the same
 * question-and-two-buttons group; the boxes had each written it out.
 */
export const renderConfirmGroup = (c: ConfirmGroup) =>
  html`<div class="buttons" role="group" aria-labelledby=${c.id}>
    <strong id=${c.id}>${c.question}</strong>
    <button class="btn danger" type="button" data-action=${c.action} ?disabled=${c.busy} @click=${c.onConfirm}>${c.confirm}</button>
    <button class="btn" type="button" @click=${c.onCancel}>${c.cancel}</button>
  </div>`;
