// What following an invitation link shows: the org's name and one button.
// Mail scanners and link previews fetch links (GET) but do not press buttons,
// so only the person's press (a POST to the same address) binds their device
// and starts their access window. A plain form: no script needed. It speaks
// the participant's language (the link knows it), else the browser's.
import type { Translate } from '../i18n/translate';
import { Layout } from './layout';

export function JoinPage(props: { t: Translate; orgName: string; action: string }) {
  const { t } = props;
  return (
    <Layout title={t('entry.join.title')} locale={t.locale}>
      <main class="notice" role="main">
        <h1>{t('entry.join.heading', { orgName: props.orgName })}</h1>
        <p>{t('entry.join.lead')}</p>
        <form method="post" action={props.action}>
          <button type="submit">{t('entry.join.button')}</button>
        </form>
        <p class="muted">{t('entry.join.note')}</p>
      </main>
    </Layout>
  );
}
