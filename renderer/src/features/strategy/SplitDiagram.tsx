/**
 * The split, drawn: one box per GPU with the layers it holds as a strip of the whole model and its memory
 * to scale (overflow in red). Layer split: each card fills its own stretch, and a thin arrow carries the
 * hidden state on. Tensor parallel: every card fills a slice of the WHOLE strip, and a thick double arrow
 * carries the all-reduces. CPU offload: a RAM box holds its share. Under each arrow, the link the traffic
 * really takes (NVLink, PCIe peer-to-peer, PCIe through the CPU), coloured by kind with its bandwidth.
 * More than four cards in a row wrap, snake-wise, so 8 GPUs stay readable. Colours follow the theme.
 */
import { useId } from 'react';
import { Box } from '@mantine/core';
import { formatGBs } from '@shared/engine/format-bandwidth';
import type { EngineLink, InterconnectKind } from '@shared/engine/machine';
import { formatBytes } from '../../components/format-advisor';
import { Arrow, Markers } from './DiagramArrow';
import { Card, Ram } from './DiagramBoxes';
import { GAP_X, GAP_Y, H, PAD, PER_ROW, TOP, W } from './diagram-geometry';
import type { DiagramCard, SplitLayout } from './split-layout';

const LINK_STYLE: Readonly<
  Record<InterconnectKind, { readonly color: string; readonly label: string; readonly short: string }>
> = {
  nvlink: { color: 'var(--mantine-color-teal-filled)', label: 'NVLink', short: 'NVLink' },
  xgmi: { color: 'var(--mantine-color-teal-filled)', label: 'Infinity Fabric', short: 'xGMI' },
  'pcie-p2p': { color: 'var(--mantine-color-blue-filled)', label: 'PCIe peer-to-peer', short: 'PCIe P2P' },
  'pcie-host': { color: 'var(--mantine-color-red-filled)', label: 'PCIe through the CPU', short: 'via CPU' },
  unified: { color: 'var(--mantine-color-gray-6)', label: 'unified memory', short: 'unified' },
  network: { color: 'var(--mantine-color-grape-filled)', label: 'network', short: 'network' },
};

const linkText = (l: EngineLink): string => `${LINK_STYLE[l.kind].short} · ${formatGBs(l.bandwidthGBs)}`;

/** The link between two GPUs of the machine, either way round. */
function linkOf(links: readonly EngineLink[], a: number, b: number): EngineLink | undefined {
  return links.find((l) => (l.a === a && l.b === b) || (l.a === b && l.b === a));
}

/** A coloured bar beside an arrow, the link the traffic takes, with its kind and bandwidth in words. */
function LinkBar({
  x1,
  y1,
  x2,
  y2,
  link,
  labelLeft = false,
}: {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  link: EngineLink;
  labelLeft?: boolean;
}) {
  const vertical = x1 === x2;
  // The arrow's own words sit on one side of a vertical arrow: the link goes on the other.
  const dx = vertical ? (labelLeft ? 12 : -12) : 0;
  const dy = vertical ? 0 : 14;
  return (
    <g data-link={link.kind}>
      <line
        x1={x1 + dx}
        y1={y1 + dy}
        x2={x2 + dx}
        y2={y2 + dy}
        style={{ stroke: LINK_STYLE[link.kind].color, strokeWidth: 4, strokeLinecap: 'round' }}
      />
      <text
        x={vertical ? x1 + dx * 2 : (x1 + x2) / 2}
        y={vertical ? (y1 + y2) / 2 + 4 : y1 + dy + 16}
        textAnchor={vertical ? (labelLeft ? 'start' : 'end') : 'middle'}
        style={{ fill: 'var(--mantine-color-text)', fontSize: 11 }}
      >
        {linkText(link)}
      </text>
    </g>
  );
}

/** Grid place of the i-th column when the row wraps: snake order keeps consecutive cards side by side. */
function place(i: number, perRow: number): { row: number; col: number } {
  const row = Math.floor(i / perRow);
  const inRow = i % perRow;
  return { row, col: row % 2 === 0 ? inRow : perRow - 1 - inRow };
}

export function SplitDiagram({ layout, links = [] }: { layout: SplitLayout; links?: readonly EngineLink[] }) {
  const uid = useId().replace(/:/g, '');
  const ids = { one: `${uid}-one`, two: `${uid}-two`, back: `${uid}-back` };
  const tensorRow = layout.mode === 'tensor';
  // Columns: RAM first (its layers run first), then stages; a tensor-parallel row puts each card in a column.
  const columns: DiagramCard[][] = tensorRow
    ? (layout.stages[0]?.cards ?? []).map((c) => [c])
    : layout.stages.map((s) => [...s.cards]);
  const hostCols = layout.host ? 1 : 0;
  // Columns of several cards (tensor × pipeline) do not wrap: their stages are already a grid.
  const wraps = columns.every((c) => c.length === 1) && columns.length > PER_ROW;
  const perRow = wraps ? PER_ROW : Math.max(1, columns.length);
  const gridRows = Math.ceil(columns.length / perRow);
  const cardsPerColumn = Math.max(1, ...columns.map((c) => c.length));
  const blockH = cardsPerColumn * H + (cardsPerColumn - 1) * GAP_Y;
  const shown = [...new Set(columns.flat().map((c) => c.use.index))];
  const kinds = [
    ...new Set(links.filter((l) => shown.includes(l.a) && shown.includes(l.b)).map((l) => l.kind)),
  ];
  const legendH = kinds.length > 0 ? 22 : 0;
  const top = TOP + legendH;
  // A wrapped drawing has a down arrow at its right edge, with the link's words beside it.
  const width = PAD * 2 + (perRow + hostCols) * W + (perRow + hostCols - 1) * GAP_X + (wraps ? 80 : 0);
  const height = top + gridRows * blockH + (gridRows - 1) * GAP_Y + PAD;
  const colX = (i: number) => PAD + (place(i, perRow).col + hostCols) * (W + GAP_X);
  const colY = (i: number) => top + place(i, perRow).row * (blockH + GAP_Y);
  const rowY = (i: number, j: number) => colY(i) + j * (H + GAP_Y);
  const handoff = ['hidden state', `${formatBytes(layout.handoffBytes)} / token`];
  const reduce = [`${layout.allReduces} all-reduces`, `${formatBytes(layout.allReduceBytes)} / token`];

  /** The arrow from column i−1 to column i: side by side in a row, or down at a row's end. */
  const between = (i: number) => {
    const a = columns[i - 1]?.[0];
    const b = columns[i]?.[0];
    const link = a && b ? linkOf(links, a.use.index, b.use.index) : undefined;
    const lines = tensorRow ? reduce : handoff;
    const sameRow = place(i - 1, perRow).row === place(i, perRow).row;
    const leftToRight = colX(i) > colX(i - 1);
    const y = colY(i) + H / 2;
    const geometry = sameRow
      ? {
          x1: leftToRight ? colX(i - 1) + W + (tensorRow ? 14 : 6) : colX(i - 1) - (tensorRow ? 14 : 6),
          y1: y,
          x2: leftToRight ? colX(i) - (tensorRow ? 14 : 8) : colX(i) + W + (tensorRow ? 14 : 8),
          y2: y,
        }
      : { x1: colX(i) + W / 2, y1: colY(i - 1) + blockH + 10, x2: colX(i) + W / 2, y2: colY(i) - 10 };
    // At the drawing's right edge, a vertical arrow's words go on its left.
    const labelLeft = !sameRow && place(i, perRow).col === perRow - 1;
    return (
      <g key={`link-${i}`}>
        <Arrow {...geometry} thick={tensorRow} ids={ids} lines={lines} labelLeft={labelLeft} />
        {link && <LinkBar {...geometry} link={link} labelLeft={labelLeft} />}
      </g>
    );
  };

  return (
    <Box
      component="svg"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={layout.description}
      data-testid="split-diagram"
      data-mode={layout.mode}
      data-rows={gridRows}
      style={{
        width: '100%',
        maxWidth: width * 1.5,
        height: 'auto',
        display: 'block',
        fontFamily: 'var(--mantine-font-family)',
      }}
    >
      <Markers ids={ids} />
      {kinds.length > 0 && (
        <g data-testid="link-legend">
          {kinds.map((kind, k) => (
            <g key={kind} transform={`translate(${PAD + k * 190}, ${TOP - 8})`}>
              <line x1={0} y1={0} x2={22} y2={0} style={{ stroke: LINK_STYLE[kind].color, strokeWidth: 4 }} />
              <text x={28} y={4} style={{ fill: 'var(--mantine-color-text)', fontSize: 12 }}>
                {LINK_STYLE[kind].label}
              </text>
            </g>
          ))}
        </g>
      )}
      {layout.host && <Ram host={layout.host} x={PAD} y={top} total={layout.totalLayers} />}
      {layout.host && (
        <Arrow
          x1={PAD + W + 6}
          y1={top + H / 2}
          x2={colX(0) - 8}
          y2={top + H / 2}
          thick={false}
          ids={ids}
          lines={handoff}
        />
      )}
      {columns.map((col, i) => (
        <g key={i}>
          {col.map((card, j) => (
            <Card key={card.use.index} card={card} x={colX(i)} y={rowY(i, j)} total={layout.totalLayers} />
          ))}
          {col.slice(1).map((card, j) => {
            const prev = col[j];
            const link = prev ? linkOf(links, prev.use.index, card.use.index) : undefined;
            const geometry = {
              x1: colX(i) + W / 2,
              y1: rowY(i, j) + H + 10,
              x2: colX(i) + W / 2,
              y2: rowY(i, j + 1) - 10,
            };
            return (
              <g key={card.use.index}>
                <Arrow {...geometry} thick ids={ids} lines={reduce} />
                {link && <LinkBar {...geometry} link={link} />}
              </g>
            );
          })}
          {i > 0 && between(i)}
        </g>
      ))}
    </Box>
  );
}
