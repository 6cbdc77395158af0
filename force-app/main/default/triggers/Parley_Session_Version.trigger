// An older write-back must not overwrite a newer one: see ParleyVersionGuard.
// Then who may read the session follows Parley's search space: see ParleySessionSharing.
trigger Parley_Session_Version on Parley_Session__c (before update, after insert, after update) {
    if (Trigger.isBefore) {
        ParleyVersionGuard.keepNewest(Trigger.new, Trigger.oldMap);
    } else {
        ParleySessionSharing.sessionsSaved(Trigger.new);
    }
}
