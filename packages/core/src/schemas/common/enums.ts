import * as z from 'zod/mini';

export const LocaleSchema = z.enum(['sv', 'en']);
export type Locale = z.infer<typeof LocaleSchema>;

export const ConfirmationChannelSchema = z.enum(['email', 'sms', 'none']);
export type ConfirmationChannel = z.infer<typeof ConfirmationChannelSchema>;
