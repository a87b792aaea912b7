/**
 * Several machines joined by a network, planned as one: this machine is the head (node 0), each other
 * machine a worker node. Their GPUs are numbered one after another across the nodes (the head's keep
 * their indices), each remembering its node and its index on that node; GPUs on different nodes talk
 * over the network, whose bandwidth and latency come from the table below.
 */
import type { GpuSpec } from '../catalog/types';
import {
  allPairs,
  machineFromNames,
  pairLink,
  type EngineGpu,
  type EngineLink,
  type EngineMachine,
  type NetworkSpec,
} from './machine';

/**
 * Networks between machines: usable per-direction bandwidth and one-way small-message latency.
 * Ethernet is TCP (what NCCL's socket transport and llama.cpp RPC use without RDMA): line rate less
 * TCP/IP framing, and the kernel network stack's ~50 µs each way; RoCE and InfiniBand are RDMA.
 */
export const NETWORKS: readonly NetworkSpec[] = [
  {
    id: '1gbe',
    name: '1 Gigabit Ethernet',
    bandwidthGBs: 0.117,
    latencyUs: 50,
    source:
      'TCP payload ceiling ≈ 974 Mb/s at MTU 1500 (forum.digital-stage.org "Maximum Network throughput"); kernel-to-kernel TCP latency ~50 µs (wwt.com "The basics of high-performance networking")',
  },
  {
    id: '2.5gbe',
    name: '2.5 Gigabit Ethernet',
    bandwidthGBs: 0.29,
    latencyUs: 50,
    source:
      'line rate 2.5 Gb/s less the same ~6% TCP framing as 1 GbE; kernel TCP latency ~50 µs (wwt.com) — no direct measurement found',
  },
  {
    id: '10gbe',
    name: '10 Gigabit Ethernet',
    bandwidthGBs: 1.1,
    latencyUs: 30,
    source:
      'iperf3 7.24 Gb/s untuned to 9.75 Gb/s tuned single stream (shawfdong/hyades wiki "iperf3"; thoughts.greyh.at "Saturating 10 Gigabit on Linux", 2026); 20-41 µs end-to-end (Hurwitz & Feng, Hot Interconnects 11; Cloudflare blog 2015: 30 µs round trip tuned)',
  },
  {
    id: '25gbe',
    name: '25 Gigabit Ethernet',
    bandwidthGBs: 2.9,
    latencyUs: 30,
    source:
      'line rate 3.125 GB/s less TCP framing (as 10 GbE); latency as tuned 10 GbE — no direct measurement found',
  },
  {
    id: '40gbe',
    name: '40 Gigabit Ethernet',
    bandwidthGBs: 4.8,
    latencyUs: 30,
    source:
      'iperf3 ~38-39 Gb/s after tuning (sqlpassion.at "Maximizing 40G NIC Performance on Linux with Intel XL710", 2025); latency as tuned 10 GbE',
  },
  {
    id: '100gbe',
    name: '100 Gigabit Ethernet (RoCE)',
    bandwidthGBs: 10,
    latencyUs: 3,
    source:
      'NCCL ≈ 10 GB/s on two nodes over 100 GbE RoCE (hosn.om "100GbE vs 25GbE for an AI Cluster Backbone"); RoCE v2 round trip ~5 µs with Intel E810 (tutorialoflife.blogspot.com, 2026)',
  },
  {
    id: '200gbe',
    name: '200 Gigabit Ethernet (RoCE, e.g. ConnectX-7 / DGX Spark)',
    bandwidthGBs: 23,
    latencyUs: 3,
    source:
      'NCCL all-reduce busbw 23.0 GB/s inter-node with GPUDirect RDMA (puretensor.ai "Distributed Inference on Workstation Blackwell, Part 1"); RoCE latency as 100 GbE',
  },
  {
    id: 'ib-edr',
    name: 'InfiniBand EDR (100 Gb/s)',
    bandwidthGBs: 12.5,
    latencyUs: 1,
    source:
      'IBTA 4x EDR 100 Gb/s (infiniband.jp); ib_send_lat ≈ 0.8 µs (D. Potter thesis, git.dennispotter.eu)',
  },
  {
    id: 'ib-hdr',
    name: 'InfiniBand HDR (200 Gb/s)',
    bandwidthGBs: 25,
    latencyUs: 1,
    source:
      'IBTA 4x HDR 200 Gb/s (infiniband.jp); sub-µs send latency class (aspsys.com InfiniBand reference)',
  },
  {
    id: 'ib-ndr',
    name: 'InfiniBand NDR (400 Gb/s)',
    bandwidthGBs: 50,
    latencyUs: 1,
    source: 'IBTA 4x NDR 400 Gb/s (infiniband.jp); latency as HDR — no NDR-specific figure found',
  },
  {
    id: 'thunderbolt',
    name: 'Thunderbolt / USB4 networking (TCP)',
    bandwidthGBs: 2,
    latencyUs: 150,
    source:
      'USB4 20/20 iperf3 16.4 Gb/s (jiribrejcha.net "Direct 20 Gbps connection"); TCP over Thunderbolt ≈ 300 µs round trip (jeffgeerling.com "1.5 TB of VRAM on Mac Studio - RDMA over Thunderbolt 5", 2025)',
  },
];

export const NETWORK_IDS = NETWORKS.map((n) => n.id);

/** The network with this id (`10gbe`, `ib-hdr`, `thunderbolt`…), or undefined. */
export function findNetwork(id: string): NetworkSpec | undefined {
  const t = id.trim().toLowerCase().replace(/\s+/g, '');
  return NETWORKS.find((n) => n.id === t);
}

/** One machine of a cluster besides the head, as cards from the catalog. */
export interface ClusterNode {
  readonly gpuNames: readonly string[];
}

export interface ClusterInput {
  /** The other machines (the head is the machine being planned). */
  readonly nodes: readonly ClusterNode[];
  readonly network: NetworkSpec;
}

/** A link between GPUs on different machines: the network's bandwidth and latency. */
function networkLink(a: EngineGpu, b: EngineGpu, network: NetworkSpec): EngineLink {
  return {
    a: a.index,
    b: b.index,
    kind: 'network',
    bandwidthGBs: network.bandwidthGBs,
    topoKind: null,
    p2p: 'no',
    source: 'entered',
    latencyUs: network.latencyUs,
  };
}

/**
 * The head machine with the worker nodes added: worker GPUs numbered after the head's, each with its
 * node and local index; links inside a worker node as for a machine described by names, links across
 * nodes over the network. RAM and its bandwidth stay the head's (offload happens on the head).
 */
export function withClusterNodes(
  head: EngineMachine,
  cluster: ClusterInput,
  resolve?: (name: string) => GpuSpec,
): EngineMachine {
  let next = Math.max(-1, ...head.gpus.map((g) => g.index)) + 1;
  const headGpus = head.gpus.map((g) => ({ ...g, node: 0, localIndex: g.localIndex ?? g.index }));
  const workers = cluster.nodes.map((node, n) => {
    const own = machineFromNames({ gpuNames: node.gpuNames, ramGiB: 1 }, resolve);
    return own.gpus.map((g) => ({ ...g, index: next++, node: n + 1, localIndex: g.index }));
  });
  const gpus = [...headGpus, ...workers.flat()];
  const inside = workers.flatMap((w) => allPairs(w, (a, b) => pairLink(a, b, null, null, null)));
  const across = allPairs(gpus, (a, b) => networkLink(a, b, cluster.network)).filter(
    (l) => gpus.find((g) => g.index === l.a)?.node !== gpus.find((g) => g.index === l.b)?.node,
  );
  return {
    ...head,
    gpus,
    links: [...head.links, ...inside, ...across],
    nodeCount: cluster.nodes.length + 1,
    network: cluster.network,
    assumptions: [
      ...head.assumptions,
      {
        id: 'cluster.nodes',
        text: `${cluster.nodes.length} more machine${cluster.nodes.length === 1 ? '' : 's'} (${workers.map((w) => w.map((g) => g.name).join(' + ')).join('; ')}) over ${cluster.network.name}: ${cluster.network.bandwidthGBs} GB/s and ~${cluster.network.latencyUs} µs each way assumed (${cluster.network.source}); their PSUs, slots and drivers are not checked`,
        inputs: ['nodes', 'network'],
      },
    ],
  };
}
