#include <catch2/catch.hpp>

#include "attache/service/device_cookies.h"

using attache::service::DeviceCookies;

TEST_CASE("Device cookies: valid only for the account and the key that made them") {
  const std::string key(DeviceCookies::kKeySize, 'k');
  DeviceCookies cookies(key);
  std::string value = cookies.Issue("mai");
  auto device = cookies.Verify("mai", value);
  REQUIRE(device);
  CHECK(value.starts_with("v1." + *device + "."));
  CHECK(cookies.Issue("mai") != value);  // a new device id each time
  CHECK_FALSE(cookies.Verify("quang", value));                       // another account
  CHECK_FALSE(DeviceCookies(std::string(32, 'x')).Verify("mai", value));  // another key
  CHECK(DeviceCookies(key).Verify("mai", value) == device);          // the same key, restarted
  std::string altered = value;
  altered[4] = altered[4] == 'A' ? 'B' : 'A';  // the device id changed
  CHECK_FALSE(cookies.Verify("mai", altered));
  for (std::string bad : {std::string(), std::string("v1."), std::string("v1.abc"),
                          std::string("v2.") + value.substr(3), value + "x", value.substr(0, 10),
                          std::string(10'000, 'v')})
    CHECK_FALSE(cookies.Verify("mai", bad));
}

TEST_CASE("Device cookies: a name per account that does not show the account") {
  DeviceCookies cookies(std::string(32, 'k'));
  std::string name = cookies.NameFor("mai");
  CHECK(name.size() == 7 + 16);
  CHECK(name.starts_with("device_"));
  CHECK(name.find("mai") == std::string::npos);
  CHECK(cookies.NameFor("mai") == name);
  CHECK(cookies.NameFor("quang") != name);
  CHECK(DeviceCookies(std::string(32, 'z')).NameFor("mai") != name);
  // No key given: a random one, and cookies still work within the process.
  DeviceCookies random_key{std::string()};
  CHECK(random_key.Verify("mai", random_key.Issue("mai")));
}
