import * as z from 'zod/mini';
import { LIMITS } from './limits.js';

export const EmailSchema = z.email().check(z.maxLength(LIMITS.email));

export const PhoneSchema = z.string().check(z.trim(), z.maxLength(LIMITS.phone), z.regex(/^\+?[0-9][0-9 ()-]{4,}$/, 'Expected a phone number'));
