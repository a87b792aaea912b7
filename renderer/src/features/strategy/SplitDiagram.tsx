/**
 * The split, drawn: one box per GPU with the layers it holds as a strip of the whole model. Layer
 * split: each card fills its own stretch, and a thin arrow carries the hidden state on. Tensor
 * parallel: every card fills a slice of the WHOLE strip, and a thick double arrow carries the
 * all-reduces. CPU offload: a RAM box holds its share. Colours come from the Mantine theme (light / dark).
 */
import { useId } from 'react';
import { Box } from '@mantine/core';
import { formatBytes } from '../../components/format-advisor';
import { Arrow, Markers } from './DiagramArrow';
import { Card, Ram } from './DiagramBoxes';
import { GAP_X, GAP_Y, H, PAD, TOP, W } from './diagram-geometry';
import type { DiagramCard, SplitLayout } from './split-layout';

export function SplitDiagram({ layout }: { layout: SplitLayout }) {
  const uid = useId().replace(/:/g, '');
  const ids = { one: `${uid}-one`, two: `${uid}-two`, back: `${uid}-back` };
  const tensorRow = layout.mode === 'tensor';
  // Columns: RAM first (its layers run first), then stages; a tensor-parallel row puts each card in a column.
  const columns: DiagramCard[][] = tensorRow
    ? (layout.stages[0]?.cards ?? []).map((c) => [c])
    : layout.stages.map((s) => [...s.cards]);
  const hostCols = layout.host ? 1 : 0;
  const rows = Math.max(1, ...columns.map((c) => c.length));
  const width = PAD * 2 + (columns.length + hostCols) * W + (columns.length + hostCols - 1) * GAP_X;
  const height = TOP + rows * H + (rows - 1) * GAP_Y + PAD;
  const colX = (i: number) => PAD + (i + hostCols) * (W + GAP_X);
  const rowY = (j: number) => TOP + j * (H + GAP_Y);
  const midY = TOP + H / 2;
  const handoff = ['hidden state', `${formatBytes(layout.handoffBytes)} / token`];
  const reduce = [`${layout.allReduces} all-reduces`, `${formatBytes(layout.allReduceBytes)} / token`];
  return (
    <Box
      component="svg"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={layout.description}
      data-testid="split-diagram"
      data-mode={layout.mode}
      style={{
        width: '100%',
        maxWidth: width * 1.5,
        height: 'auto',
        display: 'block',
        fontFamily: 'var(--mantine-font-family)',
      }}
    >
      <Markers ids={ids} />
      {layout.host && <Ram host={layout.host} x={PAD} y={TOP} total={layout.totalLayers} />}
      {layout.host && (
        <Arrow
          x1={PAD + W + 6}
          y1={midY}
          x2={colX(0) - 8}
          y2={midY}
          thick={false}
          ids={ids}
          lines={handoff}
        />
      )}
      {columns.map((col, i) => (
        <g key={i}>
          {col.map((card, j) => (
            <Card key={card.use.index} card={card} x={colX(i)} y={rowY(j)} total={layout.totalLayers} />
          ))}
          {col.slice(1).map((card, j) => (
            <Arrow
              key={card.use.index}
              x1={colX(i) + W / 2}
              y1={rowY(j) + H + 10}
              x2={colX(i) + W / 2}
              y2={rowY(j + 1) - 10}
              thick
              ids={ids}
              lines={reduce}
            />
          ))}
          {i > 0 && (
            <Arrow
              x1={colX(i - 1) + W + (tensorRow ? 14 : 6)}
              y1={midY}
              x2={colX(i) - (tensorRow ? 14 : 8)}
              y2={midY}
              thick={tensorRow}
              ids={ids}
              lines={tensorRow ? reduce : handoff}
            />
          )}
        </g>
      ))}
    </Box>
  );
}
