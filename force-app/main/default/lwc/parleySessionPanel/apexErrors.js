// One readable sentence from whatever an Apex call rejected with. The
// controller turns the Worker's `{ error: { message } }` into an
// AuraHandledException, which reaches the component as `{ body: { message } }`;
// a lost connection or a platform failure arrives in other shapes.
const FALLBACK = 'Something went wrong. Try again in a moment.';

export function errorMessage(error) {
    if (!error) return FALLBACK;
    if (typeof error === 'string') return error;
    const { body } = error;
    if (Array.isArray(body)) {
        const messages = body.map((e) => e && e.message).filter(Boolean);
        if (messages.length) return messages.join(' ');
    } else if (body) {
        if (typeof body.message === 'string' && body.message) return body.message;
        const pageErrors = (body.pageErrors || []).map((e) => e.message).filter(Boolean);
        if (pageErrors.length) return pageErrors.join(' ');
    }
    if (typeof error.message === 'string' && error.message) return error.message;
    if (typeof error.statusText === 'string' && error.statusText) return error.statusText;
    return FALLBACK;
}
