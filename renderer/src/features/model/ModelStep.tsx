/** Step 2: the model (catalog or config.json) and how to run it. */
import { Stack } from '@mantine/core';
import type { Advisor } from '../../state/use-advisor';
import { ModelPicker } from './ModelPicker';
import type { GgufReader } from './read-model-file';
import { RunOptions } from './RunOptions';

export function ModelStep({ advisor, api }: { advisor: Advisor; api: GgufReader }) {
  const { inputs, dispatch, model } = advisor;
  return (
    <Stack gap="lg">
      <ModelPicker
        value={inputs.model}
        model={model.model}
        notes={model.notes}
        error={model.error}
        weightsGiB={advisor.result?.model.weightsGiB ?? null}
        dispatch={dispatch}
        api={api}
        request={advisor.request}
        profile={advisor.machine.profile}
      />
      <RunOptions
        inputs={inputs}
        model={model.model}
        dispatch={dispatch}
        request={advisor.request}
        result={advisor.result}
        profile={advisor.machine.profile}
      />
    </Stack>
  );
}
