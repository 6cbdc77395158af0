// An older write-back must not overwrite a newer one: see ParleyVersionGuard.
trigger Parley_Session_Version on Parley_Session__c (before update) {
    ParleyVersionGuard.keepNewest(Trigger.new, Trigger.oldMap);
}
