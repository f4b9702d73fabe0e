#include "skillsim/ui/DeductionText.h"

namespace skillsim::ui {

core::Expected<messages::MessageTemplates> messageTemplates(const I18n& text) {
  const std::string tag(languageTag(text.language()));
  return messages::MessageTemplates::fromEntries(text.entries(), "assets/i18n/" + tag + ".toml",
                                                 tag);
}

} // namespace skillsim::ui
