/**
 * Step 6: the checklist to build and launch by — preview, Print, Save as Markdown, and Save as PDF
 * (the desktop app prints it to a file; a browser makes the PDF itself and downloads it). The app
 * menu's File → Save report… asks for Save as PDF through `saveRequested`.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Group, Stack } from '@mantine/core';
import { wordChecklist } from '@shared/engine/checklist/input-wording';
import { checklistMarkdown } from '@shared/engine/checklist/render-checklist';
import { uiInputWords } from '../../components/input-words';
import type { Advisor } from '../../state/use-advisor';
import { ChecklistPreview } from './ChecklistPreview';
import {
  checklistBaseName,
  downloadText,
  saveChecklistPdf,
  type PdfSaver,
  type SaveNotice,
} from './checklist-files';

export interface ChecklistStepProps {
  readonly advisor: Advisor;
  readonly api: PdfSaver;
  /**
   * Set by the parent to ask for Save as PDF (File → Save report…); the step saves once, as soon as
   * there is a checklist, and calls `onSaveRequestHandled` so the parent clears the request. The
   * parent owns it because this step unmounts whenever its tab is left.
   */
  readonly saveRequested?: boolean;
  readonly onSaveRequestHandled?: () => void;
}

export function ChecklistStep({
  advisor,
  api,
  saveRequested = false,
  onSaveRequestHandled,
}: ChecklistStepProps) {
  const [notice, setNotice] = useState<SaveNotice>(null);
  const { result } = advisor;
  // The preview, the Markdown and the PDF all name the app's fields for what an item asks for.
  const checklist = useMemo(
    () => (advisor.checklist ? wordChecklist(advisor.checklist, uiInputWords) : null),
    [advisor.checklist],
  );
  const base = result ? checklistBaseName(result.model.id, result.model.quant) : '';

  useEffect(() => {
    if (!saveRequested || !checklist || !base) return;
    onSaveRequestHandled?.();
    void saveChecklistPdf(api, checklist, base).then(setNotice);
  }, [saveRequested, onSaveRequestHandled, checklist, base, api]);

  if (!checklist || !result) return null;

  const saveMarkdown = () => {
    downloadText(checklistMarkdown(checklist), `${base}.md`);
    setNotice({ color: 'teal', text: `${base}.md is downloading.` });
  };
  const savePdf = () => void saveChecklistPdf(api, checklist, base).then(setNotice);

  return (
    <Stack gap="md">
      <Group gap="sm" className="no-print">
        <Button onClick={() => window.print()}>Print…</Button>
        <Button variant="light" onClick={saveMarkdown}>
          Save as Markdown
        </Button>
        <Button variant="light" onClick={savePdf}>
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
