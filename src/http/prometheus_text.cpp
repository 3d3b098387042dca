#include "attache/http/prometheus_text.h"

#include <charconv>
#include <cmath>
#include <cstdint>

namespace attache::http {
namespace {

// Shortest text that reads back as the same double, in plain decimals (0.0005, not 5e-04);
// integers without a fraction.
std::string Number(double v) {
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  if (std::isnan(v)) return "NaN";
  if (v == std::floor(v) && std::fabs(v) < 9e15) return std::to_string(static_cast<int64_t>(v));
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v, std::chars_format::fixed);
  return ec == std::errc() ? std::string(buffer, end) : std::string("NaN");
}

void AppendEscaped(std::string& out, std::string_view value, bool quote_too) {
  for (char c : value) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else if (c == '"' && quote_too)
      out += "\\\"";
    else
      out += c;
  }
}

}  // namespace

void PrometheusText::Family(std::string_view name, std::string_view type, std::string_view help) {
  out_.append("# HELP ").append(name).append(" ");
  AppendEscaped(out_, help, false);
  out_.append("\n# TYPE ").append(name).append(" ").append(type).append("\n");
}

void PrometheusText::Sample(std::string_view name, const Labels& labels, double value) {
  out_.append(name);
  if (!labels.empty()) {
    out_ += '{';
    for (size_t i = 0; i < labels.size(); ++i) {
      if (i) out_ += ',';
      out_.append(labels[i].first).append("=\"");
      AppendEscaped(out_, labels[i].second, true);
      out_ += '"';
    }
    out_ += '}';
  }
  out_.append(" ").append(Number(value)).append("\n");
}

void PrometheusText::HistogramSamples(std::string_view name, const Labels& labels,
                                      const Histogram& histogram) {
  const std::string bucket = std::string(name) + "_bucket";
  Labels with_le = labels;
  with_le.emplace_back("le", "");
  std::vector<uint64_t> cumulative = histogram.CumulativeCounts();
  for (size_t i = 0; i < cumulative.size(); ++i) {
    with_le.back().second = Number(histogram.upper_bounds()[i]);
    Sample(bucket, with_le, static_cast<double>(cumulative[i]));
  }
  with_le.back().second = "+Inf";
  Sample(bucket, with_le, static_cast<double>(histogram.count()));
  Sample(std::string(name) + "_sum", labels, histogram.sum());
  Sample(std::string(name) + "_count", labels, static_cast<double>(histogram.count()));
}

}  // namespace attache::http
