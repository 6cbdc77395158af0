// The chat area of the customer's texts (keys start with "chat.").
import { defineMessages } from '../define-messages';

export const chatMessages = defineMessages({
  en: {},
  es: {},
  fr: {},
  de: {},
  he: {},
});
