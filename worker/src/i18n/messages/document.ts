// The document area of the customer's texts (keys start with "document.").
import { defineMessages } from '../define-messages';

export const documentMessages = defineMessages({
  en: {},
  es: {},
  fr: {},
  de: {},
  he: {},
});
