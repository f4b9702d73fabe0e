#pragma once
// The standard and scenario texts several scenario tests start from (ScenarioLoaderTest,
// ScenarioCourseTest): a small crane course with every criterion kind; each test edits a copy.
#include <string>

namespace skillsim::scenario::test {

inline const std::string kStandard = R"(format = "skillsim.standard/1"
id = "test-std"
version = "1"
title_zh = "测试"
title_en = "Test"
trade = "overhead_crane"
pass_mark = 70

[[items]]
id = "lift"
clause = "1"
category = "quality"
points = 60
description_zh = "吊运"
description_en = "Lift"

[[items]]
id = "safety"
clause = "2"
category = "safety"
points = 40
description_zh = "安全"
description_en = "Safety"

[[items]]
id = "veto_drop"
clause = "3"
category = "safety"
points = 0
veto = true
description_zh = "坠落"
description_en = "Drop"
)";

inline const std::string kScenario = R"(format = "skillsim.scenario/1"
id = "crane.test"
version = "1"
title_zh = "测试"
title_en = "Test"
trade = "overhead_crane"
standard = "test-std"

[simulation]
tick_rate = 120
seed = 42

[attempt]
time_limit_s = 300
end = { event = "horn", after = "setdown" }

[crane]
runway_length = 20.0
span = 10.0
lift_height = 8.0
rated_load = 2000
max_rope_length = 7.0
hoist = { notches = 4, max_speed = 0.3 }

[[bodies]]
name = "crate"
tags = ["load"]
shape = "box"
size = [1.0, 0.5, 1.0]
mass = 300
position = [2.0, 0.25, 3.0]
rotation_deg = [0, 90, 0]
lifting_lug = [0, 0.4, 0]

[[bodies]]
name = "pole"
tags = ["pile"]
shape = "cylinder"
size = [0.3, 2.0, 0.3]
position = [6.0, 1.0, 3.0]

[[zones]]
name = "target"
center = [10.0, 0.0, 4.0]
radius = 0.8
watch_tags = ["load"]

[[cameras]]
name = "top"
kind = "fixed"
position = [10, 20, 5]
vertical_fov_deg = 90

[[phases]]
id = "setdown"
start = { event = "zone_enter", subject = "load", other = "target" }
end = { event = "contact_begin", subject = "load", other = "ground" }

[[rubric]]
id = "place"
item = "lift"
kind = "placement"
body = "crate"
zone = "target"
at = { event = "contact_begin", subject = "load", other = "ground", after = "setdown" }
full_within = 0.1
none_beyond = 0.5
points = 30

[[rubric]]
id = "swing"
item = "lift"
kind = "metric_band"
phase = "setdown"
metric = "load_swing_angle"
max_deg = 4.5
charge = "per_second"
points = 2

[[rubric]]
id = "poles"
item = "safety"
kind = "contact_count"
subject = "load"
other = "pile"
points = 5
max_points = 20

[[rubric]]
id = "drop"
item = "veto_drop"
kind = "veto"
event = { event = "load_dropped" }
)";

} // namespace skillsim::scenario::test
