// The checks the panel makes before asking the Worker to start a session, or
// to change a participant's contact details: the same rules the Worker
// applies (a name, and an email or a phone to send the invitation to), caught
// early with a message that names the field. The Worker still has the last
// word (it knows the org's phone prefix).

export const FIELD_LABELS = Object.freeze({
    name: 'Customer name',
    email: 'Email',
    phone: 'Phone'
});

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_CHARACTERS = /^[+]?[\d\s().-]+$/;
const MIN_PHONE_DIGITS = 6;

/**
 * @param {{ name?: string, email?: string, phone?: string }} contact
 * @returns {{ field: 'name' | 'email' | 'phone', message: string }[]} one entry per field in error, in form order
 */
export function validateContact(contact) {
    const name = (contact.name || '').trim();
    const email = (contact.email || '').trim();
    const phone = (contact.phone || '').trim();
    const errors = [];
    if (!name) {
        errors.push({ field: 'name', message: `${FIELD_LABELS.name}: enter the customer's name.` });
    }
    if (!email && !phone) {
        const message = `${FIELD_LABELS.email} or ${FIELD_LABELS.phone}: enter at least one, so the invitation can reach the customer.`;
        errors.push({ field: 'email', message });
        errors.push({ field: 'phone', message });
        return errors;
    }
    return [...errors, ...formatErrors(email, phone, FIELD_LABELS)];
}

const NEW_LABELS = Object.freeze({ email: 'New email', phone: 'New phone' });

/**
 * The checks before re-engaging a participant (new contact details, new
 * invitation): at least one new detail, each well formed. A blank field keeps
 * what the participant has; the Worker cannot take an address away.
 * @param {{ email?: string, phone?: string }} contact
 * @returns {{ field: 'email' | 'phone', message: string }[]}
 */
export function validateNewContact(contact) {
    const email = (contact.email || '').trim();
    const phone = (contact.phone || '').trim();
    if (!email && !phone) {
        const message = `${NEW_LABELS.email} or ${NEW_LABELS.phone}: enter at least one; a blank field keeps what they have.`;
        return [
            { field: 'email', message },
            { field: 'phone', message }
        ];
    }
    return formatErrors(email, phone, NEW_LABELS);
}

function formatErrors(email, phone, labels) {
    const errors = [];
    if (email && !EMAIL.test(email)) {
        errors.push({ field: 'email', message: `${labels.email}: enter an address like name@example.com.` });
    }
    if (phone && (!PHONE_CHARACTERS.test(phone) || phone.replace(/\D/g, '').length < MIN_PHONE_DIGITS)) {
        errors.push({ field: 'phone', message: `${labels.phone}: enter a number like +1 415 555 0123.` });
    }
    return errors;
}

/** The contact as sent to Apex: trimmed, with empty fields as null. */
export function cleanContact(contact) {
    const clean = (value) => {
        const trimmed = (value || '').trim();
        return trimmed ? trimmed : null;
    };
    return { name: clean(contact.name), email: clean(contact.email), phone: clean(contact.phone) };
}
