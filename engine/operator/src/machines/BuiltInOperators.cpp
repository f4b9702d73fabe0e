// The one list of shipped operators: each machine folder under machines/ registers its own here.
#include "machines/overhead_crane/CraneOperator.h"

#include "skillsim/operator/OperatorRegistry.h"

namespace skillsim::op {

OperatorRegistry OperatorRegistry::builtIn() {
  OperatorRegistry registry;
  registerOverheadCraneOperators(registry);
  return registry;
}

} // namespace skillsim::op
