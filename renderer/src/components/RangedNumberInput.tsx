/**
 * A number field that talks back: it keeps what was typed, says on the field when it is out of range
 * (with the range and unit, and `aria-invalid`), and passes on only valid values — so the plan on
 * screen stays the last valid one, and nothing is clamped silently.
 */
import { useState } from 'react';
import { NumberInput, type NumberInputProps } from '@mantine/core';

export interface RangedNumberInputProps extends Omit<
  NumberInputProps,
  'value' | 'onChange' | 'min' | 'max' | 'error' | 'clampBehavior'
> {
  /** The value in effect (null = empty, the default applies). */
  readonly value: number | null;
  readonly min: number;
  readonly max: number;
  /** Written after the numbers in the error (`W`, `tokens`). */
  readonly unit?: string;
  /** Whether an empty field is a value (null); otherwise it is an error. */
  readonly emptyAllowed?: boolean;
  /** Called with each valid value as it is typed (null for an allowed empty field). */
  readonly onValid: (value: number | null) => void;
  /** Told whether the field now holds a valid value (a form can hold its Save). */
  readonly onValidity?: (valid: boolean) => void;
}

const grouped = (n: number) => n.toLocaleString('en');

/** Why `raw` is not a value in [min, max], or null when it is. */
export function rangeError(
  raw: string | number,
  {
    min,
    max,
    unit,
    emptyAllowed = true,
    integer = true,
  }: {
    min: number;
    max: number;
    unit?: string;
    emptyAllowed?: boolean;
    integer?: boolean;
  },
): string | null {
  if (raw === '' || raw === null) return emptyAllowed ? null : 'Enter a number';
  const n = typeof raw === 'number' ? raw : Number(String(raw).replace(/,/g, ''));
  const range = `${grouped(min)}–${grouped(max)}${unit ? ` ${unit}` : ''}`;
  if (!Number.isFinite(n)) return `Enter a number from ${range}`;
  if (integer && !Number.isInteger(n)) return `A whole number from ${range}`;
  if (n < min || n > max) return `Out of range: ${range}`;
  return null;
}

export function RangedNumberInput({
  value,
  min,
  max,
  unit,
  emptyAllowed = true,
  onValid,
  onValidity,
  allowDecimal = false,
  ...rest
}: RangedNumberInputProps) {
  const [text, setText] = useState<string | number>(value ?? '');
  // Changed elsewhere (a suggestion applied, a machine opened): show it, unless the field already says it.
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    const typed = text === '' ? null : Number(text);
    if (typed !== value) setText(value ?? '');
  }
  const options = { min, max, unit, emptyAllowed, integer: !allowDecimal };
  const error = rangeError(text, options);
  return (
    <NumberInput
      {...rest}
      allowDecimal={allowDecimal}
      min={min}
      max={max}
      clampBehavior="none"
      value={text}
      error={error}
      onChange={(v) => {
        setText(v);
        const problem = rangeError(v, options);
        onValidity?.(problem === null);
        if (problem === null) {
          const next = v === '' ? null : Number(v);
          setShown(next);
          if (next !== value) onValid(next);
        }
      }}
    />
  );
}
