#include "attache/http/gzip.h"

#include <zlib.h>

#include <limits>

namespace attache::http {

bool GzipCompress(std::string_view data, int level, std::string* out) {
  out->clear();
  if (data.size() >= std::numeric_limits<uInt>::max() / 2) return false;  // one deflate call
  z_stream z{};
  // 15 window bits plus 16 asks zlib for the gzip wrapper instead of zlib's own; memLevel 9
  // uses the most memory for the best ratio, which costs nothing since it is done once.
  if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) return false;
  out->resize(deflateBound(&z, static_cast<uLong>(data.size())));
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out->data());
  z.avail_out = static_cast<uInt>(out->size());
  // deflateBound is enough for one Z_FINISH call, so this always ends the stream.
  int rc = deflate(&z, Z_FINISH);
  out->resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) {
    out->clear();
    return false;
  }
  return true;
}

}  // namespace attache::http
