"""Building document uploads in tests: tiny but real files of each accepted kind (and some
that only pretend), and multipart/form-data bodies written byte by byte, so a test controls
exactly what the server receives."""
import io
import struct
import urllib.parse
import zipfile
import zlib

BOUNDARY = "----attache-test-7MA4YWxkTrZu0gW"


def pdf(text="Thư mời"):
    body = ("%%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n%% %s\n"
            "trailer<</Root 1 0 R>>\n%%%%EOF\n" % text)
    return body.encode()


def png():
    """A valid 1×1 RGB PNG."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def docx(text="Đề nghị cử đoàn"):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("word/document.xml",
                   '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxml'
                   'formats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>%s</w:t></w:r></w:p>'
                   '</w:body></w:document>' % text)
    return out.getvalue()


def exe():
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 48 + b"This program cannot be run in DOS mode."


def html():
    return b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def text():
    return "Đây chỉ là văn bản thường.\n".encode()


def plain_zip():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("notes.txt", "không phải tài liệu văn phòng")
    return out.getvalue()


def part(name, value, filename=None, filename_star=None, content_type=None):
    """One form part. `filename_star` is sent as RFC 5987 filename*=UTF-8''..."""
    disposition = 'form-data; name="%s"' % name
    if filename is not None:
        disposition += '; filename="%s"' % filename.replace('"', "%22")
    if filename_star is not None:
        disposition += "; filename*=UTF-8''" + urllib.parse.quote(filename_star, safe="")
    head = "Content-Disposition: " + disposition + "\r\n"
    if content_type:
        head += "Content-Type: " + content_type + "\r\n"
    data = value.encode() if isinstance(value, str) else value
    return head.encode() + b"\r\n" + data


def form(*parts, boundary=BOUNDARY):
    """(body, content type) of a multipart/form-data request with these parts."""
    body = b"".join(b"--" + boundary.encode() + b"\r\n" + p + b"\r\n" for p in parts)
    return body + b"--" + boundary.encode() + b"--\r\n", "multipart/form-data; boundary=" + boundary


def document_form(type_, data, filename="tài liệu.pdf", replaces=None):
    """The usual upload: type, optional replaces, and the file (name sent both ways, as
    browsers that follow RFC 7578 do with a raw UTF-8 filename)."""
    parts = [part("type", type_)]
    if replaces is not None:
        parts.append(part("replaces", str(replaces)))
    parts.append(part("file", data, filename=filename, content_type="application/octet-stream"))
    return form(*parts)
