#include <catch2/catch.hpp>
#include <chrono>

#include "attache/core/text.h"
#include "attache/mail/compose.h"
#include "attache/mail/retry.h"

using namespace attache::mail;
using namespace std::chrono_literals;

namespace {

MailContent StepMail() {
  MailContent c;
  c.subject = {"Hồ sơ ĐR-2026-0012 chờ anh/chị xử lý", "ĐR-2026-0012 awaits your action"};
  c.vi = {{"Hồ sơ \"Đoàn công tác sang Hàn Quốc\" đã chuyển sang bước Vụ HTQT xem xét."}};
  c.en = {{"Proposal \"Đoàn công tác sang Hàn Quốc\" moved to ICD review."}};
  c.link = {AppLink("https://attache.molisa.gov.vn/", "/proposals/42"),
            {"Mở hồ sơ", "Open the proposal"}};
  return c;
}

}  // namespace

TEST_CASE("Compose: Vietnamese first, English below, in text and HTML, with the link") {
  ComposedMail m = Compose(StepMail());
  CHECK(m.subject == "Hồ sơ ĐR-2026-0012 chờ anh/chị xử lý / ĐR-2026-0012 awaits your action");
  const std::string url = "https://attache.molisa.gov.vn/#/proposals/42";
  size_t vi = m.text.find("Hồ sơ \"Đoàn công tác"), en = m.text.find("Proposal \"Đoàn");
  REQUIRE(vi != std::string::npos);
  REQUIRE(en != std::string::npos);
  CHECK(vi < en);
  CHECK(m.text.find("Mở hồ sơ: " + url) != std::string::npos);
  CHECK(m.text.find("Open the proposal: " + url) != std::string::npos);
  CHECK(m.html.find("<a href=\"" + url + "\">Mở hồ sơ</a>") != std::string::npos);
  CHECK(m.html.find("<div lang=\"vi\">") < m.html.find("<div lang=\"en\">"));
  CHECK(m.html.find("&quot;Đoàn công tác sang Hàn Quốc&quot;") != std::string::npos);
  CHECK(m.html.find("<img") == std::string::npos);
  CHECK(m.html.find("<script") == std::string::npos);
}

TEST_CASE("Compose: text from users adds no markup, and only web links are linked") {
  MailContent c = StepMail();
  c.subject.vi = "Hội thảo <script>alert(1)</script>\r\nBcc: x@y";
  c.vi = {{"<img src=http://evil/x.png onerror=alert(1)> & \"quotes\" 'single'"},
          {"Xem thêm", "javascript:alert(1)"},
          {"Trang chủ", "https://attache.molisa.gov.vn/\"><script>"},
          {"Hai dòng\nthứ hai"}};
  c.link.url = "data:text/html,<script>alert(1)</script>";
  ComposedMail m = Compose(c);
  CHECK(m.subject.find('\r') == std::string::npos);
  CHECK(m.subject.find('\n') == std::string::npos);
  CHECK(m.html.find("<script") == std::string::npos);
  CHECK(m.html.find("<img") == std::string::npos);
  CHECK(m.html.find("&lt;img src=http://evil/x.png onerror=alert(1)&gt; &amp; &quot;quotes&quot; "
                    "&#39;single&#39;") != std::string::npos);
  CHECK(m.html.find("javascript:") == std::string::npos);
  CHECK(m.html.find("data:text") == std::string::npos);
  CHECK(m.html.find("<p>Xem thêm</p>") != std::string::npos);  // kept, not linked
  CHECK(m.html.find("Hai dòng<br>\nthứ hai") != std::string::npos);
  CHECK(m.text.find("javascript:") == std::string::npos);
  CHECK(m.text.find("Mở hồ sơ") == std::string::npos);  // the main link was refused
}

TEST_CASE("Compose: the subject of two 500-character titles still fits the outbox") {
  MailContent c = StepMail();
  std::string title;
  for (int i = 0; i < 50; ++i) title += "Hội nghị ";  // 9 characters, 12 bytes each time
  c.subject = {"Hồ sơ \"" + title + "\" chờ xử lý", "\"" + title + "\" awaits your action"};
  ComposedMail m = Compose(c);
  CHECK(m.subject.size() <= 1000);
  CHECK(m.subject.find(" / ") != std::string::npos);
  CHECK(m.subject.starts_with("Hồ sơ \"Hội nghị"));
  CHECK(m.subject.ends_with("…"));
  CHECK(attache::IsValidUtf8(m.subject));
  c.subject = {"Ngắn", "Short"};
  CHECK(Compose(c).subject == "Ngắn / Short");
}

TEST_CASE("Compose: a digest links each line") {
  MailContent c;
  c.subject = {"Việc chờ anh/chị hôm nay", "What waits for you today"};
  c.vi = {{"ĐR-2026-0012 — Vụ HTQT xem xét", "https://a.example/#/proposals/12"},
          {"HN-2026-0003 — Lãnh đạo Bộ duyệt", "https://a.example/#/proposals/3"}};
  c.en = {{"ĐR-2026-0012 — ICD review", "https://a.example/#/proposals/12"}};
  ComposedMail m = Compose(c);
  CHECK(m.html.find("<p><a href=\"https://a.example/#/proposals/3\">HN-2026-0003 — Lãnh đạo Bộ "
                    "duyệt</a></p>") != std::string::npos);
  CHECK(m.text.find("ĐR-2026-0012 — Vụ HTQT xem xét\nhttps://a.example/#/proposals/12\n") !=
        std::string::npos);
}

TEST_CASE("Compose: links into the web UI") {
  CHECK(AppLink("http://127.0.0.1:8080/", "/proposals/42") ==
        "http://127.0.0.1:8080/#/proposals/42");
  CHECK(AppLink("https://a.example/attache", "proposals/42") ==
        "https://a.example/attache/#/proposals/42");
  CHECK(EscapeHtml("<a href=\"x\">'&'</a>") ==
        "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

TEST_CASE("Retry: 1, 2, 5, 10, 30, 60 units, then every 6 hours; given up after two days") {
  const auto minute = std::chrono::milliseconds(60'000);
  const std::vector<std::chrono::minutes> expected = {1min,  2min,   5min,   10min, 30min,
                                                      60min, 360min, 360min, 360min};
  for (size_t i = 0; i < expected.size(); ++i)
    CHECK(RetryDelay(static_cast<int>(i) + 1, minute) == expected[i]);
  CHECK(RetryDelay(0, minute) == 1min);
  CHECK(RetryDelay(1000, minute) == 360min);
  CHECK(RetryDelay(3, 100ms) == 500ms);  // the test knob scales the whole schedule

  // Attempts made before giving up, from queueing, when every attempt fails at once: the
  // schedule reaches two days after 1+2+5+10+30+60 minutes and then six-hour steps.
  using TimePoint = std::chrono::system_clock::time_point;
  const TimePoint start{};
  TimePoint at = start;
  int attempts = 0;
  while (true) {
    ++attempts;
    TimePoint next = at + RetryDelay(attempts, minute);
    if (ShouldGiveUp(start, next, minute)) break;
    at = next;
  }
  CHECK(attempts == 14);
  CHECK(at - start <= std::chrono::hours(48));
  CHECK(!ShouldGiveUp(start, start + std::chrono::hours(48), minute));
  CHECK(ShouldGiveUp(start, start + std::chrono::hours(48) + 1ms, minute));
}
