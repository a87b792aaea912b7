/**
 * Test support only: read a capture-directory fixture (fixtures/capture-dirs/<name>) the way
 * readCaptureDir does, without the Node-side probe, and merge it into a profile.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  isCaptureFileName,
  manifestSchema,
  type CaptureBundle,
  type CaptureFileName,
} from '@shared/hardware/capture-format';
import { mergeProfile } from '@shared/hardware/merge/merge-profile';
import type { HardwareProfile } from '@shared/hardware/profile';

export const CAPTURE_DIRS = resolve(__dirname, '../../fixtures/capture-dirs');

/** The files and manifest of a capture directory (a full path, or a fixture name). */
export function readFixtureBundle(dirOrName: string): CaptureBundle {
  const dir = existsSync(dirOrName) ? dirOrName : join(CAPTURE_DIRS, dirOrName);
  const files: Partial<Record<CaptureFileName, string>> = {};
  for (const name of readdirSync(dir))
    if (isCaptureFileName(name)) files[name] = readFileSync(join(dir, name), 'utf8');
  const manifestPath = join(dir, 'manifest.json');
  const manifest = existsSync(manifestPath)
    ? manifestSchema.parse(JSON.parse(readFileSync(manifestPath, 'utf8')))
    : null;
  return { manifest, files, readIssues: [] };
}

/** The merged profile of a capture-dir fixture, by name. */
export const captureProfile = (name: string): HardwareProfile => mergeProfile(readFixtureBundle(name));
