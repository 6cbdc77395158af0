// What went wrong in an Apex call, in words an admin can act on. The setup
// controller turns the Worker's 4xx into an AuraHandledException whose
// message is the Worker's own (it names the field and the allowed range), so
// it is shown as it is.

/** The text of an error from an Apex call, a fetch, or a plain Error. */
export function errorMessage(error) {
    if (!error) return 'Something went wrong. Try again.';
    if (typeof error === 'string') return error;
    const body = error.body;
    if (Array.isArray(body)) {
        const messages = body.map((b) => b && b.message).filter(Boolean);
        if (messages.length) return messages.join('; ');
    } else if (body) {
        if (typeof body.message === 'string' && body.message) return body.message;
        const pageErrors = (body.pageErrors || []).map((e) => e.message);
        const fieldErrors = Object.values(body.fieldErrors || {})
            .flat()
            .map((e) => e.message);
        const all = [...pageErrors, ...fieldErrors].filter(Boolean);
        if (all.length) return all.join('; ');
    }
    if (typeof error.message === 'string' && error.message) return error.message;
    if (typeof error.statusText === 'string' && error.statusText) return error.statusText;
    return 'Something went wrong. Try again.';
}

/**
 * Whether the controller refused because the user lacks the Parley_Admin
 * custom permission: its message names the permission, whatever else it says.
 */
export function isAdminOnly(error) {
    return /parley[ _]admin/i.test(errorMessage(error));
}
