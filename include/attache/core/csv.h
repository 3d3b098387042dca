// CSV for spreadsheets (RFC 4180): the one writer of every export's cells, so that no cell of
// ours is run as a formula when the file is opened (CSV injection, OWASP).
//  - A cell that starts with '=', '+', '-', '@', a tab or a carriage return is prefixed with a
//    single quote ('), which spreadsheets show as text and do not evaluate; a cell that is
//    only a decimal number ("-12", "+3.5", "1500000") is left as it is, so negative amounts
//    stay numbers a spreadsheet can add up.
//  - A cell holding a comma, a double quote, a line feed or a carriage return (after the
//    prefix) is quoted, its quotes doubled.
// Thread-safety: pure functions.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace attache {

// One cell, neutralised and quoted as above.
std::string CsvCell(std::string_view text);

// Cells joined with commas, each through CsvCell, ended with CRLF.
std::string CsvRow(std::initializer_list<std::string_view> cells);

}  // namespace attache
