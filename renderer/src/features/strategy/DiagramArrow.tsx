/** The arrows of the split diagram: thin for the hidden state handed on, thick and two-headed for all-reduces. */
import { C } from './diagram-geometry';

export interface MarkerIds {
  readonly one: string;
  readonly two: string;
  readonly back: string;
}

interface ArrowProps {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly thick: boolean;
  readonly ids: MarkerIds;
  readonly lines: readonly string[];
  /** A vertical arrow's words on its left (at the drawing's right edge). */
  readonly labelLeft?: boolean;
}

export function Arrow({ x1, y1, x2, y2, thick, ids, lines, labelLeft = false }: ArrowProps) {
  const color = thick ? C.reduce : C.handoff;
  const vertical = x1 === x2;
  const lx = vertical ? x1 + (labelLeft ? -16 : 16) : (x1 + x2) / 2;
  const ly = vertical ? (y1 + y2) / 2 - 4 : y1 - (thick ? 16 : 12);
  return (
    <g data-arrow={thick ? 'all-reduce' : 'hidden-state'}>
      <line
        x1={x1}
        y1={y1}
        x2={x2}
        y2={y2}
        markerEnd={`url(#${thick ? ids.two : ids.one})`}
        markerStart={thick ? `url(#${ids.back})` : undefined}
        style={{ stroke: color, strokeWidth: thick ? 8 : 2 }}
      />
      {lines.map((line, i) => (
        <text
          key={line}
          x={lx}
          y={ly - (lines.length - 1 - i) * 14}
          textAnchor={vertical ? (labelLeft ? 'end' : 'start') : 'middle'}
          style={{
            fill: i === lines.length - 1 ? C.text : C.dim,
            fontSize: 11,
            fontWeight: i === lines.length - 1 ? 600 : 400,
          }}
        >
          {line}
        </text>
      ))}
    </g>
  );
}

export function Markers({ ids }: { ids: MarkerIds }) {
  return (
    <defs>
      <marker
        id={ids.one}
        viewBox="0 0 10 10"
        refX="9"
        refY="5"
        markerWidth="8"
        markerHeight="8"
        orient="auto"
      >
        <path d="M0 0 L10 5 L0 10 z" style={{ fill: C.handoff }} />
      </marker>
      <marker
        id={ids.two}
        viewBox="0 0 10 10"
        refX="6"
        refY="5"
        markerWidth="3"
        markerHeight="3"
        orient="auto"
      >
        <path d="M0 0 L10 5 L0 10 z" style={{ fill: C.reduce }} />
      </marker>
      <marker
        id={ids.back}
        viewBox="0 0 10 10"
        refX="4"
        refY="5"
        markerWidth="3"
        markerHeight="3"
        orient="auto-start-reverse"
      >
        <path d="M0 0 L10 5 L0 10 z" style={{ fill: C.reduce }} />
      </marker>
    </defs>
  );
}
