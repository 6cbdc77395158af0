// The participant list's rules, apart from the markup: which of a template's
// roles the agent is asked about, what each role can be given to, the list as
// the Worker takes it (POST …/documents "roles"), and which role a refusal of
// the Worker names. The same choices as the workspace's template form; the
// Worker checks the list (channels, OTP, required roles) and has the last word.

// Who these two are is known already: the session's customer, and the agent sending.
const KNOWN_ROLES = new Set(['Customer', 'Agent']);

/** What a role can be given to; a participant already in the session is chosen by their id. */
export const WHO = Object.freeze({
    NEW: 'new',
    CUSTOMER: 'customer',
    AGENT: 'agent',
    LEAVE_OUT: 'leave_out'
});

/** The template's roles the agent is asked about: all but Customer and Agent, in the template's order. */
export function rolesToAsk(templateRoles) {
    return (templateRoles || []).filter((role) => role && !KNOWN_ROLES.has(role.name)).map((role) => ({ name: role.name, required: role.required !== false }));
}

/**
 * A role's choice before the agent changes it: someone new for a required
 * role (it cannot go without), left out for an optional one (the Worker's own
 * default for a role not named).
 */
export function initialChoice(role) {
    return {
        role: role.name,
        required: role.required,
        who: role.required ? WHO.NEW : WHO.LEAVE_OUT,
        contact: { name: '', email: '', phone: '' },
        mandatory: false,
        errors: []
    };
}

/**
 * The radio options for one role: someone new, the customer's Assign step, a
 * participant already there, the agent, and leaving an optional role out.
 * peopleOnly (a workflow's role): someone new or a participant only, since a
 * workflow takes no Assign step and no agent.
 */
export function whoOptions(role, participants, peopleOnly = false) {
    const options = [{ label: 'Someone new', value: WHO.NEW }];
    if (!peopleOnly) options.push({ label: 'Let the customer assign', value: WHO.CUSTOMER });
    for (const p of participants || []) {
        options.push({ label: `${p.name} (${p.roleName})`, value: p.id });
    }
    if (!peopleOnly) options.push({ label: 'Me (the agent)', value: WHO.AGENT });
    if (!role.required) options.push({ label: 'Leave out', value: WHO.LEAVE_OUT });
    return options;
}

/** "Make mandatory" is the Worker's `required: true`, which only a new person or the customer's Assign step can carry. */
export function canMakeMandatory(choice) {
    return !choice.required && (choice.who === WHO.NEW || choice.who === WHO.CUSTOMER);
}

/**
 * The choices as the Worker's participant list: role → participant id,
 * "agent", {contact, required?} or {assign: "customer", required?}; a role
 * left out is not named. A phone is never sent with SMS off (the field is not
 * even shown then, but one typed before the settings arrived must not go).
 */
export function participantList(choices, { smsEnabled }) {
    const list = {};
    for (const choice of choices) {
        const required = canMakeMandatory(choice) && choice.mandatory ? { required: true } : {};
        if (choice.who === WHO.NEW) {
            const contact = { name: choice.contact.name.trim() };
            const email = choice.contact.email.trim();
            const phone = smsEnabled ? choice.contact.phone.trim() : '';
            if (email) contact.email = email;
            if (phone) contact.phone = phone;
            list[choice.role] = { contact, ...required };
        } else if (choice.who === WHO.CUSTOMER) {
            list[choice.role] = { assign: 'customer', ...required };
        } else if (choice.who && choice.who !== WHO.LEAVE_OUT) {
            list[choice.role] = choice.who;
        }
    }
    return list;
}

const FIELD_LABELS = Object.freeze({ name: 'Name', email: 'Email', phone: 'Phone' });

/**
 * The Worker's refusal taken apart by the role each part names:
 * "roles.Cosigner.contact.phone: …" (a 422 of its own rules) or
 * "body.roles.Cosigner.contact.email: …" (its request validation, several
 * joined by "; "). Each part becomes { field: 'name' | 'email' | 'phone' |
 * null, message } under its role; a part naming no role of the list is left
 * in `unplaced`, for the panel to show as a whole.
 * @returns {{ byRole: Object<string, {field: string|null, message: string}[]>, unplaced: string[] }}
 */
export function placeRefusal(message, roleNames) {
    const byRole = {};
    const unplaced = [];
    // Longest first, so "Cosigner 2" is not taken for "Cosigner".
    const names = [...roleNames].sort((a, b) => b.length - a.length);
    for (const part of String(message || '').split(/;\s+(?=(?:body\.)?roles\.)/)) {
        const path = part.replace(/^body\./, '');
        const role = names.find((name) => path.startsWith(`roles.${name}:`) || path.startsWith(`roles.${name}.`));
        if (!role) {
            if (part.trim()) unplaced.push(part.trim());
            continue;
        }
        const rest = path.slice(`roles.${role}`.length);
        const colon = rest.indexOf(': ');
        const where = colon < 0 ? rest : rest.slice(0, colon);
        const why = colon < 0 ? part : rest.slice(colon + 2);
        const field = (where.match(/^\.contact\.(name|email|phone)$/) || [])[1] || null;
        (byRole[role] = byRole[role] || []).push({ field, message: field ? `${FIELD_LABELS[field]}: ${why}` : why });
    }
    return { byRole, unplaced };
}
