import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * Gzip for a page that is the same for everyone except a few short holes (the content security
 * policy's nonce, new for every answer): the fixed parts are compressed once, and each answer
 * only stitches them together around its own nonce, which goes in as a stored (uncompressed)
 * block. The result is one ordinary gzip stream (RFC 1951 and 1952), so every browser reads it.
 *
 * Each part ends in a full flush, so it is byte-aligned and refers to nothing before it: the
 * holes may hold anything without breaking the parts after them.
 */
export type GzipTemplate = {
	/** The plain parts, for the checksum. */
	parts: Buffer[];
	/** The same parts deflated, each ending in a full flush. */
	deflated: Buffer[];
};

/** Stored blocks carry at most 65,535 bytes; a nonce is 24. */
const MAX_HOLE = 0xffff;
// ID1 ID2, deflate, no flags, no time, no extra flags, OS "unknown".
const HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
// The last block: final, fixed Huffman codes, and at once its end-of-block code.
const LAST_BLOCK = Buffer.from([0x03, 0x00]);

export function gzipTemplate(parts: Buffer[]): GzipTemplate {
	return {
		parts,
		deflated: parts.map((part) => deflateRawSync(part, { finishFlush: constants.Z_FULL_FLUSH }))
	};
}

/** The gzip stream of parts[0] + fill + parts[1] + fill + … + parts[n]. */
export function fillGzipTemplate({ parts, deflated }: GzipTemplate, fill: Buffer): Buffer {
	if (fill.length > MAX_HOLE) {
		throw new RangeError('A hole in a gzip template holds at most 65,535 bytes');
	}
	const stored = Buffer.alloc(5 + fill.length);
	// Not final, stored; then the length and its complement, little-endian; then the bytes.
	stored.writeUInt16LE(fill.length, 1);
	stored.writeUInt16LE(~fill.length & 0xffff, 3);
	fill.copy(stored, 5);

	const chunks: Buffer[] = [HEADER];
	let crc = 0;
	let size = 0;
	const add = (bytes: Buffer) => {
		// zlib's crc32 answers 0 for an empty buffer with no memory behind it, whatever it was given.
		if (bytes.length > 0) {
			crc = crc32(bytes, crc);
			size += bytes.length;
		}
	};
	parts.forEach((part, index) => {
		if (index > 0) {
			chunks.push(stored);
			add(fill);
		}
		chunks.push(deflated[index]);
		add(part);
	});
	const trailer = Buffer.alloc(8);
	trailer.writeUInt32LE(crc >>> 0, 0);
	trailer.writeUInt32LE(size >>> 0, 4);
	chunks.push(LAST_BLOCK, trailer);
	return Buffer.concat(chunks);
}
