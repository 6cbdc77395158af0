// An older write-back must not overwrite a newer one: see ParleyVersionGuard.
trigger Parley_Participant_Version on Parley_Participant__c (before update) {
    ParleyVersionGuard.keepNewest(Trigger.new, Trigger.oldMap);
}
