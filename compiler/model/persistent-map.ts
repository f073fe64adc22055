/**
 * An immutable map from strings with structural sharing (a hash array mapped trie): `with` and
 * `without` return a new map in O(log n), sharing all but one path with the old one, so the schema
 * model can keep every state of a chain (each unit's `before` and `after`) without copying tables.
 * It iterates in insertion order, exactly as a `Map` would (setting a present key keeps its place,
 * deleting and setting again moves it to the end): diagnostics and emitted code list tables in it.
 *
 * A class rather than plain data because the emitter and tests read `schema.tables` as a
 * `ReadonlyMap`; the trie under it is plain data.
 */
export class PersistentMap<V> implements ReadonlyMap<string, V> {
  private static readonly EMPTY = new PersistentMap<never>(null, 0, 0);

  /** Entries in insertion order, built on the first iteration: the map never changes, so neither does this. */
  private ordered: readonly Entry<V>[] | null = null;

  private constructor(
    private readonly root: Node<V> | null,
    readonly size: number,
    /** The insertion stamp of the next new key: above every stamp in the map. */
    private readonly nextSeq: number,
  ) {}

  static empty<V>(): PersistentMap<V> {
    return PersistentMap.EMPTY;
  }

  static of<V>(entries: Iterable<readonly [string, V]>): PersistentMap<V> {
    let m = PersistentMap.empty<V>();
    for (const [k, v] of entries) m = m.with(k, v);
    return m;
  }

  get(key: string): V | undefined {
    return this.root ? find(this.root, key, hashOf(key))?.value : undefined;
  }

  has(key: string): boolean {
    return this.root !== null && find(this.root, key, hashOf(key)) !== undefined;
  }

  /** A number that orders present keys as iteration does; undefined when `key` is absent. */
  rank(key: string): number | undefined {
    return this.root ? find(this.root, key, hashOf(key))?.seq : undefined;
  }

  /** The map with `key` set to `value` (in its old place if present, else last). */
  with(key: string, value: V): PersistentMap<V> {
    const hash = hashOf(key);
    const old = this.root ? find(this.root, key, hash) : undefined;
    if (old && old.value === value) return this;
    const entry: Entry<V> = { key, value, seq: old ? old.seq : this.nextSeq };
    const root = this.root ? insert(this.root, hash, 0, entry) : leafOf(hash, entry);
    return new PersistentMap(root, old ? this.size : this.size + 1, old ? this.nextSeq : this.nextSeq + 1);
  }

  /** The map without `key` (itself when the key is absent). */
  without(key: string): PersistentMap<V> {
    if (!this.root) return this;
    const root = remove(this.root, hashOf(key), 0, key);
    return root === this.root ? this : new PersistentMap(root, this.size - 1, this.nextSeq);
  }

  *entries(): MapIterator<[string, V]> {
    for (const e of this.inOrder()) yield [e.key, e.value];
  }

  *keys(): MapIterator<string> {
    for (const e of this.inOrder()) yield e.key;
  }

  *values(): MapIterator<V> {
    for (const e of this.inOrder()) yield e.value;
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  forEach(fn: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    for (const e of this.inOrder()) fn(e.value, e.key, this);
  }

  private inOrder(): readonly Entry<V>[] {
    if (this.ordered === null) {
      const all: Entry<V>[] = [];
      if (this.root) collect(this.root, all);
      this.ordered = all.sort((a, b) => a.seq - b.seq);
    }
    return this.ordered;
  }
}

interface Entry<V> {
  readonly key: string;
  readonly value: V;
  /** When the key was first set: iteration order. */
  readonly seq: number;
}

/** The entries whose keys have one same 32-bit hash (nearly always exactly one). */
interface Leaf<V> {
  readonly kind: "leaf";
  readonly hash: number;
  readonly entries: readonly Entry<V>[];
}

/** Bit i of `bitmap` is set when some key's 5 hash bits at this depth are i; `children` are packed in bit order. */
interface Branch<V> {
  readonly kind: "branch";
  readonly bitmap: number;
  readonly children: readonly Node<V>[];
}

type Node<V> = Leaf<V> | Branch<V>;

const BITS = 5;

/** FNV-1a over UTF-16 code units. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const bitAt = (hash: number, shift: number): number => 1 << ((hash >>> shift) & 31);

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

const slotOf = (bitmap: number, bit: number): number => popcount(bitmap & (bit - 1));

const leafOf = <V>(hash: number, entry: Entry<V>): Leaf<V> => ({ kind: "leaf", hash, entries: [entry] });

function find<V>(node: Node<V>, key: string, hash: number): Entry<V> | undefined {
  for (let shift = 0; ; shift += BITS) {
    if (node.kind === "leaf") return node.hash === hash ? node.entries.find((e) => e.key === key) : undefined;
    const bit = bitAt(hash, shift);
    if ((node.bitmap & bit) === 0) return undefined;
    node = node.children[slotOf(node.bitmap, bit)];
  }
}

function insert<V>(node: Node<V>, hash: number, shift: number, entry: Entry<V>): Node<V> {
  if (node.kind === "leaf") {
    if (node.hash !== hash) return split(node, leafOf(hash, entry), shift);
    const i = node.entries.findIndex((e) => e.key === entry.key);
    return { ...node, entries: i < 0 ? [...node.entries, entry] : node.entries.map((e, j) => (j === i ? entry : e)) };
  }
  const bit = bitAt(hash, shift);
  const slot = slotOf(node.bitmap, bit);
  const children = [...node.children];
  if (node.bitmap & bit) children[slot] = insert(children[slot], hash, shift + BITS, entry);
  else children.splice(slot, 0, leafOf(hash, entry));
  return { kind: "branch", bitmap: node.bitmap | bit, children };
}

/** A branch holding two leaves of different hashes, as deep as their hashes agree. */
function split<V>(a: Leaf<V>, b: Leaf<V>, shift: number): Branch<V> {
  const bitA = bitAt(a.hash, shift);
  const bitB = bitAt(b.hash, shift);
  if (bitA === bitB) return { kind: "branch", bitmap: bitA, children: [split(a, b, shift + BITS)] };
  // Unsigned: bit 31 is negative as a number.
  return { kind: "branch", bitmap: bitA | bitB, children: bitA >>> 0 < bitB >>> 0 ? [a, b] : [b, a] };
}

/** `node` without `key`: the same node when absent, null when nothing is left. */
function remove<V>(node: Node<V>, hash: number, shift: number, key: string): Node<V> | null {
  if (node.kind === "leaf") {
    if (node.hash !== hash || !node.entries.some((e) => e.key === key)) return node;
    const entries = node.entries.filter((e) => e.key !== key);
    return entries.length > 0 ? { ...node, entries } : null;
  }
  const bit = bitAt(hash, shift);
  if ((node.bitmap & bit) === 0) return node;
  const slot = slotOf(node.bitmap, bit);
  const child = remove(node.children[slot], hash, shift + BITS, key);
  if (child === node.children[slot]) return node;
  const children = [...node.children];
  if (child) children[slot] = child;
  else children.splice(slot, 1);
  // A lone leaf moves up: a leaf is found by its full hash at any depth, so the trie stays shallow.
  if (children.length === 0) return null;
  if (children.length === 1 && children[0].kind === "leaf") return children[0];
  return { kind: "branch", bitmap: child ? node.bitmap : node.bitmap & ~bit, children };
}

function collect<V>(node: Node<V>, out: Entry<V>[]): void {
  if (node.kind === "leaf") out.push(...node.entries);
  else for (const c of node.children) collect(c, out);
}
