#pragma once

#include "skillsim/ui/I18n.h"

#include <skillsim/core/Expected.h>
#include <skillsim/messages/MessageTemplates.h>

namespace skillsim::ui {

/**
 * The deduction message templates of a loaded UI string table (the same assets/i18n/<tag>.toml,
 * so the HUD, the results screen and the reports read one set of templates). Errors:
 * messages::MessageTemplates::fromEntries' (a missing template, named with the table's language).
 */
[[nodiscard]] core::Expected<messages::MessageTemplates> messageTemplates(const I18n& text);

} // namespace skillsim::ui
