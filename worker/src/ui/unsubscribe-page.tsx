// The page behind a notice email's unsubscribe link: one button (a link
// scanner's GET unsubscribes nobody), then a confirmation.
import { Layout } from './layout';

export function UnsubscribePage(props: { orgName: string; action: string }) {
  return (
    <Layout title="Unsubscribe">
      <main class="notice" role="main">
        <h1>Stop emails from {props.orgName}?</h1>
        <p>You will get no more reminders or updates by email about your session. Your agent will see that you unsubscribed.</p>
        <form method="post" action={props.action}>
          <button type="submit">Unsubscribe</button>
        </form>
      </main>
    </Layout>
  );
}

export function UnsubscribedPage(props: { orgName: string | null }) {
  return (
    <Layout title="Unsubscribe">
      <main class="notice" role="main">
        {props.orgName ? (
          <>
            <h1>You are unsubscribed</h1>
            <p>{props.orgName} will email you no more about this session. Your agent can still reach you in the secure room.</p>
          </>
        ) : (
          <>
            <h1>This link does not work</h1>
            <p>It may have been copied incompletely. Nothing was changed.</p>
          </>
        )}
      </main>
    </Layout>
  );
}
