// Where this Parley runs. HubSpot lets a card or settings page call only the
// origins listed in app-hsmeta.json (permittedUrls.fetch), so the origin is
// written in the project, not asked for at run time: replace parley.example
// here, in app-hsmeta.json (redirectUrls, permittedUrls) and in
// webhooks/webhooks-hsmeta.json (targetUrl) before `hs project upload`
// (README). test/project-config.test.ts fails while the four disagree.
export const PARLEY_ORIGIN = 'https://parley.example';

/** Parley's agent and admin API, which HubSpot's signed calls reach. */
export const PARLEY_API = `${PARLEY_ORIGIN}/api/v1`;
