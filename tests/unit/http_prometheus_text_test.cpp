#include <catch2/catch.hpp>

#include "attache/http/metrics.h"
#include "attache/http/prometheus_text.h"

using namespace attache;
using attache::http::PrometheusText;

TEST_CASE("Prometheus text: families, escaped labels, cumulative histograms") {
  PrometheusText out;
  out.Family("x_total", "counter", "Things with a \\ and\na new line.");
  out.Sample("x_total", {{"route", "/a/{id}"}, {"note", "say \"hi\"\\\n"}}, 3);
  Histogram h({0.0005, 0.25});
  h.Observe(0.000244140625);  // 2^-12: sums stay exact
  h.Observe(0.125);
  h.Observe(7);
  out.Family("d_seconds", "histogram", "Durations.");
  out.HistogramSamples("d_seconds", {{"route", "r"}}, h);
  CHECK(out.text() ==
        "# HELP x_total Things with a \\\\ and\\na new line.\n"
        "# TYPE x_total counter\n"
        "x_total{route=\"/a/{id}\",note=\"say \\\"hi\\\"\\\\\\n\"} 3\n"
        "# HELP d_seconds Durations.\n"
        "# TYPE d_seconds histogram\n"
        "d_seconds_bucket{route=\"r\",le=\"0.0005\"} 1\n"
        "d_seconds_bucket{route=\"r\",le=\"0.25\"} 2\n"
        "d_seconds_bucket{route=\"r\",le=\"+Inf\"} 3\n"
        "d_seconds_sum{route=\"r\"} 7.125244140625\n"
        "d_seconds_count{route=\"r\"} 3\n");
}

TEST_CASE("Request metrics bound their labels") {
  http::RequestMetrics m;
  m.Observe("GET", "/api/x/{id}", 200, std::chrono::milliseconds(3));
  m.Observe("GET", "/api/x/{id}", 200, std::chrono::milliseconds(30));
  m.Observe("BREW", "none", 405, std::chrono::milliseconds(1));
  auto series = m.Snapshot();
  REQUIRE(series.size() == 2);
  CHECK(series[0].method == "GET");
  CHECK(series[0].seconds.count() == 2);
  CHECK(series[1].method == "OTHER");
  m.ConnectionOpened();
  m.ConnectionOpened();
  m.ConnectionClosed();
  CHECK(m.open_connections() == 1);
}
