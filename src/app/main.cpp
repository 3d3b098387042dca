#include <string>
#include <vector>

#include "attache/app/cli.h"

int main(int argc, char** argv) {
  return attache::app::Main(std::vector<std::string>(argv + 1, argv + argc));
}
