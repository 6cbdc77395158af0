// `await expect(element).toBeAccessible()` for every LWC jest test, as
// lwc-recipes writes it with @sa11y/jest (not installed here): axe-core over
// the rendered component, shadow trees included, failing on any violation.
// Colour contrast is left out: jsdom computes no layout or colours.
const axe = require('axe-core');

const options = {
  resultTypes: ['violations'],
  rules: { 'color-contrast': { enabled: false } },
};

function describe(violations) {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' > ')}: ${n.failureSummary}`).join('\n')}`)
    .join('\n');
}

expect.extend({
  async toBeAccessible(received) {
    const { violations } = await axe.run(received || document, options);
    const pass = violations.length === 0;
    return {
      pass,
      message: () =>
        pass ? 'expected accessibility violations, found none' : `expected no accessibility violations, found ${violations.length}:\n${describe(violations)}`,
    };
  },
});
