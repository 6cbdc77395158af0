// What following an invitation link shows: the org's name and one button.
// Mail scanners and link previews fetch links (GET) but do not press buttons,
// so only the person's press (a POST to the same address) binds their device
// and starts their access window. A plain form: no script needed.
import { Layout } from './layout';

export function JoinPage(props: { orgName: string; action: string }) {
  return (
    <Layout title="Your secure room">
      <main class="notice" role="main">
        <h1>{props.orgName} invites you to a secure room</h1>
        <p>Open it to see your documents and talk with your agent.</p>
        <form method="post" action={props.action}>
          <button type="submit">Open my secure room</button>
        </form>
        <p class="muted">For your security, the room opens on this device when you press the button.</p>
      </main>
    </Layout>
  );
}
