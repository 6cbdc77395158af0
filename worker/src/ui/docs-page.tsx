// /api/docs: the OpenAPI document rendered as a plain page (no CDN scripts;
// the machine-readable document is /api/openapi.json).
import type { Child } from 'hono/jsx';
import { Layout } from './layout';

interface OpenApiDoc {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, { summary?: string; description?: string; tags?: string[] }>>;
}

export function DocsPage({ doc }: { doc: OpenApiDoc }) {
  const rows: Child[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      rows.push(
        <tr>
          <td>{op.tags?.join(', ')}</td>
          <td>
            <code>
              {method.toUpperCase()} {path}
            </code>
          </td>
          <td>
            {op.summary}
            {op.description ? <div class="muted">{op.description}</div> : null}
          </td>
        </tr>,
      );
    }
  }
  return (
    <Layout title={`${doc.info.title} API`}>
      <main>
        <h1>
          {doc.info.title} API {doc.info.version}
        </h1>
        <p>{doc.info.description}</p>
        <p>
          Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a>
        </p>
        <table>
          <thead>
            <tr>
              <th scope="col">Area</th>
              <th scope="col">Route</th>
              <th scope="col">What it does</th>
            </tr>
          </thead>
          <tbody>{rows}</tbody>
        </table>
      </main>
    </Layout>
  );
}
