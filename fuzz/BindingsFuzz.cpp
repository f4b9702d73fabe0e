// libFuzzer target for input bindings files (issue 20 point 8): parseBindings must return the
// bindings or an error naming the file, for any bytes, against a real machine's controls (the
// crane's) and against a machine with a single control.
#include <skillsim/core/Controls.h>
#include <skillsim/platform/Bindings.h>
#include <skillsim/sim/Machine.h>
#include <skillsim/sim/machines/overhead_crane/OverheadCraneSpec.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const skillsim::sim::MachineDecl crane =
      skillsim::sim::overheadCraneType()->describe(skillsim::sim::OverheadCraneSpec{});
  static const skillsim::core::ControlLayout single({skillsim::core::ControlDecl{
      "throttle", "油门", "Throttle", skillsim::core::ControlKind::Continuous, 0, {}}});
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const skillsim::core::ControlLayout* layout : {&crane.controls, &single}) {
    auto bindings = skillsim::platform::parseBindings(text, "fuzz-bindings.toml", *layout);
    if (!bindings && bindings.error().toString().find("fuzz-bindings.toml") == std::string::npos) {
      std::abort(); // an error that does not name the file
    }
  }
  return 0;
}
