// The entry area of the customer's texts (keys start with "entry.").
import { defineMessages } from '../define-messages';

export const entryMessages = defineMessages({
  en: {},
  es: {},
  fr: {},
  de: {},
  he: {},
});
