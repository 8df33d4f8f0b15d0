"""A minimal PDF writer: one A4 page of Helvetica text lines, enough for an invoice.

The output is a valid PDF 1.4 file with a correct cross-reference table, so PDF
readers open it and tests can check its bytes.
"""

PAGE_WIDTH, PAGE_HEIGHT = 595, 842
LEFT_MARGIN, TOP = 56, 780
LINE_HEIGHT = 16


def _escape(line):
    # PDF string literals need backslash, parentheses escaped; keep to Latin-1.
    safe = line.encode("latin-1", "replace").decode("latin-1")
    return safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def text_pdf(lines, title):
    """Return the bytes of a one-page PDF showing ``lines`` top to bottom."""
    commands = ["BT", "/F1 11 Tf", f"{LEFT_MARGIN} {TOP} Td", f"{LINE_HEIGHT} TL"]
    for line in lines:
        commands.append(f"({_escape(line)}) Tj T*")
    commands.append("ET")
    stream = "\n".join(commands).encode("latin-1")

    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
         f"/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>").encode(),
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Title ({_escape(title)}) /Producer (Rocket.net sandbox) >>".encode("latin-1"),
    ]

    output = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"

    xref_offset = len(output)
    output += f"xref\n0 {len(objects) + 1}\n".encode()
    output += b"0000000000 65535 f \n"
    for offset in offsets:
        output += f"{offset:010d} 00000 n \n".encode()
    output += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>\n"
               f"startxref\n{xref_offset}\n%%EOF\n").encode()
    return bytes(output)
