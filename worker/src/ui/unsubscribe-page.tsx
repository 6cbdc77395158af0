// The page behind a notice email's unsubscribe link: one button (a link
// scanner's GET unsubscribes nobody), then a confirmation. In the language of
// the browser that opened it (an email link carries no participant's choice).
import type { Translate } from '../i18n/translate';
import { Layout } from './layout';

export function UnsubscribePage(props: { t: Translate; orgName: string; action: string }) {
  const { t } = props;
  return (
    <Layout title={t('entry.unsubscribe.title')} locale={t.locale}>
      <main class="notice" role="main">
        <h1>{t('entry.unsubscribe.heading', { orgName: props.orgName })}</h1>
        <p>{t('entry.unsubscribe.lead')}</p>
        <form method="post" action={props.action}>
          <button type="submit">{t('entry.unsubscribe.button')}</button>
        </form>
      </main>
    </Layout>
  );
}

export function UnsubscribedPage(props: { t: Translate; orgName: string | null }) {
  const { t } = props;
  return (
    <Layout title={t('entry.unsubscribe.title')} locale={t.locale}>
      <main class="notice" role="main">
        {props.orgName ? (
          <>
            <h1>{t('entry.unsubscribe.done')}</h1>
            <p>{t('entry.unsubscribe.done_message', { orgName: props.orgName })}</p>
          </>
        ) : (
          <>
            <h1>{t('entry.unsubscribe.broken')}</h1>
            <p>{t('entry.unsubscribe.broken_message')}</p>
          </>
        )}
      </main>
    </Layout>
  );
}
