// The HTML shell of every page: mobile viewport, one stylesheet, no inline
// script. A customer's page speaks their language (lang, and dir="rtl" for
// Hebrew) and carries the texts its script needs as inert JSON.
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { DEFAULT_LOCALE, directionOf, type Locale } from '../i18n/locales';
import { PAGE_MESSAGES_ID } from '../i18n/page-messages';

export interface LayoutProps {
  title: string;
  children: Child;
  script?: string | undefined;
  /** ES modules the page's script imports later, fetched while the page loads (rel=modulepreload). */
  modules?: string[] | undefined;
  styles?: string[] | undefined;
  bodyClass?: string | undefined;
  /** The page's language; English when absent (the agent's workspace). */
  locale?: Locale | undefined;
  /** The texts the page's script needs (i18n/catalogue.ts areaMessages): embedded, never executed. */
  messages?: Record<string, string> | undefined;
}

export function Layout(props: LayoutProps) {
  const locale = props.locale ?? DEFAULT_LOCALE;
  // The doctype keeps browsers out of quirks mode.
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={locale} dir={directionOf(locale)}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{props.title}</title>
        <link rel="stylesheet" href="/assets/parley.css" />
        {(props.styles ?? []).map((href) => (
          <link rel="stylesheet" href={href} />
        ))}
        {props.messages ? <PageTexts locale={locale} messages={props.messages} /> : null}
        {props.script ? <script src={props.script} defer /> : null}
        {(props.modules ?? []).map((href) => (
          <link rel="modulepreload" href={href} />
        ))}
      </head>
      <body class={props.bodyClass}>{props.children}</body>
      </html>
    </>
  );
}

/** A page that only tells the visitor something: expired, denied, another device… Its texts come translated; locale sets lang and dir. */
export function NoticePage(props: { title: string; message: string; detail?: string | undefined; locale?: Locale | undefined }) {
  return (
    <Layout title={props.title} locale={props.locale}>
      <main class="notice" role="main">
        <h1>{props.title}</h1>
        <p>{props.message}</p>
        {props.detail ? <p class="muted">{props.detail}</p> : null}
      </main>
    </Layout>
  );
}

/** JSON safe inside a <script> element: "<" written as \u003c, so no text can close the element. */
const inertJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** The texts a page's script speaks, as inert JSON (i18n/page-messages.ts). */
export function PageTexts({ locale, messages }: { locale: Locale; messages: Record<string, string> }) {
  return raw(`<script type="application/json" id="${PAGE_MESSAGES_ID}">${inertJson({ locale, messages })}</script>`);
}
