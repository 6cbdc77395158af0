-- Who an agent is to the org key (auth/crm-caller.ts). The key acts only for
-- agents its CRM made, found by the CRM's own user id, never by email: an
-- email is not proof of anything, and the key must never reach an account
-- made in Parley (an admin especially).

-- 'parley': added in Parley (the admin's API, the demo seed); the key never acts for it.
-- 'crm': made through the org key on the CRM user's first call; the key acts for it.
-- Agents made before this migration cannot be told apart (the old key matched
-- by email), so all stay 'parley': the key reaches none of them, and a CRM user
-- whose email one of them holds is refused with 409 until an admin sorts it out.
ALTER TABLE agents ADD COLUMN origin TEXT NOT NULL DEFAULT 'parley' CHECK (origin IN ('parley', 'crm'));
-- The CRM user the agent is (a Salesforce User Id in its 18-character form); only for 'crm' agents.
ALTER TABLE agents ADD COLUMN crm_system TEXT CHECK (crm_system IS NULL OR (origin = 'crm' AND crm_system IN ('salesforce', 'hubspot')));
ALTER TABLE agents ADD COLUMN crm_user_id TEXT CHECK (crm_user_id IS NULL OR (origin = 'crm' AND crm_system IS NOT NULL));

-- One agent per CRM user in an org: the key finds them by this, and a race of
-- first calls makes one agent, not two.
CREATE UNIQUE INDEX agents_by_crm_user ON agents (org_id, crm_system, crm_user_id) WHERE crm_user_id IS NOT NULL;
