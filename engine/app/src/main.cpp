#include "skillsim/app/Cli.h"

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  // `skillsim` alone on a display is the trainee's start screen (issue 7, point 3).
  if (args.empty() && std::getenv("DISPLAY") != nullptr && std::getenv("DISPLAY")[0] != '\0') {
    args = {"run"};
  }
  return skillsim::app::runCli(args, std::cout, std::cerr);
}
