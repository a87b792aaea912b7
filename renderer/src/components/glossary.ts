/**
 * The terms of art the app cannot avoid, each in one or two plain sentences — shown on hover or focus
 * wherever the term appears (`Term`), so a first-time user is never left with a word they must look up.
 */
export const GLOSSARY = {
  'tok/s':
    'Tokens per second: how fast the answer is written. One token is about ¾ of an English word; reading speed is about 5–10 tok/s.',
  generation:
    'Writing the answer, one token at a time. Each token reads all the weights in use once, so memory bandwidth sets the speed.',
  prompt:
    'Reading the prompt before the first answer token: many tokens at once, so the GPUs’ compute, not their memory, sets the speed.',
  'bandwidth limit':
    'The fastest generation could be if each token only read the weights at the GPUs’ full memory bandwidth. Real speed is below it; the gap is kernels, syncing and links.',
  'largest context':
    'The longest conversation (prompt plus answer, in tokens) that fits with this strategy, KV cache included.',
  'KV cache':
    'The attention keys and values of every token already in the context, kept so they are not recomputed. It grows with the context and with each user.',
  quantization:
    'How many bits each weight is stored in. Fewer bits: smaller and faster, slightly less accurate. Q4_K_M (about 4.8 bits) is the common choice; 16 bits is unquantized.',
  'bits/weight':
    'The average number of bits stored per model weight at this quantization; the model’s size is parameters × bits ÷ 8.',
  'layer split':
    'Each GPU holds a run of whole layers and they take turns: simple and link-friendly, but only one GPU works at a time for one user.',
  'tensor parallel':
    'Every GPU holds a slice of every layer and all work at once; after each layer they exchange results (all-reduces), so it needs a fast link.',
  'pipeline parallel':
    'vLLM’s layer split: each GPU holds a run of layers; fast with many users, no faster than one GPU for one user.',
  'all-reduce':
    'GPUs adding up their partial results of a layer and each getting the sum: twice per layer in tensor parallel, over the link between the cards.',
  'hidden state':
    'What one layer hands the next for each token: a few kilobytes, so a layer split needs little link bandwidth.',
  'CPU offload':
    'Part of the model kept in system RAM and read from there every token: it fits, but RAM is 10–30× slower than GPU memory.',
  NVLink:
    'A direct bridge between two NVIDIA cards, several times faster than PCIe; helps tensor parallel, hardly matters for a layer split.',
  P2P: 'Peer-to-peer: one GPU reading another’s memory over PCIe directly instead of through system RAM.',
  'compute buffer':
    'Scratch memory the runtime needs on each GPU for the arithmetic of a batch of tokens, besides the weights and the KV cache.',
} as const;

export type GlossaryTerm = keyof typeof GLOSSARY;
