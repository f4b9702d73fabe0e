#include "skillsim/records/ResultsStore.h"

#include "SqlResultsStore.h"

#include "skillsim/records/SqlConnection.h"

namespace skillsim::records {

bool ResultsStore::isPostgresUrl(std::string_view location) {
  return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

core::Expected<std::unique_ptr<ResultsStore>> ResultsStore::open(const std::string& location,
                                                                 const StoreOptions& options) {
  auto connection = openSqlConnection(location, options);
  if (!connection) {
    return std::move(connection).error();
  }
  auto store = SqlResultsStore::create(std::move(*connection), options);
  if (!store) {
    return std::move(store).error();
  }
  return std::unique_ptr<ResultsStore>(std::move(*store));
}

} // namespace skillsim::records
