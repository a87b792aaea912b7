/**
 * Lint rule `layers/direction`: imports inside shared/ point one way, the way VS Code's
 * `code-layering` rule keeps its layers — catalog ← hardware, model-import ← engine ← settings ← ipc,
 * and inside the engine, nothing imports the advisor that composes it. A module may import its own
 * folder and any folder of a lower rank; an import up, or sideways into another folder of the same
 * rank, is an error naming both folders.
 */
import { dirname, relative, resolve, sep } from 'node:path';

/** Rank of each folder under the repository root; the longest matching prefix wins. */
export const LAYERS = {
  'shared/catalog': 0,
  'shared/hardware': 1,
  'shared/model-import': 1,
  'shared/bench-import': 1,
  'shared/engine': 2,
  'shared/engine/advisor': 3,
  'shared/settings': 4,
  'shared/ipc': 5,
};

const PREFIXES = Object.keys(LAYERS).sort((a, b) => b.length - a.length);

/** The layer folder a repository-relative path belongs to, or null outside the layered folders. */
export function layerOf(path) {
  const posix = path.split(sep).join('/');
  return PREFIXES.find((p) => posix === p || posix.startsWith(`${p}/`)) ?? null;
}

function targetPath(root, file, spec) {
  if (spec.startsWith('@shared/')) return resolve(root, 'shared', spec.slice('@shared/'.length));
  if (spec.startsWith('.')) return resolve(dirname(file), spec);
  return null;
}

export const layersPlugin = {
  rules: {
    direction: {
      meta: {
        type: 'problem',
        docs: { description: 'Imports inside shared/ follow the layer order.' },
        schema: [],
      },
      create(context) {
        const root = context.cwd;
        const file = context.filename;
        const from = layerOf(relative(root, file));
        if (!from) return {};
        const checkSource = (node) => {
          const spec = node.source?.value;
          if (typeof spec !== 'string') return;
          const target = targetPath(root, file, spec);
          if (!target) return;
          const to = layerOf(relative(root, target));
          if (!to || to === from) return;
          // An engine module may import the engine's other folders (same folder prefix).
          if (from.startsWith(`${to}/`)) return;
          if (LAYERS[to] < LAYERS[from]) return;
          context.report({
            node: node.source,
            message: `${from} may not import ${to}: layers point one way (catalog ← hardware, model-import ← engine ← engine/advisor ← settings ← ipc).`,
          });
        };
        return {
          ImportDeclaration: checkSource,
          ExportNamedDeclaration: checkSource,
          ExportAllDeclaration: checkSource,
          ImportExpression: checkSource,
        };
      },
    },
  },
};
