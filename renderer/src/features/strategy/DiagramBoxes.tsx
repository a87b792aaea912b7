/** The boxes of the split diagram: a GPU card, the system-RAM box, and the strip of layers inside each. */
import { gib } from '../../components/format-advisor';
import { C, H, W } from './diagram-geometry';
import { rangeText, type DiagramCard, type DiagramHost } from './split-layout';

interface StripProps {
  readonly x: number;
  readonly y: number;
  readonly total: number;
  readonly from: number;
  readonly to: number;
  readonly slice: { index: number; of: number } | null;
  readonly color: string;
}

/** The whole model as a strip of layers; the held part filled (a slice fills one row of it). */
function Strip({ x, y, total, from, to, slice, color }: StripProps) {
  const w = W - 24;
  const h = 16;
  const rowH = slice ? h / slice.of : h;
  const rowY = slice ? y + slice.index * rowH : y;
  const x0 = x + (w * from) / total;
  const x1 = x + (w * (to + 1)) / total;
  return (
    <g>
      <rect x={x} y={y} width={w} height={h} rx={3} style={{ fill: C.border }} />
      {to >= from && (
        <rect x={x0} y={rowY} width={Math.max(2, x1 - x0)} height={rowH} rx={2} style={{ fill: color }} />
      )}
    </g>
  );
}

export function Card({ card, x, y, total }: { card: DiagramCard; x: number; y: number; total: number }) {
  const { use, layers, slice } = card;
  const held = slice ? `1/${slice.of} of ${rangeText(layers)}` : rangeText(layers);
  return (
    <g data-gpu={use.index}>
      <rect
        x={x}
        y={y}
        width={W}
        height={H}
        rx={10}
        style={{ fill: C.card, stroke: C.fill, strokeWidth: 1.5 }}
      />
      <text x={x + 12} y={y + 22} style={{ fill: C.text, fontWeight: 700, fontSize: 14 }}>
        GPU {use.index}
      </text>
      <text x={x + W - 12} y={y + 22} textAnchor="end" style={{ fill: C.dim, fontSize: 11 }}>
        {use.name.replace(/^NVIDIA |^AMD /, '').slice(0, 22)}
      </text>
      <text x={x + 12} y={y + 50} style={{ fill: C.text, fontSize: 15, fontWeight: 600 }}>
        {held}
      </text>
      {layers && (
        <Strip
          x={x + 12}
          y={y + 62}
          total={total}
          from={layers.from}
          to={layers.to}
          slice={slice}
          color={C.fill}
        />
      )}
      <text x={x + 12} y={y + 104} style={{ fill: C.dim, fontSize: 11 }}>
        {gib(use.totalMiB)} of {gib(use.capacityMiB)} GiB
      </text>
      {card.output && (
        <text x={x + W - 12} y={y + 104} textAnchor="end" style={{ fill: C.dim, fontSize: 11 }}>
          + output layer
        </text>
      )}
    </g>
  );
}

export function Ram({ host, x, y, total }: { host: DiagramHost; x: number; y: number; total: number }) {
  const what = host.layers
    ? rangeText(host.layers)
    : host.expertsOf
      ? `experts of ${rangeText(host.expertsOf)}`
      : '';
  const strip = host.layers ?? host.expertsOf;
  return (
    <g data-host="ram">
      <rect
        x={x}
        y={y}
        width={W}
        height={H}
        rx={10}
        style={{ fill: C.card, stroke: C.ram, strokeWidth: 1.5, strokeDasharray: '6 4' }}
      />
      <text x={x + 12} y={y + 22} style={{ fill: C.text, fontWeight: 700, fontSize: 14 }}>
        System RAM (CPU)
      </text>
      <text x={x + 12} y={y + 50} style={{ fill: C.text, fontSize: 14, fontWeight: 600 }}>
        {what}
      </text>
      {strip && (
        <Strip
          x={x + 12}
          y={y + 62}
          total={total}
          from={strip.from}
          to={strip.to}
          slice={null}
          color={C.ram}
        />
      )}
      <text x={x + 12} y={y + 104} style={{ fill: C.dim, fontSize: 11 }}>
        {gib(host.weightsMiB + host.kvCacheMiB)} GiB offloaded
      </text>
    </g>
  );
}
