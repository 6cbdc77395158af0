// The HTML shell of every page: mobile viewport, one stylesheet, no inline script.
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';

export function Layout(props: { title: string; children: Child; script?: string; styles?: string[]; bodyClass?: string }) {
  // The doctype keeps browsers out of quirks mode.
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{props.title}</title>
        <link rel="stylesheet" href="/assets/parley.css" />
        {(props.styles ?? []).map((href) => (
          <link rel="stylesheet" href={href} />
        ))}
        {props.script ? <script src={props.script} defer /> : null}
      </head>
      <body class={props.bodyClass}>{props.children}</body>
      </html>
    </>
  );
}

/** A page that only tells the visitor something: expired, denied, another device… */
export function NoticePage(props: { title: string; message: string; detail?: string | undefined }) {
  return (
    <Layout title={props.title}>
      <main class="notice" role="main">
        <h1>{props.title}</h1>
        <p>{props.message}</p>
        {props.detail ? <p class="muted">{props.detail}</p> : null}
      </main>
    </Layout>
  );
}
