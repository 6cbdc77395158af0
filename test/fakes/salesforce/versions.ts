// GET /services/data/ ("Versions": every API version the org serves, with its
// release label and root URL) and GET /services/data/vXX.X/ ("Resources by
// Version"). Salesforce releases three versions a year: 31.0 was Summer '14,
// 32.0 Winter '15, 33.0 Spring '15, and so on in that order.

const FIRST_LISTED = 31;

export interface ApiVersion {
  label: string;
  url: string;
  version: string;
}

function releaseLabel(major: number): string {
  const step = major - FIRST_LISTED;
  const season = ['Summer', 'Winter', 'Spring'][step % 3]!;
  // Summer '14 is 31.0; a Winter release is named after the year it leads into.
  const year = 14 + Math.floor(step / 3) + (season === 'Summer' ? 0 : 1);
  return `${season} '${String(year).padStart(2, '0')}`;
}

export function apiVersions(latest: string): ApiVersion[] {
  const out: ApiVersion[] = [];
  for (let major = FIRST_LISTED; major <= Math.floor(Number(latest)); major++) {
    const version = `${major}.0`;
    out.push({ label: releaseLabel(major), url: `/services/data/v${version}`, version });
  }
  return out;
}

export function isListedVersion(version: string, latest: string): boolean {
  return apiVersions(latest).some((v) => v.version === version);
}

export function resourcesOf(version: string): Record<string, string> {
  const root = `/services/data/v${version}`;
  return {
    sobjects: `${root}/sobjects`,
    query: `${root}/query`,
    composite: `${root}/composite`,
    limits: `${root}/limits`,
  };
}
