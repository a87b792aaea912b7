/** The app's Mantine theme: one accent, system fonts (the CSP allows no remote fonts), calm radii. */
import { createTheme, type MantineColorsTuple } from '@mantine/core';

/** A slate-teal accent that reads well on both light and dark backgrounds. */
const rig: MantineColorsTuple = [
  '#e6fcf8',
  '#d4f4ee',
  '#aae7dc',
  '#7cd9c9',
  '#57cdb9',
  '#3fc6ae',
  '#2fc2a8',
  '#1eab93',
  '#0b9883',
  '#00846f',
];

export const theme = createTheme({
  primaryColor: 'rig',
  primaryShade: { light: 8, dark: 6 },
  colors: { rig },
  defaultRadius: 'md',
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  fontFamilyMonospace: '"JetBrains Mono", "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace',
  headings: { fontWeight: '650' },
  cursorType: 'pointer',
  components: {
    Tooltip: {
      defaultProps: {
        withArrow: true,
        multiline: true,
        maw: 320,
        openDelay: 150,
        events: { hover: true, focus: true, touch: true },
      },
    },
    Card: { defaultProps: { withBorder: true, radius: 'md', padding: 'lg' } },
    Paper: { defaultProps: { withBorder: true, radius: 'md' } },
  },
});
