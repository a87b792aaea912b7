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

/**
 * The card's memory to scale: weights, KV cache and the rest (compute buffers, runtime overhead) over
 * its capacity; what does not fit runs past the end in red. Unlike the layer strip, this is memory.
 */
function MemoryBar({ use, x, y }: { use: DiagramCard['use']; x: number; y: number }) {
  const w = W - 24;
  const h = 12;
  const over = Math.max(0, use.totalMiB - use.capacityMiB);
  // Scale to the larger of capacity and use, so an overflow shows how far past the card it goes.
  const scale = w / Math.max(use.capacityMiB, use.totalMiB, 1);
  const parts = [
    { key: 'weights', mib: use.weightsMiB, fill: C.weights },
    { key: 'kv', mib: use.kvCacheMiB, fill: C.kv },
    { key: 'other', mib: use.computeMiB + use.overheadMiB, fill: C.other },
  ];
  let at = x;
  const capEnd = x + use.capacityMiB * scale;
  return (
    <g data-testid="memory-bar" data-over={over > 0}>
      <rect x={x} y={y} width={use.capacityMiB * scale} height={h} rx={2} style={{ fill: C.border }} />
      {parts.map((p) => {
        const width = p.mib * scale;
        const rect = (
          <rect key={p.key} x={at} y={y} width={Math.max(0, width)} height={h} style={{ fill: p.fill }} />
        );
        at += width;
        return rect;
      })}
      {over > 0 && (
        <rect x={capEnd} y={y - 2} width={x + w - capEnd} height={h + 4} rx={2} style={{ fill: C.over }} />
      )}
      <line x1={capEnd} y1={y - 4} x2={capEnd} y2={y + h + 4} style={{ stroke: C.text, strokeWidth: 1.5 }} />
    </g>
  );
}

export function Card({ card, x, y, total }: { card: DiagramCard; x: number; y: number; total: number }) {
  const { use, layers, slice } = card;
  const held = slice ? `1/${slice.of} of ${rangeText(layers)}` : rangeText(layers);
  const over = use.totalMiB - use.capacityMiB;
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
      <text x={x + 12} y={y + 96} style={{ fill: C.dim, fontSize: 10 }}>
        memory
      </text>
      <MemoryBar use={use} x={x + 12} y={y + 102} />
      <text
        x={x + 12}
        y={y + 134}
        style={{ fill: over > 0 ? C.over : C.dim, fontSize: 11, fontWeight: over > 0 ? 700 : 400 }}
      >
        {gib(use.totalMiB)} of {gib(use.capacityMiB)} GiB{over > 0 ? `: ${gib(over)} GiB too much` : ''}
      </text>
      {card.output && (
        <text x={x + W - 12} y={y + 148} textAnchor="end" style={{ fill: C.dim, fontSize: 11 }}>
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
      <text x={x + 12} y={y + 120} style={{ fill: C.dim, fontSize: 11 }}>
        read at RAM speed every token
      </text>
    </g>
  );
}
