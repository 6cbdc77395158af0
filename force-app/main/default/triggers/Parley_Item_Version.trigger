// An older write-back must not overwrite a newer one: see ParleyVersionGuard.
trigger Parley_Item_Version on Parley_Item__c (before update) {
    ParleyVersionGuard.keepNewest(Trigger.new, Trigger.oldMap);
}
