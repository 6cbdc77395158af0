// Save sends only what the admin changed: the Worker keeps an org's (or a
// team's) own values and fills the rest from the level above, so sending an
// untouched value would pin it and stop later defaults reaching it.
import { errorMessage } from 'c/parleySetupApexError';

function isPlainObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** JSON with object keys in one order, so equal values compare equal. */
function canonical(value) {
    if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
    if (isPlainObject(value)) {
        return `{${Object.keys(value)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
            .join(',')}}`;
    }
    return JSON.stringify(value === undefined ? null : value);
}

export function sameValue(a, b) {
    return canonical(a) === canonical(b);
}

/**
 * The fields of draft that differ from saved, as a nested patch.
 * depth says how many object levels are groups; below that, objects are
 * single values sent whole (a duration {days, hours, minutes} is one setting).
 */
export function changedFields(saved, draft, depth = 2) {
    const patch = {};
    for (const key of Object.keys(draft || {})) {
        const before = saved ? saved[key] : undefined;
        const after = draft[key];
        if (depth > 1 && isPlainObject(after) && isPlainObject(before)) {
            const inner = changedFields(before, after, depth - 1);
            if (Object.keys(inner).length > 0) patch[key] = inner;
        } else if (!sameValue(before, after)) {
            patch[key] = after;
        }
    }
    return patch;
}

export function isEmptyPatch(patch) {
    return !patch || Object.keys(patch).length === 0;
}

/** A deep copy of JSON data, so a draft never shares objects with what was saved. */
export function copyOf(value) {
    return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/**
 * Save a setup form the one way every form saves: refuse while it shows
 * problems (and move focus to them), send nothing when nothing changed, else
 * send the patch. `form` is the component: its `patch`, `accept(result)` and
 * `toast(variant, title, message)`, and the `saving` and `serverError` it shows.
 */
export async function savePatch(form, { event, problems, send, savedTitle, savedMessage, failedTitle }) {
    if (problems.length > 0) {
        event.target.focusProblems();
        return;
    }
    const patch = form.patch;
    if (isEmptyPatch(patch)) return;
    form.saving = true;
    form.serverError = undefined;
    try {
        form.accept(await send(JSON.stringify(patch)));
        form.toast('success', savedTitle, savedMessage);
    } catch (error) {
        form.serverError = errorMessage(error);
        form.toast('error', failedTitle, form.serverError);
    } finally {
        form.saving = false;
    }
}

/**
 * Puts each field's error on its control itself (setCustomValidity, so a
 * screen reader hears it at the field), and clears the ones reported last
 * time that are now fixed. `keyOf` names a control's field; returns the
 * fields now reported, for the next call.
 */
export function reportFieldErrors(controls, keyOf, errors, reported) {
    const now = new Set();
    for (const control of controls) {
        const key = keyOf(control);
        if (errors[key]) {
            control.setCustomValidity(errors[key]);
            control.reportValidity();
            now.add(key);
        } else if (reported.has(key)) {
            control.setCustomValidity('');
            control.reportValidity();
        }
    }
    return now;
}
