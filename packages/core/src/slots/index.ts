export { computeSlots } from './compute-slots.js';
export type { BusyInterval, ComputeSlotsInput, Slot, SlotPractitioner, SlotRules, SlotWorkingTime } from './compute-slots.js';
