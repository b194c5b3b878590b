// What the browser checks before an uploaded file reaches the dossier, and the name it is
// stored under. Pure functions (run under Node by the tests): upload.js applies them.
//
// The PDF checks are the cheap ones `cchc validate` also makes first (cchc.evidence.pdfscan):
// "%PDF-" in the first 1024 bytes, "%%EOF" in the last 1024, the plan's size limit; and no
// encryption dictionary in a trailer (a PDF locked with a password cannot be read by the
// council). Everything deeper (pages, signatures, scans) stays with `cchc validate`.
const WINDOW = 1024;
// "/Encrypt 12 0 R" or "/Encrypt <<" in a trailer or cross-reference stream dictionary; not
// "/EncryptMetadata". Strings and streams of an encrypted file are ciphertext, so the key
// cannot be hidden in them, and in a plain file the bytes are vanishingly unlikely elsewhere.
const ENCRYPT = /\/Encrypt(?:\s*<<|\s+\d+\s+\d+\s+R)/;

const latin1 = (bytes) => new TextDecoder('latin1').decode(bytes);

function megabytes(bytes) {
  return (bytes / (1024 * 1024)).toFixed(1).replace('.', ',');
}

// Why a file of ``size`` bytes is refused before it is even read, or null.
export function sizeProblem(size, maxBytes) {
  if (!size) return 'Tệp rỗng (0 byte), không phải tài liệu PDF.';
  if (maxBytes && size > maxBytes) {
    return `Tệp ${megabytes(size)} MB, vượt giới hạn ${megabytes(maxBytes)} MB mỗi tệp theo kế hoạch `
      + 'của Sở Nội vụ. Hãy quét lại với độ phân giải thấp hơn (200 dpi, đen trắng là đủ) hoặc tách thành nhiều tệp.';
  }
  return null;
}

// A sentence saying why ``bytes`` (a Uint8Array, the whole file) cannot be accepted, or null.
export function pdfProblem(bytes, maxBytes) {
  const size = sizeProblem(bytes.length, maxBytes);
  if (size) return size;
  if (!latin1(bytes.subarray(0, WINDOW)).includes('%PDF-')) {
    return 'Tệp không phải tài liệu PDF (chỉ đổi đuôi tên tệp thành .pdf thì không được). Hãy quét hoặc '
      + 'xuất văn bản ra PDF rồi tải lên lại.';
  }
  if (!latin1(bytes.subarray(Math.max(0, bytes.length - WINDOW))).includes('%%EOF')) {
    return 'Tệp PDF bị thiếu phần cuối (tải xuống hoặc sao chép chưa xong). Hãy lấy lại tệp gốc rồi tải lên lại.';
  }
  if (ENCRYPT.test(latin1(bytes))) {
    return 'Tệp PDF đang được đặt mật khẩu hoặc mã hoá (kể cả chỉ cấm in, cấm sao chép), nên Hội đồng thẩm '
      + 'định và hệ thống không đọc được. Hãy lưu lại một bản không đặt mật khẩu rồi tải lên lại.';
  }
  return null;
}

// The file name as a title: what the clerk called it, without the extension.
export function titleOf(original) {
  return original.replace(/\.pdf$/i, '').trim();
}

// A safe ASCII name for ``original``: accents removed (đ → d), lower case, every other run of
// characters a hyphen, ".pdf" at the end; numbered (-2, -3…) when ``taken`` (a Set of lower-case
// names already in the unit's folder or dossier) holds it.
export function safeName(original, taken = new Set()) {
  const stem = titleOf(original).normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '') || 'tai-lieu';
  let name = `${stem}.pdf`;
  for (let n = 2; taken.has(name); n += 1) name = `${stem}-${n}.pdf`;
  return name;
}
