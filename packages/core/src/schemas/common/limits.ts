/** Limits shared by every request body, so one place states what "too long" means. */
export const LIMITS = {
  name: 200,
  /** Names of people: what a form, an e-mail's greeting or an SMS needs, and no more. */
  personName: 100,
  title: 200,
  text: 5000,
  email: 254,
  phone: 40,
  address: 500,
  query: 200,
  listPage: 500,
} as const;
