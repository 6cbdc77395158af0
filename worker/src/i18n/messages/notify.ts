// The notify area of the customer's texts (keys start with "notify.").
import { defineMessages } from '../define-messages';

export const notifyMessages = defineMessages({
  en: {},
  es: {},
  fr: {},
  de: {},
  he: {},
});
