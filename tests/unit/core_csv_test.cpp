#include <catch2/catch.hpp>
#include <string>

#include "attache/core/csv.h"

using attache::CsvCell;
using attache::CsvRow;

TEST_CASE("CsvCell neutralises what a spreadsheet would run as a formula (OWASP)") {
  struct Case {
    std::string in;
    std::string out;
  };
  const Case cases[] = {
      // Formulas and their triggers: a single quote first, then quoted if need be.
      {"=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""},
      {"=1+1", "'=1+1"},
      {"+1+1", "'+1+1"},
      {"-1+1", "'-1+1"},
      {"@SUM(A1:A9)", "'@SUM(A1:A9)"},
      {"\t=1", "'\t=1"},
      {"\r=1", "\"'\r=1\""},
      {"-", "'-"},
      {"+", "'+"},
      {"=", "'="},
      {"-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"},
      {"+84 912 345 678", "'+84 912 345 678"},
      {"-1.", "'-1."},
      {"-.5", "'-.5"},
      {"-1e5", "'-1e5"},
      {"- 12", "'- 12"},
      // Plain numbers stay numbers, negative ones too.
      {"-12", "-12"},
      {"-12.50", "-12.50"},
      {"+3.5", "+3.5"},
      {"1500000", "1500000"},
      {"0.25", "0.25"},
      // Formula characters elsewhere than first are harmless.
      {"Hội thảo = hội nghị", "Hội thảo = hội nghị"},
      {"ILO - Tổ chức Lao động", "ILO - Tổ chức Lao động"},
      {"a@b.vn", "a@b.vn"},
      // RFC 4180 quoting.
      {"Hà Nội, Việt Nam", "\"Hà Nội, Việt Nam\""},
      {"say \"hi\"", "\"say \"\"hi\"\"\""},
      {"two\nlines", "\"two\nlines\""},
      {"", ""},
      {" =1", " =1"},  // a leading space is not a trigger
  };
  for (const Case& c : cases) {
    INFO(c.in);
    CHECK(CsvCell(c.in) == c.out);
  }
}

TEST_CASE("CsvRow joins cells with commas and ends the line with CRLF") {
  CHECK(CsvRow({"ĐR-2026-0001", "=cmd", "-5", "a,b"}) == "ĐR-2026-0001,'=cmd,-5,\"a,b\"\r\n");
  CHECK(CsvRow({}) == "\r\n");
}
