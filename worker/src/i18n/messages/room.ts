// The room area of the customer's texts (keys start with "room.").
import { defineMessages } from '../define-messages';

export const roomMessages = defineMessages({
  en: {},
  es: {},
  fr: {},
  de: {},
  he: {},
});
