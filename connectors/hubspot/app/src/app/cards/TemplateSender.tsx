// Send one of the org's templates (Parley's Assets) into the session, at its
// current version, for the customer to fill and sign.
import { useEffect, useState } from 'react';
import { Button, Flex, Select, Text } from '@hubspot/ui-extensions';
import { callParley } from '@parley/hubspot-shared/parley-api';
import { ParleyErrorAlert } from '@parley/hubspot-shared/ParleyErrorAlert';
import type { DocumentItemView, Template, TemplateList } from '@parley/hubspot-shared/parley-types';

export function TemplateSender({ sessionId, onSent }: { sessionId: string; onSent: (sent: DocumentItemView) => void }) {
  const [templates, setTemplates] = useState<Template[] | null>(null);
  const [chosen, setChosen] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    callParley<TemplateList>('GET', '/templates')
      .then((list) => current && setTemplates(list.templates))
      .catch((error: unknown) => current && setFailure(error));
    return () => {
      current = false;
    };
  }, []);

  const send = async () => {
    if (!chosen) return;
    setBusy(true);
    setFailure(null);
    try {
      const sent = await callParley<DocumentItemView>('POST', `/sessions/${sessionId}/documents`, { templateId: chosen });
      setChosen('');
      onSent(sent);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  if (templates && !templates.length) return <Text>No templates yet: an admin adds them in Parley.</Text>;
  return (
    <Flex direction="column" gap="xs">
      <Select
        testId="template"
        name="template"
        label="Send a template"
        placeholder={templates ? 'Choose a template' : 'Loading templates…'}
        value={chosen}
        options={(templates ?? []).map((t) => ({ label: `${t.name} (v${t.version})`, value: t.id }))}
        onChange={(value) => setChosen(String(value))}
      />
      {failure ? <ParleyErrorAlert error={failure} title="The template was not sent" /> : null}
      <Button testId="send-template" disabled={busy || !chosen} onClick={() => void send()}>
        Send template
      </Button>
    </Flex>
  );
}
