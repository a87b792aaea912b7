/**
 * Several machines planned as one: worker GPUs numbered after the head's, links across machines over
 * the network, vLLM TP inside each machine × PP across, llama.cpp RPC with the head's GPUs last, the
 * network in the speed, and each machine's own commands.
 */
import { describe, expect, it } from 'vitest';
import { adviceFor } from '../../test/support/plan-request';
import { commandsFor } from './advisor/advise';
import { findNetwork, NETWORKS, withClusterNodes } from './cluster';
import { machineFromNames } from './machine';
import { networkHopSeconds } from './speed';
import { clusterLayouts } from './planner/vllm-strategies';

const head = machineFromNames({ gpuNames: ['RTX 3090', 'RTX 3090'], ramGiB: 64 });
const twoBoxes = (network: string) =>
  withClusterNodes(head, { nodes: [{ gpuNames: ['RTX 3090', 'RTX 3090'] }], network: findNetwork(network)! });

describe('the cluster machine', () => {
  it("numbers the worker's GPUs after the head's, remembering node and local index; links across machines are the network", () => {
    const m = twoBoxes('10gbe');
    expect(m.gpus.map((g) => [g.index, g.node, g.localIndex])).toEqual([
      [0, 0, 0],
      [1, 0, 1],
      [2, 1, 0],
      [3, 1, 1],
    ]);
    expect(m.links.filter((l) => l.kind === 'network').map((l) => [l.a, l.b])).toEqual([
      [0, 2],
      [0, 3],
      [1, 2],
      [1, 3],
    ]);
    expect(m.nodeCount).toBe(2);
    expect(m.assumptions.at(-1)?.inputs).toEqual(['nodes', 'network']);
  });

  it('every network in the table names its source; ids are what --network takes', () => {
    for (const n of NETWORKS) expect(n.source.length, n.id).toBeGreaterThan(20);
    expect(findNetwork('IB-HDR')?.bandwidthGBs).toBe(25);
    expect(findNetwork('100mbit')).toBeUndefined();
  });
});

describe('parallel layouts over machines', () => {
  it('TP divides every machine (stages stay inside one), PP covers all GPUs', () => {
    expect(clusterLayouts([2, 2])).toEqual([
      { tp: 1, pp: 4 },
      { tp: 2, pp: 2 },
    ]);
    expect(clusterLayouts([4, 2])).toEqual([
      { tp: 1, pp: 6 },
      { tp: 2, pp: 3 },
    ]);
  });
});

describe('the network in the speed', () => {
  it('one hand-off per machine boundary, costlier on 1 GbE than on InfiniBand', () => {
    const slow = twoBoxes('1gbe');
    const fast = twoBoxes('ib-hdr');
    // RPC: the token starts and ends on the head: head → worker → head.
    expect(networkHopSeconds(slow, [2, 3, 0, 1], 8192, 'rpc')).toBeGreaterThan(
      5 * networkHopSeconds(fast, [2, 3, 0, 1], 8192, 'rpc'),
    );
    expect(networkHopSeconds(slow, [0, 1], 8192, 'rpc')).toBe(0);
    expect(networkHopSeconds(head, [0, 1], 8192, 'pipeline')).toBe(0);
  });

  it('70B Q8_0 on two 2× RTX 3090 machines: only the cluster fits it all on GPUs; RPC over 1 GbE is slower than over InfiniBand', () => {
    const plan = (network: string) =>
      adviceFor({ machine: twoBoxes(network), model: 'llama-3.1-70b', quant: 'Q8_0', runtime: 'llama.cpp' })
        .plan;
    const slow = plan('1gbe');
    const rpc = slow.strategies.find((s) => s.id === 'llama.cpp:rpc')!;
    expect(rpc).toMatchObject({ fit: 'gpu', nodes: 2 });
    expect(slow.strategies.find((s) => s.id === 'llama.cpp:layer')?.fit).toBe('none');
    const fast = plan('ib-hdr').strategies.find((s) => s.id === 'llama.cpp:rpc')!;
    expect(fast.decodeTokPerSec!.expected).toBeGreaterThan(rpc.decodeTokPerSec!.expected);
    // Fewer measurements than for one machine: a wider band.
    expect(rpc.decodeTokPerSec!.high / rpc.decodeTokPerSec!.expected).toBeCloseTo(1.4, 2);
  });
});

describe("each machine's own commands for a strategy over several machines", () => {
  it('vLLM TP 2 × PP 2 over Ray: the head and worker commands only, each naming its own two GPUs', () => {
    const a = adviceFor({
      machine: twoBoxes('25gbe'),
      model: 'llama-3.1-70b',
      quant: 'awq',
      runtime: 'vllm',
    });
    const s = a.plan.strategies.find((x) => x.id === 'vllm:tp2-pp2')!;
    expect(s.nodes).toBe(2);
    const cmds = commandsFor(a.plan, s, a.request, {
      headAddress: '10.0.0.1',
      workerAddresses: ['10.0.0.2'],
    });
    expect(cmds.map((c) => `${c.runtime}/${c.role}`)).toEqual(['ray/head', 'ray/worker', 'vllm/head']);
    const serve = cmds.find((c) => c.runtime === 'vllm')!;
    expect(serve.argv.join(' ')).toMatch(/--tensor-parallel-size 2 --pipeline-parallel-size 2/);
    expect(serve.env.CUDA_VISIBLE_DEVICES).toBe('0,1');
  });

  it('llama.cpp RPC: ggml-rpc-server on the worker with its own GPUs, the head with --rpc', () => {
    const a = adviceFor({
      machine: twoBoxes('10gbe'),
      model: 'llama-3.1-70b',
      quant: 'Q8_0',
      runtime: 'llama.cpp',
    });
    const s = a.plan.strategies.find((x) => x.id === 'llama.cpp:rpc')!;
    const cmds = commandsFor(a.plan, s, a.request, { workerAddresses: ['192.168.1.11'] });
    const worker = cmds.find((c) => c.role === 'worker')!;
    expect(worker.argv.slice(0, 3)).toEqual(['ggml-rpc-server', '-H', '192.168.1.11']);
    expect(worker.env.CUDA_VISIBLE_DEVICES).toBe('0,1');
    const head = cmds.find((c) => c.role === 'head')!;
    expect(head.argv).toContain('--rpc');
    expect(head.env.CUDA_VISIBLE_DEVICES).toBe('0,1');
  });
});

describe("this machine's checks and checklist in a cluster", () => {
  it("cooling and power see this machine's cards; the checklist names the other machine and what is not checked there", () => {
    const a = adviceFor({
      machine: twoBoxes('10gbe'),
      model: 'llama-3.1-70b',
      quant: 'Q8_0',
      runtime: 'llama.cpp',
    });
    expect(a.power.budget.gpus.map((g) => g.index)).toEqual([0, 1]);
    expect(a.checks.filter((c) => /^cooling\.temp\.gpu/.test(c.id)).map((c) => c.id)).toEqual([
      'cooling.temp.gpu0',
      'cooling.temp.gpu1',
    ]);
    const parts = a.checklist?.sections.find((s) => s.title === 'Parts');
    expect(parts?.items).toContainEqual(
      expect.objectContaining({
        text: expect.stringMatching(
          /^Machine 2: GeForce RTX 3090 \+ GeForce RTX 3090, on 10 Gigabit Ethernet — its own PSU/,
        ),
      }),
    );
  });
});
