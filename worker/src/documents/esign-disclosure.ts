// The consent to do business electronically shown before a first signature
// (ESIGN-style). An org's admin may replace it with their own text, which is
// shown as they wrote it; this is Parley's default, in every language Parley
// speaks, so a signer reads what they agree to in their own language. The
// consent records the hash of the exact text shown and its language
// (room/consent.ts), so the audit says which one was agreed to.
import { z } from 'zod';
import type { Locale } from '../i18n/locales';

export const ESIGN_DISCLOSURES: Record<Locale, string> = {
  en: `Consent to do business electronically

Before you sign, please read this notice. By continuing, you agree to receive documents and to sign them electronically in this secure room instead of on paper.

Paper copies. You may ask for a paper copy of any document you sign here, at no charge, by contacting the agent who invited you. You can also download every completed document from this room.

Withdrawing your consent. You may withdraw this consent at any time, before or after signing, by telling your agent. Withdrawing does not undo signatures already given, and the rest of the process will then continue on paper.

Keeping your contact details up to date. We reach you by the email address or phone number your agent entered. If they change, tell your agent so that notices and copies reach you.

What you need. A device with a current web browser (Chrome, Safari, Edge or Firefox), an internet connection, the ability to open PDF files, and access to the email account or phone that received this invitation.

Your electronic signature has the same effect as your handwritten signature.`,
  es: `Consentimiento para hacer trámites por vía electrónica

Antes de firmar, lee este aviso. Si continúas, aceptas recibir documentos y firmarlos electrónicamente en esta sala segura en lugar de en papel.

Copias en papel. Puedes pedir una copia en papel de cualquier documento que firmes aquí, sin coste, a través del agente que te invitó. También puedes descargar todos los documentos completados desde esta sala.

Retirar tu consentimiento. Puedes retirar este consentimiento en cualquier momento, antes o después de firmar, diciéndoselo a tu agente. Retirarlo no anula las firmas ya dadas, y el resto del proceso continuará en papel.

Mantener tus datos de contacto al día. Te contactamos por el correo electrónico o el teléfono que indicó tu agente. Si cambian, díselo a tu agente para que los avisos y las copias te lleguen.

Qué necesitas. Un dispositivo con un navegador actualizado (Chrome, Safari, Edge o Firefox), conexión a internet, poder abrir archivos PDF y acceso al correo o al teléfono que recibió esta invitación.

Tu firma electrónica tiene el mismo efecto que tu firma manuscrita.`,
  fr: `Consentement aux démarches électroniques

Avant de signer, veuillez lire cet avis. En continuant, vous acceptez de recevoir des documents et de les signer électroniquement dans cet espace sécurisé plutôt que sur papier.

Copies papier. Vous pouvez demander gratuitement une copie papier de tout document signé ici, en contactant le conseiller qui vous a invité. Vous pouvez aussi télécharger chaque document finalisé depuis cet espace.

Retrait de votre consentement. Vous pouvez retirer ce consentement à tout moment, avant ou après la signature, en le disant à votre conseiller. Ce retrait n’annule pas les signatures déjà données, et la suite de la démarche se fera alors sur papier.

Mise à jour de vos coordonnées. Nous vous joignons à l’adresse e-mail ou au numéro de téléphone saisis par votre conseiller. S’ils changent, prévenez votre conseiller afin que les avis et les copies vous parviennent.

Ce dont vous avez besoin. Un appareil avec un navigateur récent (Chrome, Safari, Edge ou Firefox), une connexion à internet, de quoi ouvrir des fichiers PDF, et l’accès à la messagerie ou au téléphone qui a reçu cette invitation.

Votre signature électronique a la même valeur que votre signature manuscrite.`,
  de: `Einwilligung in die elektronische Abwicklung

Bitte lesen Sie diesen Hinweis, bevor Sie unterschreiben. Wenn Sie fortfahren, stimmen Sie zu, Dokumente in diesem sicheren Raum elektronisch zu erhalten und zu unterschreiben, statt auf Papier.

Papierkopien. Sie können von jedem hier unterschriebenen Dokument kostenlos eine Papierkopie verlangen, indem Sie sich an den Ansprechpartner wenden, der Sie eingeladen hat. Außerdem können Sie jedes abgeschlossene Dokument in diesem Raum herunterladen.

Widerruf Ihrer Einwilligung. Sie können diese Einwilligung jederzeit widerrufen, vor oder nach dem Unterschreiben, indem Sie es Ihrem Ansprechpartner sagen. Ein Widerruf macht bereits geleistete Unterschriften nicht rückgängig; der weitere Ablauf erfolgt dann auf Papier.

Aktuelle Kontaktdaten. Wir erreichen Sie über die E-Mail-Adresse oder Telefonnummer, die Ihr Ansprechpartner eingetragen hat. Wenn sich diese ändern, sagen Sie es Ihrem Ansprechpartner, damit Hinweise und Kopien Sie erreichen.

Was Sie brauchen. Ein Gerät mit einem aktuellen Webbrowser (Chrome, Safari, Edge oder Firefox), eine Internetverbindung, die Möglichkeit, PDF-Dateien zu öffnen, und Zugang zu dem E-Mail-Konto oder Telefon, das diese Einladung erhalten hat.

Ihre elektronische Unterschrift hat dieselbe Wirkung wie Ihre handschriftliche Unterschrift.`,
  he: `הסכמה לביצוע פעולות באופן אלקטרוני

לפני החתימה, נא לקרוא את ההודעה הזו. בהמשך התהליך את/ה מסכים/ה לקבל מסמכים ולחתום עליהם באופן אלקטרוני בחדר המאובטח הזה, במקום על נייר.

עותקים מודפסים. אפשר לבקש עותק מודפס של כל מסמך שנחתם כאן, ללא תשלום, דרך הנציג שהזמין אותך. אפשר גם להוריד מהחדר הזה כל מסמך שהושלם.

ביטול ההסכמה. אפשר לבטל את ההסכמה הזו בכל עת, לפני החתימה או אחריה, בהודעה לנציג שלך. הביטול אינו מבטל חתימות שכבר ניתנו, והמשך התהליך ייעשה על נייר.

עדכון פרטי הקשר. אנחנו פונים אליך בכתובת הדוא״ל או במספר הטלפון שהנציג הזין. אם הם משתנים, נא לעדכן את הנציג כדי שהודעות ועותקים יגיעו אליך.

מה צריך. מכשיר עם דפדפן עדכני (Chrome,‏ Safari,‏ Edge או Firefox), חיבור לאינטרנט, אפשרות לפתוח קובצי PDF, וגישה לתיבת הדוא״ל או לטלפון שקיבלו את ההזמנה הזו.

לחתימה האלקטרונית שלך יש אותו תוקף כמו לחתימה בכתב ידך.`,
};

/** Parley's default in English: what an admin's settings page shows as the text to replace. */
export const DEFAULT_ESIGN_DISCLOSURE = ESIGN_DISCLOSURES.en;

export const disclosureTextSchema = z.string().trim().min(200, 'must be at least 200 characters: say how to get paper copies, how to withdraw, how to update contact details, and what the signer needs').max(10_000);
