/**
 * The subset of CBOR (RFC 8949) that Pagefind writes its metadata in: unsigned and negative
 * integers, byte and text strings, arrays, maps and the simple values false/true/null, each
 * with a definite length. Encoding uses the shortest head, as Pagefind does, so decoding and
 * re-encoding an untouched file gives back its bytes.
 */

/** A decoded CBOR item. Maps keep their keys' order. */
export type CborValue = number | string | Uint8Array | boolean | null | CborValue[] | Map<CborValue, CborValue>;

/** An item's head at byte `at` of `bytes`: its major type, its argument, and where its content starts. */
export function readHead(bytes: Uint8Array, view: DataView, at: number): { major: number; arg: number; next: number } {
  if (at >= bytes.length) throw new Error('CBOR: unexpected end of data');
  const first = bytes[at] as number;
  const major = first >> 5;
  const info = first & 31;
  if (info < 24) return { major, arg: info, next: at + 1 };
  const width = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
  if (width === 0) throw new Error(`CBOR: unsupported additional info ${info} at byte ${at}`);
  if (at + 1 + width > bytes.length) throw new Error('CBOR: unexpected end of data');
  const arg =
    width === 1
      ? view.getUint8(at + 1)
      : width === 2
        ? view.getUint16(at + 1)
        : width === 4
          ? view.getUint32(at + 1)
          : Number(view.getBigUint64(at + 1));
  return { major, arg, next: at + 1 + width };
}

/** Decodes one item that fills `bytes`; throws on anything outside the subset or trailing bytes. */
export function decodeCbor(bytes: Uint8Array): CborValue {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = new TextDecoder('utf-8', { fatal: true });
  let at = 0;

  const head = (): { major: number; arg: number } => {
    const { major, arg, next } = readHead(bytes, view, at);
    at = next;
    return { major, arg };
  };

  const item = (): CborValue => {
    const start = at;
    const { major, arg } = head();
    switch (major) {
      case 0:
        return arg;
      case 1:
        return -1 - arg;
      case 2:
      case 3: {
        if (at + arg > bytes.length) throw new Error('CBOR: unexpected end of data');
        const slice = bytes.subarray(at, at + arg);
        at += arg;
        return major === 2 ? slice.slice() : text.decode(slice);
      }
      case 4:
        return Array.from({ length: arg }, item);
      case 5: {
        const map = new Map<CborValue, CborValue>();
        for (let i = 0; i < arg; i++) map.set(item(), item());
        return map;
      }
      case 7:
        if (arg === 20) return false;
        if (arg === 21) return true;
        if (arg === 22) return null;
        throw new Error(`CBOR: unsupported simple value ${arg} at byte ${start}`);
      default:
        throw new Error(`CBOR: unsupported major type ${major} at byte ${start}`);
    }
  };

  const value = item();
  if (at !== bytes.length) throw new Error(`CBOR: ${bytes.length - at} bytes after the item`);
  return value;
}

/** Encodes `value` with the shortest heads; integers must be safe integers. */
export function encodeCbor(value: CborValue): Uint8Array {
  const out: number[] = [];
  const utf8 = new TextEncoder();

  const head = (major: number, arg: number) => {
    for (const byte of cborHead(major, arg)) out.push(byte);
  };

  const item = (v: CborValue) => {
    if (v === false) out.push(0xf4);
    else if (v === true) out.push(0xf5);
    else if (v === null) out.push(0xf6);
    else if (typeof v === 'number') {
      if (!Number.isInteger(v)) throw new Error(`CBOR: cannot encode the non-integer ${v}`);
      if (v >= 0) head(0, v);
      else head(1, -1 - v);
    } else if (typeof v === 'string') {
      const bytes = utf8.encode(v);
      head(3, bytes.length);
      for (const b of bytes) out.push(b);
    } else if (v instanceof Uint8Array) {
      head(2, v.length);
      for (const b of v) out.push(b);
    } else if (Array.isArray(v)) {
      head(4, v.length);
      for (const x of v) item(x);
    } else {
      head(5, v.size);
      for (const [k, x] of v) {
        item(k);
        item(x);
      }
    }
  };

  item(value);
  return Uint8Array.from(out);
}

/** The shortest head of an item of type `major` with argument `arg` (a length or an unsigned value). */
export function cborHead(major: number, arg: number): number[] {
  if (!Number.isSafeInteger(arg) || arg < 0) throw new Error(`CBOR: cannot encode ${arg}`);
  const m = major << 5;
  if (arg < 24) return [m | arg];
  if (arg < 0x100) return [m | 24, arg];
  if (arg < 0x10000) return [m | 25, arg >> 8, arg & 0xff];
  if (arg < 0x100000000) return [m | 26, (arg >>> 24) & 0xff, (arg >> 16) & 0xff, (arg >> 8) & 0xff, arg & 0xff];
  const big = BigInt(arg);
  const out = [m | 27];
  for (let shift = 56n; shift >= 0n; shift -= 8n) out.push(Number((big >> shift) & 0xffn));
  return out;
}
