#include "skillsim/records/ResultsStore.h"

#include "PgConnection.h"
#include "SqlResultsStore.h"
#include "SqliteConnection.h"

namespace skillsim::records {

bool ResultsStore::isPostgresUrl(std::string_view location) {
  return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

core::Expected<std::unique_ptr<ResultsStore>> ResultsStore::open(const std::string& location,
                                                                 const StoreOptions& options) {
  std::unique_ptr<SqlConnection> connection;
  if (isPostgresUrl(location)) {
    auto pg = PgConnection::open(location, options);
    if (!pg) {
      return std::move(pg).error();
    }
    connection = std::move(*pg);
  } else {
    if (location.empty()) {
      return core::makeError(core::ErrorCode::InvalidInput,
                             "no results store given: pass a file path or a postgresql:// URL");
    }
    auto lite = SqliteConnection::open(location, options);
    if (!lite) {
      return std::move(lite).error();
    }
    connection = std::move(*lite);
  }
  auto store = SqlResultsStore::create(std::move(connection), options);
  if (!store) {
    return std::move(store).error();
  }
  return std::unique_ptr<ResultsStore>(std::move(*store));
}

} // namespace skillsim::records
