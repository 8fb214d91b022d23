/**
 * A bounded structural check of a compound file (MS-CFB) before msgreader walks it. msgreader follows
 * sector chains and directory links as the file states them, with no end but the end-of-chain mark:
 * a chain that loops (found by fuzzing) makes it run and allocate until the process dies. Every chain
 * and link it will follow is walked here first, each at most as far as the file has sectors, and a
 * file whose structure loops, points outside itself or claims more than it holds is refused.
 * Returns null when the file is sound, else the reason.
 */

const END_OF_CHAIN = -2;
const FREE = -1;
const NO_INDEX = -1;
const MINI_SECTOR = 64;
const MINI_CUTOFF = 4096;
const ENTRY_SIZE = 128;
const HEADER_FAT_SLOTS = 109;
const TYPE_STORAGE = 1;
const TYPE_STREAM = 2;
const TYPE_ROOT = 5;

interface Entry {
  readonly type: number;
  readonly left: number;
  readonly right: number;
  readonly child: number;
  readonly start: number;
  readonly size: number;
}

export function compoundFileProblem(bytes: Buffer): string | null {
  if (bytes.length < 512) return 'it is shorter than a compound-file header';
  // As msgreader reads it: shift 12 means 4096-byte sectors, anything else 512.
  const sectorSize = bytes.readUInt8(30) === 12 ? 4096 : 512;
  const sectors = Math.floor((bytes.length - sectorSize) / sectorSize) + 1;
  const perSector = sectorSize / 4;
  const int = (offset: number) => (offset + 4 <= bytes.length ? bytes.readInt32LE(offset) : null);
  const offsetOf = (sector: number) => (sector + 1) * sectorSize;
  const inFile = (sector: number) =>
    sector >= 0 && offsetOf(sector) + sectorSize <= bytes.length + sectorSize;

  // The FAT's own sectors: up to 109 in the header, the rest through the DIFAT chain.
  const fatCount = int(0x2c) ?? 0;
  if (fatCount < 0 || fatCount > sectors) return 'its sector table claims more sectors than the file has';
  const fat: number[] = [];
  for (let slot = 0; slot < Math.min(fatCount, HEADER_FAT_SLOTS); slot++)
    fat.push(int(0x4c + slot * 4) ?? FREE);
  let difat = int(0x44) ?? END_OF_CHAIN;
  const difatCount = int(0x48) ?? 0;
  const seenDifat = new Set<number>();
  for (let step = 0; step < difatCount && fat.length < fatCount; step++) {
    if (difat === END_OF_CHAIN || difat === FREE) break;
    if (!inFile(difat) || seenDifat.has(difat)) return 'its sector table chain loops or leaves the file';
    seenDifat.add(difat);
    for (let slot = 0; slot < perSector - 1 && fat.length < fatCount; slot++) {
      const value = int(offsetOf(difat) + slot * 4) ?? FREE;
      if (value === FREE || value === END_OF_CHAIN) break;
      fat.push(value);
    }
    difat = int(offsetOf(difat) + (perSector - 1) * 4) ?? END_OF_CHAIN;
  }
  for (const sector of fat) if (!inFile(sector)) return 'its sector table points outside the file';

  const next = (sector: number): number | null => {
    const fatSector = fat[Math.floor(sector / perSector)];
    if (fatSector === undefined) return END_OF_CHAIN;
    return int(offsetOf(fatSector) + (sector % perSector) * 4);
  };
  /** The chain from `start`, or null when it loops, leaves the file or is longer than `limit`. */
  const chain = (start: number, limit: number, step: (at: number) => number | null): number[] | null => {
    const seen = new Set<number>();
    const list: number[] = [];
    for (let at = start; at !== END_OF_CHAIN;) {
      if (at < 0 || seen.has(at) || list.length >= limit) return null;
      seen.add(at);
      list.push(at);
      const following = step(at);
      if (following === null) return null;
      at = following;
    }
    return list;
  };
  const bigChain = (start: number) => {
    const list = chain(start, sectors, next);
    return list && list.every(inFile) ? list : null;
  };

  const directory = bigChain(int(0x30) ?? END_OF_CHAIN);
  if (!directory || directory.length === 0) return 'its directory chain loops or leaves the file';
  const entries: Entry[] = [];
  for (const sector of directory) {
    for (let offset = offsetOf(sector); offset < offsetOf(sector) + sectorSize; offset += ENTRY_SIZE) {
      if (offset + ENTRY_SIZE > bytes.length) break;
      entries.push({
        type: bytes.readUInt8(offset + 0x42),
        left: bytes.readInt32LE(offset + 0x44),
        right: bytes.readInt32LE(offset + 0x48),
        child: bytes.readInt32LE(offset + 0x4c),
        start: bytes.readInt32LE(offset + 0x74),
        size: bytes.readInt32LE(offset + 0x78),
      });
    }
  }
  const root = entries[0];
  if (!root || root.type !== TYPE_ROOT) return 'it has no root entry';

  // The mini FAT (msgreader reads at most its declared count of sectors) and the mini stream.
  const miniFatSectors = int(0x3c) ?? END_OF_CHAIN;
  const miniFatCount = Math.max(0, int(0x40) ?? 0);
  const miniFat =
    miniFatSectors === END_OF_CHAIN || miniFatSectors === 0
      ? []
      : bigChain(miniFatSectors)?.slice(0, miniFatCount);
  if (!miniFat) return 'its small-sector table chain loops or leaves the file';
  const miniStream = root.start === END_OF_CHAIN ? [] : bigChain(root.start);
  if (!miniStream) return 'its small-sector stream loops or leaves the file';
  const miniSectors = (miniStream.length * sectorSize) / MINI_SECTOR;
  const nextMini = (sector: number): number | null => {
    const at = miniFat[Math.floor(sector / perSector)];
    return at === undefined ? END_OF_CHAIN : int(offsetOf(at) + (sector % perSector) * 4);
  };

  // The directory tree: every link inside the table, no entry reached twice.
  const reached = new Set<number>([0]);
  const pending = [root.child];
  while (pending.length > 0) {
    const index = pending.pop() ?? NO_INDEX;
    if (index === NO_INDEX) continue;
    const entry = entries[index];
    if (!entry || reached.has(index)) return 'its directory links loop or point outside it';
    reached.add(index);
    pending.push(entry.left, entry.right);
    if (entry.type === TYPE_STORAGE) pending.push(entry.child);
    if (entry.type !== TYPE_STREAM || entry.size === 0) continue;
    if (entry.size < 0 || entry.size > bytes.length) return 'a stream claims more bytes than the file has';
    if (entry.size < MINI_CUTOFF) {
      const list = chain(entry.start, miniSectors, nextMini);
      if (!list || list.some((sector) => sector >= miniSectors))
        return 'a small stream loops or leaves its store';
    } else {
      const list = bigChain(entry.start);
      if (!list || list.length * sectorSize < entry.size) return 'a stream loops or is cut short';
    }
  }
  return null;
}
