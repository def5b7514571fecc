"""PNG reading, blank-page detection and cropping with the Python standard library only.

Used by scripts/check-report-render and scripts/make-screenshots. Handles what headless
Chromium writes: 8-bit RGB or RGBA, not interlaced, any of the five row filters.
"""
import struct
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"


def read(path):
    """Returns (width, height, channels, rows) with rows as a list of bytes, one per scanline."""
    data = open(path, "rb").read()
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path}: not a PNG file")
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + length
    if header is None:
        raise ValueError(f"{path}: no IHDR chunk")
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        raise ValueError(f"{path}: unsupported PNG (depth {depth}, colour type {colour}, interlace {interlace})")
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 0xFF
        elif kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, previous))
        elif kind == 3:
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = line[i - channels] if i >= channels else 0
                b = previous[i]
                c = previous[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def ink_fraction(width, height, channels, rows):
    """Share of pixels that differ from the most common colour: ~0 for a blank page."""
    counts = {}
    for row in rows:
        for x in range(0, width * channels, channels * 4):  # every 4th pixel is plenty
            key = row[x:x + 3]
            counts[key] = counts.get(key, 0) + 1
    total = sum(counts.values())
    return 1 - max(counts.values()) / total if total else 0.0


def last_content_row(width, channels, rows):
    """Index of the last row that is not one flat colour (the page's bottom edge)."""
    for y in range(len(rows) - 1, -1, -1):
        row = rows[y]
        first = row[:3]
        if any(row[x:x + 3] != first for x in range(0, width * channels, channels)):
            return y
    return -1


def write(path, width, channels, rows):
    """Writes rows as an 8-bit PNG (filter 0), the inverse of `read`."""
    colour = 2 if channels == 3 else 6
    raw = b"".join(b"\x00" + row for row in rows)

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, len(rows), 8, colour, 0, 0, 0)
    with open(path, "wb") as out:
        out.write(SIGNATURE + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
