import type { SparseAffinities } from './affinities.js';
import type { KlGradient } from './gradient.js';

/** Points closer than this many halvings of the root cell share a leaf (exact for duplicates). */
const MAX_DEPTH = 48;

/**
 * @internal A 2^d-ary space-partitioning tree (a quadtree in 2-D, an octree in 3-D) over the
 * embedding, each cell holding its point count and centre of mass — van der Maaten's `SPTree`.
 * Nodes live in flat typed arrays; the children of a node are contiguous.
 */
export class SpaceTree {
  private readonly children: number;
  private size = 1;
  private centre: Float64Array;
  private half: Float64Array;
  private mass: Float64Array;
  private count: Int32Array;
  private firstChild: Int32Array;
  private point: Int32Array;
  private readonly com: Float64Array;
  private readonly widestSquared: Float64Array;

  constructor(private readonly y: Float64Array, m: number, private readonly dims: number) {
    this.children = 2 ** dims;
    const capacity = 2 * m + this.children;
    this.centre = new Float64Array(capacity * dims);
    this.half = new Float64Array(capacity * dims);
    this.mass = new Float64Array(capacity * dims);
    this.count = new Int32Array(capacity);
    this.firstChild = new Int32Array(capacity).fill(-1);
    this.point = new Int32Array(capacity).fill(-1);
    // The root cell: centred on the mean, half-widths reaching the farthest point (+1e-5), as bhtsne.
    for (let d = 0; d < dims; d++) {
      let min = Infinity;
      let max = -Infinity;
      let mean = 0;
      for (let i = 0; i < m; i++) {
        const v = y[i * dims + d]!;
        mean += v / m;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      this.centre[d] = mean;
      this.half[d] = Math.max(max - mean, mean - min) + 1e-5;
    }
    for (let i = 0; i < m; i++) this.insert(i);
    // Centres of mass and squared largest half-widths, once, for the traversals.
    this.com = new Float64Array(this.size * dims);
    this.widestSquared = new Float64Array(this.size);
    for (let node = 0; node < this.size; node++) {
      const n = this.count[node]!;
      let widest = 0;
      for (let d = 0; d < dims; d++) {
        if (n > 0) this.com[node * dims + d] = this.mass[node * dims + d]! / n;
        widest = Math.max(widest, this.half[node * dims + d]!);
      }
      this.widestSquared[node] = widest * widest;
    }
  }

  private insert(i: number): void {
    const { dims, y } = this;
    let node = 0;
    for (let depth = 0; ; depth++) {
      this.count[node]!++;
      for (let d = 0; d < dims; d++) this.mass[node * dims + d]! += y[i * dims + d]!;
      if (this.firstChild[node]! >= 0) {
        node = this.childFor(node, i);
        continue;
      }
      if (this.count[node] === 1) {
        this.point[node] = i;
        return;
      }
      const resident = this.point[node]!;
      if (depth >= MAX_DEPTH || this.samePosition(resident, i)) return;
      this.subdivide(node);
      const child = this.childFor(node, resident);
      this.count[child] = 1;
      this.point[child] = resident;
      for (let d = 0; d < dims; d++) this.mass[child * dims + d] = y[resident * dims + d]!;
      node = this.childFor(node, i);
    }
  }

  private samePosition(a: number, b: number): boolean {
    for (let d = 0; d < this.dims; d++) if (this.y[a * this.dims + d] !== this.y[b * this.dims + d]) return false;
    return true;
  }

  private childFor(node: number, i: number): number {
    let offset = 0;
    for (let d = 0; d < this.dims; d++) if (this.y[i * this.dims + d]! > this.centre[node * this.dims + d]!) offset |= 1 << d;
    return this.firstChild[node]! + offset;
  }

  private subdivide(node: number): void {
    const { dims, children } = this;
    if (this.size + children > this.count.length) this.grow();
    const first = this.size;
    this.size += children;
    this.firstChild[node] = first;
    for (let c = 0; c < children; c++) {
      for (let d = 0; d < dims; d++) {
        const h = this.half[node * dims + d]! / 2;
        this.half[(first + c) * dims + d] = h;
        this.centre[(first + c) * dims + d] = this.centre[node * dims + d]! + ((c >> d) & 1 ? h : -h);
      }
    }
  }

  private grow(): void {
    const capacity = this.count.length * 2;
    const widen = (a: Float64Array, per: number): Float64Array => {
      const b = new Float64Array(capacity * per);
      b.set(a);
      return b;
    };
    const widenInt = (a: Int32Array, fill: number): Int32Array => {
      const b = new Int32Array(capacity).fill(fill);
      b.set(a);
      return b;
    };
    this.centre = widen(this.centre, this.dims);
    this.half = widen(this.half, this.dims);
    this.mass = widen(this.mass, this.dims);
    this.count = widenInt(this.count, 0);
    this.firstChild = widenInt(this.firstChild, -1);
    this.point = widenInt(this.point, -1);
  }

  /**
   * The repulsive forces: adds `Σ_j w_ij² (y_i − y_j)` into `force[i]` (cells whose largest
   * half-width over the distance to their centre of mass is below θ count as one point at that
   * centre — bhtsne's `computeNonEdgeForces`) and returns `Σ_j w_ij`, the point's part of Z.
   */
  repulsion(i: number, theta: number, force: Float64Array, stack: Int32Array): number {
    const { dims, y, children, count, firstChild, com, widestSquared } = this;
    const thetaSquared = theta * theta;
    const at = i * dims;
    let z = 0;
    let top = 0;
    stack[top++] = 0;
    while (top > 0) {
      const node = stack[--top]!;
      const n = count[node]!;
      if (n === 0) continue;
      let d2 = 0;
      for (let d = 0; d < dims; d++) d2 += (y[at + d]! - com[node * dims + d]!) ** 2;
      const first = firstChild[node]!;
      if (first < 0 && d2 === 0) {
        z += n - 1; // the point itself (and any duplicates of it, at distance 0: w = 1, no force)
      } else if (first < 0 || widestSquared[node]! < thetaSquared * d2) {
        const w = 1 / (1 + d2);
        z += n * w;
        const scale = n * w * w;
        for (let d = 0; d < dims; d++) force[at + d]! += scale * (y[at + d]! - com[node * dims + d]!);
      } else {
        if (top + children > stack.length) throw new RangeError('SpaceTree.repulsion: traversal stack overflow');
        for (let c = 0; c < children; c++) stack[top++] = first + c;
      }
    }
    return z;
  }
}

/**
 * @internal The Barnes–Hut t-SNE objective: attraction exactly over the sparse P, repulsion
 * through the {@link SpaceTree} with accuracy θ (θ = 0 is exact):
 * `∂KL/∂y_i = 4 (Σ_j p_ij w_ij (y_i − y_j) − Σ_j w_ij² (y_i − y_j) / Z)`, and the KL over P's
 * entries with `q_ij = w_ij / Z`.
 * @param exaggeration multiplies P (early exaggeration).
 */
export function barnesHutKlGradient(p: SparseAffinities, y: Float64Array, components: number, theta: number, exaggeration = 1): KlGradient {
  const m = p.n;
  const tree = new SpaceTree(y, m, components);
  const repulsive = new Float64Array(m * components);
  const stack = new Int32Array(MAX_DEPTH * 2 ** components + 16);
  let z = 0;
  for (let i = 0; i < m; i++) z += tree.repulsion(i, theta, repulsive, stack);
  const gradient = new Float64Array(m * components);
  let kl = 0;
  for (let i = 0; i < m; i++) {
    for (let e = p.rowStart[i]!; e < p.rowStart[i + 1]!; e++) {
      const j = p.cols[e]!;
      let d2 = 0;
      for (let d = 0; d < components; d++) d2 += (y[i * components + d]! - y[j * components + d]!) ** 2;
      const w = 1 / (1 + d2);
      const pij = exaggeration * p.values[e]!;
      kl += pij * Math.log(Math.max(pij, Number.EPSILON) / Math.max(w / z, Number.EPSILON));
      for (let d = 0; d < components; d++) gradient[i * components + d]! += pij * w * (y[i * components + d]! - y[j * components + d]!);
    }
    for (let d = 0; d < components; d++) {
      const at = i * components + d;
      gradient[at] = 4 * (gradient[at]! - repulsive[at]! / z);
    }
  }
  return { kl, gradient };
}
