/**
 * Step 6: the checklist to build and launch by — preview, Print, Save as Markdown, and Save as PDF
 * (the desktop app writes the PDF; a browser prints, where "Save as PDF" is a destination).
 */
import { useState } from 'react';
import { Alert, Button, Group, Stack } from '@mantine/core';
import { checklistHtml, checklistMarkdown } from '@shared/engine/checklist/render-checklist';
import type { AppApi } from '@shared/ipc/contract';
import type { Advisor } from '../../state/use-advisor';
import { ChecklistPreview } from './ChecklistPreview';
import { checklistBaseName, downloadText } from './checklist-files';

type Notice = { color: 'teal' | 'yellow' | 'red'; text: string } | null;

export type PdfSaver = Partial<Pick<AppApi, 'saveReportPdf'>>;

const PRINT_HINT =
  'Saving a PDF directly works in the desktop app. Here the print dialog opened instead: choose "Save as PDF" as its destination.';

export function ChecklistStep({ advisor, api }: { advisor: Advisor; api: PdfSaver }) {
  const [notice, setNotice] = useState<Notice>(null);
  const { checklist, result } = advisor;
  if (!checklist || !result) return null;
  const base = checklistBaseName(result.model.id, result.model.quant);

  const saveMarkdown = () => {
    downloadText(checklistMarkdown(checklist), `${base}.md`);
    setNotice({ color: 'teal', text: `${base}.md is downloading.` });
  };
  const savePdf = async () => {
    if (typeof api.saveReportPdf !== 'function') {
      setNotice({ color: 'yellow', text: PRINT_HINT });
      window.print();
      return;
    }
    const saved = await api.saveReportPdf({ html: checklistHtml(checklist), suggestedName: `${base}.pdf` });
    if (saved.ok) setNotice(saved.value ? { color: 'teal', text: `Saved ${saved.value.path}` } : null);
    else if (saved.error.code === 'unsupported') {
      setNotice({ color: 'yellow', text: PRINT_HINT });
      window.print();
    } else setNotice({ color: 'red', text: `The PDF was not saved: ${saved.error.message}` });
  };

  return (
    <Stack gap="md">
      <Group gap="sm" className="no-print">
        <Button onClick={() => window.print()}>Print…</Button>
        <Button variant="light" onClick={saveMarkdown}>
          Save as Markdown
        </Button>
        <Button variant="light" onClick={() => void savePdf()}>
          Save as PDF
        </Button>
      </Group>
      {notice && (
        <Alert
          className="no-print"
          color={notice.color}
          variant="light"
          withCloseButton
          onClose={() => setNotice(null)}
          data-testid="checklist-notice"
        >
          {notice.text}
        </Alert>
      )}
      <ChecklistPreview checklist={checklist} />
    </Stack>
  );
}
