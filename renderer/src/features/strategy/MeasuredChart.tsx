/**
 * Each measured run against its predicted band, as multiples of the prediction (pp512 and tg128 differ
 * a hundredfold; their errors compare on one axis): the band a bar from low to high, the measurement a
 * dot — red outside the band — and, once this machine is calibrated, the calibrated prediction as a
 * diamond (drawn under the dot: on a run it calibrated, they meet). Loaded with the panel's first table (recharts stays out of the initial bundle).
 */
import {
  Bar,
  CartesianGrid,
  Cell,
  ComposedChart,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { RunComparison } from '@shared/engine/advisor/measured-runs';

interface Row {
  readonly name: string;
  readonly band: [number, number];
  readonly measured: number;
  readonly calibrated: number | null;
  readonly outside: boolean;
}

export function chartRows(runs: readonly RunComparison[]): Row[] {
  return runs.flatMap((r, i) => {
    const p = r.predictedTokPerSec;
    if (!p || !(p.expected > 0)) return [];
    const c = r.calibratedTokPerSec;
    return [
      {
        name: `${i + 1}. ${r.test}`,
        band: [p.low / p.expected, p.high / p.expected] as [number, number],
        measured: r.measuredTokPerSec / p.expected,
        calibrated: c ? c.expected / p.expected : null,
        outside: r.withinRange === false,
      },
    ];
  });
}

const times = (x: number) => `×${x.toFixed(2)}`;

export default function MeasuredChart({ runs }: { runs: readonly RunComparison[] }) {
  const rows = chartRows(runs);
  if (rows.length === 0) return null;
  const calibrated = rows.some((r) => r.calibrated !== null);
  return (
    <figure style={{ margin: 0 }} data-testid="measured-chart">
      <figcaption style={{ fontSize: 'var(--mantine-font-size-xs)' }}>
        Measured ÷ predicted per run: the bar is the predicted range, the dot the measurement (red outside the
        range){calibrated ? ', the diamond the calibrated prediction' : ''}.
      </figcaption>
      <div style={{ width: '100%', height: 60 + rows.length * 34 }}>
        <ResponsiveContainer>
          <ComposedChart layout="vertical" data={rows} margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
            <CartesianGrid horizontal={false} strokeDasharray="3 3" />
            <XAxis type="number" domain={[0, 'auto']} tickFormatter={times} />
            <YAxis type="category" dataKey="name" width={140} />
            <ReferenceLine x={1} stroke="var(--mantine-color-dimmed)" />
            <Tooltip
              formatter={(v) =>
                Array.isArray(v) ? v.map((x) => times(Number(x))).join(' – ') : times(Number(v))
              }
            />
            <Bar
              dataKey="band"
              name="predicted range"
              fill="var(--mantine-color-blue-filled)"
              fillOpacity={0.35}
              barSize={14}
              isAnimationActive={false}
            />
            {calibrated && (
              <Scatter
                dataKey="calibrated"
                name="calibrated prediction"
                shape="diamond"
                legendType="diamond"
                fill="var(--mantine-color-grape-filled)"
                isAnimationActive={false}
              />
            )}
            <Scatter dataKey="measured" name="measured" isAnimationActive={false}>
              {rows.map((r) => (
                <Cell
                  key={r.name}
                  fill={r.outside ? 'var(--mantine-color-red-filled)' : 'var(--mantine-color-teal-filled)'}
                />
              ))}
            </Scatter>
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
