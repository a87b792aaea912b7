/** The app's Mantine theme: one accent, system fonts (the CSP allows no remote fonts), calm radii. */
import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

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
  // Shade 9 in both schemes: white button text on shade 6 (2.2:1) or 8 (3.6:1) fails WCAG AA.
  primaryShade: { light: 9, dark: 9 },
  colors: { rig },
  defaultRadius: 'md',
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  fontFamilyMonospace: '"JetBrains Mono", "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace',
  headings: { fontWeight: '650' },
  cursorType: 'pointer',
  // Menus, collapses and tooltips open without animating for people whose system asks for reduced motion.
  respectReducedMotion: true,
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

/**
 * WCAG AA contrast (4.5:1 for body text, checked by the axe scan in e2e/browser/a11y.spec.ts):
 * Mantine's default dimmed text (gray.6 on white 3.3:1; dark.2 on dark.6 3.5:1) and its light
 * teal badge text (4.3:1) are a shade too pale, so each is moved one step towards the text colour;
 * the light variants of the other colours get a darker text too.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-teal-light-color': '#066a4c',
    '--mantine-color-green-light-color': '#1f6b2f',
    '--mantine-color-rig-light-color': '#006554',
    // Light badges and alerts in the other colours the app uses: shade 1 background, text ≥ 4.6:1 on it
    // (Mantine's yellow is 2.7:1, orange 3.6:1; found on the NODE topology badges and slot lists).
    '--mantine-color-yellow-light-color': '#7c4a03',
    '--mantine-color-orange-light-color': '#a63a06',
    '--mantine-color-red-light-color': '#b02525',
    '--mantine-color-blue-light-color': '#1864ab',
    '--mantine-color-cyan-light-color': '#0b6474',
    '--mantine-color-grape-light-color': '#862e9c',
    '--mantine-color-violet-light-color': '#5f3dc4',
    '--mantine-color-gray-light-color': '#495057',
    '--mantine-color-pink-light-color': '#a61e4d',
    '--mantine-color-indigo-light-color': '#364fc7',
    '--mantine-color-lime-light-color': '#4a7a0a',
  },
  dark: {
    '--mantine-color-dimmed': 'var(--mantine-color-dark-1)',
  },
});
