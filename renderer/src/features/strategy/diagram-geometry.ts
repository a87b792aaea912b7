/** Sizes and theme colours shared by the split diagram's parts (CSS variables: light and dark follow the theme). */
export const W = 200;
export const H = 156;
export const GAP_X = 132;
export const GAP_Y = 70;
export const PAD = 16;
export const TOP = 34;
export const C = {
  card: 'var(--mantine-color-body)',
  border: 'var(--mantine-color-default-border)',
  text: 'var(--mantine-color-text)',
  dim: 'var(--mantine-color-dimmed)',
  fill: 'var(--mantine-primary-color-filled)',
  handoff: 'var(--mantine-color-blue-filled)',
  reduce: 'var(--mantine-color-orange-filled)',
  ram: 'var(--mantine-color-grape-filled)',
  weights: 'var(--mantine-primary-color-filled)',
  kv: 'var(--mantine-color-cyan-filled)',
  other: 'var(--mantine-color-gray-6)',
  over: 'var(--mantine-color-red-filled)',
};

/** Cards per row before the drawing wraps (8 GPUs in one row would be too small to read). */
export const PER_ROW = 4;
