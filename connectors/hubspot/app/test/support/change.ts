// Gives a control a new value, as HubSpot does when the user types, picks or
// toggles (its onChange). HubSpot's test types expect the handler itself as
// the argument of trigger('onChange', …), so the value goes through here.
export function change(node: { trigger: (...args: never[]) => void }, value: unknown): void {
  (node.trigger as (event: string, value: unknown) => void)('onChange', value);
}
