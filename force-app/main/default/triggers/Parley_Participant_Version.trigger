// An older write-back must not overwrite a newer one: see ParleyVersionGuard.
// Then the participant is readable by whoever may read its session: see ParleySessionSharing.
trigger Parley_Participant_Version on Parley_Participant__c (before update, after insert, after update) {
    if (Trigger.isBefore) {
        ParleyVersionGuard.keepNewest(Trigger.new, Trigger.oldMap);
    } else {
        ParleySessionSharing.childrenSaved(Trigger.new);
    }
}
