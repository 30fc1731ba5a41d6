import { createHash } from 'node:crypto';

/*
 * Counting distinct people across days.
 *
 * Distinct counts do not add up: someone seen on Monday and on Tuesday is one visitor, not two.
 * The rollup therefore keeps, for every day and scope (the site, an offer's views…), a *sketch*
 * of the people behind the events, and the dashboard merges the sketches of the days it shows.
 *
 * A sketch has two forms:
 * - sparse: the sorted set of the people's 48-bit hashes, exact. Below SPARSE_MAX people (the
 *   size of a council's care-leaver population, and every count near the suppression threshold
 *   of 5) every figure is exact, and merging two sparse sketches is a set union, still exact.
 * - dense: a HyperLogLog of 2^12 one-byte registers (4 KiB, standard error about 1.6 %), used
 *   once a set would outgrow it. Merging is a register-wise max, so 90 days × 50 scopes merge in
 *   a few milliseconds however many events there were: the dashboard's time depends on the number
 *   of days and offers, not on the number of events.
 * Exact per-day visitor lists in SQL (COUNT(DISTINCT) over day rows) were the alternative; they
 * cost time in proportion to visitors × days on every dashboard view, which is what we avoid.
 */

/** Register-index bits: 2^12 registers. */
const P = 12;
const M = 1 << P;
/** Bytes per hash in the sparse form. */
const HASH_BYTES = 6;
/** Up to this many distinct hashes the sketch stays sparse, and exact. */
export const SPARSE_MAX = Math.floor(M / HASH_BYTES);

const SPARSE = 1;
const DENSE = 2;
const TWO_16 = 0x1_0000;

export type Sketch =
	{ kind: 'sparse'; hashes: Set<number> } | { kind: 'dense'; registers: Uint8Array };

/** 48 bits of SHA-256: collisions are negligible (about 1 in 560 million for 1,000 people). */
export function hashId(id: string): number {
	return createHash('sha256').update(id).digest().readUIntBE(0, HASH_BYTES);
}

export function createSketch(): Sketch {
	return { kind: 'sparse', hashes: new Set() };
}

function setRegister(registers: Uint8Array, hash: number) {
	const high = Math.floor(hash / TWO_16); // the top 32 bits
	const low = hash % TWO_16; // the bottom 16 bits
	const index = high >>> (32 - P);
	const rest = high & ((1 << (32 - P)) - 1); // the next 20 bits
	// The position of the first 1 bit in the 36 bits after the index.
	const rank =
		rest !== 0
			? Math.clz32(rest) - P + 1
			: low !== 0
				? 32 - P + Math.clz32(low) - 16 + 1
				: 48 - P + 1;
	if (rank > registers[index]) {
		registers[index] = rank;
	}
}

type DenseSketch = Extract<Sketch, { kind: 'dense' }>;

function toDense(hashes: Iterable<number>): DenseSketch {
	const registers = new Uint8Array(M);
	for (const hash of hashes) {
		setRegister(registers, hash);
	}
	return { kind: 'dense', registers };
}

/** Adds one person's hash; returns the sketch (a new one when it turns dense). */
export function addHash(sketch: Sketch, hash: number): Sketch {
	if (sketch.kind === 'dense') {
		setRegister(sketch.registers, hash);
		return sketch;
	}
	sketch.hashes.add(hash);
	return sketch.hashes.size > SPARSE_MAX ? toDense(sketch.hashes) : sketch;
}

/** Merges an encoded sketch into `target`; returns the result (a new one when it turns dense). */
export function mergeEncoded(target: Sketch, encoded: Uint8Array): Sketch {
	if (encoded.length === 0) {
		return target;
	}
	if (encoded[0] === DENSE) {
		const merged = target.kind === 'dense' ? target : toDense(target.hashes);
		const registers = merged.registers;
		for (let index = 0; index < M; index += 1) {
			const value = encoded[index + 1];
			if (value > registers[index]) {
				registers[index] = value;
			}
		}
		return merged;
	}
	let result = target;
	let offset = 1;
	while (result.kind === 'sparse' && offset + HASH_BYTES <= encoded.length) {
		result = addHash(result, readHash(encoded, offset));
		offset += HASH_BYTES;
	}
	if (result.kind === 'dense') {
		setRegistersFromBytes(result.registers, encoded, offset);
	}
	return result;
}

/**
 * setRegister for the 6-byte hashes of a sparse sketch, read straight from the bytes: the hot
 * loop when many days are merged. Gives exactly the registers setRegister would.
 */
function setRegistersFromBytes(registers: Uint8Array, bytes: Uint8Array, from: number) {
	for (let offset = from; offset + HASH_BYTES <= bytes.length; offset += HASH_BYTES) {
		const second = bytes[offset + 1];
		const index = (bytes[offset] << 4) | (second >> 4);
		const nibble = second & 0x0f;
		let rank: number;
		if (nibble !== 0) {
			rank = Math.clz32(nibble) - 28 + 1;
		} else {
			const rest =
				((bytes[offset + 2] << 24) |
					(bytes[offset + 3] << 16) |
					(bytes[offset + 4] << 8) |
					bytes[offset + 5]) >>>
				0;
			rank = rest !== 0 ? 4 + Math.clz32(rest) + 1 : 48 - P + 1;
		}
		if (rank > registers[index]) {
			registers[index] = rank;
		}
	}
}

function readHash(bytes: Uint8Array, offset: number): number {
	let value = 0;
	for (let index = 0; index < HASH_BYTES; index += 1) {
		value = value * 256 + bytes[offset + index];
	}
	return value;
}

export function mergeSketches(target: Sketch, source: Sketch): Sketch {
	if (source.kind === 'sparse') {
		let result = target;
		for (const hash of source.hashes) {
			result = addHash(result, hash);
		}
		return result;
	}
	return mergeEncoded(target, encodeSketch(source));
}

export function encodeSketch(sketch: Sketch): Buffer {
	if (sketch.kind === 'dense') {
		const buffer = Buffer.allocUnsafe(M + 1);
		buffer[0] = DENSE;
		buffer.set(sketch.registers, 1);
		return buffer;
	}
	const hashes = [...sketch.hashes].sort((a, b) => a - b);
	const buffer = Buffer.allocUnsafe(1 + hashes.length * HASH_BYTES);
	buffer[0] = SPARSE;
	hashes.forEach((hash, index) => buffer.writeUIntBE(hash, 1 + index * HASH_BYTES, HASH_BYTES));
	return buffer;
}

export function decodeSketch(encoded: Uint8Array): Sketch {
	return mergeEncoded(createSketch(), encoded);
}

/** How many distinct people: exact while sparse, HyperLogLog's estimate once dense. */
export function cardinality(sketch: Sketch): number {
	if (sketch.kind === 'sparse') {
		return sketch.hashes.size;
	}
	let sum = 0;
	let zeros = 0;
	for (const value of sketch.registers) {
		sum += 2 ** -value;
		if (value === 0) {
			zeros += 1;
		}
	}
	const alpha = 0.7213 / (1 + 1.079 / M);
	const estimate = (alpha * M * M) / sum;
	// Linear counting is the better estimate while many registers are still empty.
	if (estimate <= 2.5 * M && zeros > 0) {
		return Math.round(M * Math.log(M / zeros));
	}
	return Math.round(estimate);
}
