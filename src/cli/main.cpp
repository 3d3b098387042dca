#include <string>
#include <vector>

#include "attache/cli/cli.h"

int main(int argc, char** argv) {
  return attache::cli::Main(std::vector<std::string>(argv + 1, argv + argc));
}
