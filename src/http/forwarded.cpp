#include "attache/http/forwarded.h"

#include <algorithm>
#include <boost/asio/ip/address.hpp>

namespace attache::http {
namespace {

bool Trusted(const std::string& address, const std::vector<std::string>& trusted) {
  return !address.empty() && std::find(trusted.begin(), trusted.end(), address) != trusted.end();
}

// Every value of `name`, joined as one comma-separated list in arrival order.
std::vector<std::string_view> ListOf(const Headers& headers, std::string_view name) {
  std::vector<std::string_view> items;
  for (const auto& [field, value] : headers.fields()) {
    if (!EqualsIgnoreCase(field, name)) continue;
    std::string_view rest = value;
    while (true) {
      size_t comma = rest.find(',');
      items.push_back(TrimOws(rest.substr(0, comma)));
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  return items;
}

}  // namespace

std::string CanonicalAddress(std::string_view text) {
  text = TrimOws(text);
  if (text.starts_with('[')) {  // "[v6]" or "[v6]:port"
    size_t close = text.find(']');
    if (close == std::string_view::npos) return {};
    text = text.substr(1, close - 1);
  } else if (std::count(text.begin(), text.end(), ':') == 1) {  // "v4:port"
    text = text.substr(0, text.find(':'));
  }
  boost::system::error_code ec;
  auto address = boost::asio::ip::make_address(std::string(text), ec);
  if (ec) return {};
  if (address.is_v6() && address.to_v6().is_v4_mapped())
    return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, address.to_v6()).to_string();
  return address.to_string();
}

Client ResolveClient(std::string_view peer, const Headers& headers,
                     const std::vector<std::string>& trusted_proxies) {
  Client client{CanonicalAddress(peer), false};
  if (client.address.empty()) client.address = std::string(peer);
  if (!Trusted(client.address, trusted_proxies)) return client;
  std::vector<std::string_view> forwarded = ListOf(headers, "X-Forwarded-For");
  for (auto it = forwarded.rbegin(); it != forwarded.rend(); ++it) {
    std::string address = CanonicalAddress(*it);
    if (address.empty()) break;
    client.address = address;
    if (!Trusted(address, trusted_proxies)) break;
  }
  std::vector<std::string_view> proto = ListOf(headers, "X-Forwarded-Proto");
  client.https = !proto.empty() && EqualsIgnoreCase(proto.back(), "https");
  return client;
}

}  // namespace attache::http
