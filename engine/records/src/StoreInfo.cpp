#include "skillsim/records/StoreInfo.h"

#include <libpq-fe.h>
#include <sqlite3.h>

namespace skillsim::records {

std::string sqliteVersion() { return sqlite3_libversion(); }

std::string libpqVersion() {
  const int v = PQlibVersion(); // e.g. 150018
  return std::to_string(v / 10000) + '.' + std::to_string(v % 10000);
}

} // namespace skillsim::records
