/**
 * Price against tokens/s, one dot per option (a card to add, a build), with the best-value frontier drawn
 * through the options nothing beats on both: a dot below the line has a cheaper-and-faster buy on it.
 * Loaded on demand (recharts stays out of the initial bundle); the table beside it has every number.
 */
import {
  CartesianGrid,
  Line,
  ComposedChart,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
  LabelList,
} from 'recharts';
import { valueFrontier, type PricedPoint } from './value-frontier';

export interface ValueChartProps {
  readonly points: readonly PricedPoint[];
  /** What the speed is ("with the card added", "of the build"). */
  readonly caption: string;
  /** Today's speed, drawn as a level line (Add a card). */
  readonly baseline?: number | null;
}

const usd = (x: number) => `$${Math.round(x).toLocaleString('en')}`;

export default function ValueChart({ points, caption, baseline = null }: ValueChartProps) {
  if (points.length < 2) return null;
  const frontier = valueFrontier(points);
  const onFrontier = new Set(frontier.map((p) => p.label));
  const others = points.filter((p) => !onFrontier.has(p.label));
  return (
    <figure
      style={{ margin: 0 }}
      data-testid="value-chart"
      data-frontier={frontier.map((p) => p.label).join('|')}
    >
      <figcaption style={{ fontSize: 'var(--mantine-font-size-xs)' }}>
        Price vs tokens/s {caption}; the line joins the best buys (nothing is both cheaper and faster)
        {baseline ? ', the dashed level is today' : ''}.
      </figcaption>
      <div style={{ width: '100%', height: 300 }}>
        <ResponsiveContainer>
          <ComposedChart margin={{ top: 12, right: 24, bottom: 24, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              type="number"
              dataKey="priceUsd"
              name="price"
              tickFormatter={usd}
              label={{ value: 'price, USD', position: 'insideBottom', offset: -12 }}
              domain={[0, 'auto']}
            />
            <YAxis
              type="number"
              dataKey="tokPerSec"
              name="tok/s"
              label={{ value: 'tok/s', angle: -90, position: 'insideLeft' }}
              domain={[0, 'auto']}
            />
            <Tooltip
              formatter={(value, name) =>
                name === 'price' ? usd(Number(value)) : `${Number(value).toFixed(1)} tok/s`
              }
              labelFormatter={() => ''}
            />
            <Scatter
              name="others"
              data={others}
              fill="var(--mantine-color-gray-5)"
              isAnimationActive={false}
            />
            <Line
              name="best value"
              data={frontier}
              dataKey="tokPerSec"
              stroke="var(--mantine-primary-color-filled)"
              strokeWidth={2}
              dot={{ r: 4 }}
              isAnimationActive={false}
            >
              <LabelList dataKey="label" position="top" style={{ fontSize: 10 }} />
            </Line>
            {baseline ? (
              <Line
                name="today"
                data={[
                  { priceUsd: 0, tokPerSec: baseline },
                  { priceUsd: Math.max(...points.map((p) => p.priceUsd)), tokPerSec: baseline },
                ]}
                dataKey="tokPerSec"
                stroke="var(--mantine-color-dimmed)"
                strokeDasharray="6 4"
                dot={false}
                isAnimationActive={false}
              />
            ) : null}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
