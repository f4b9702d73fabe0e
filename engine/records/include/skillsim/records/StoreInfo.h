#pragma once

#include <string>

namespace skillsim::records {

/** Version of the linked SQLite library, e.g. "3.40.1" (sqlite3_libversion()). */
[[nodiscard]] std::string sqliteVersion();

/** Version of the linked libpq as "major.minor" (PQlibVersion()), e.g. "15.18". */
[[nodiscard]] std::string libpqVersion();

} // namespace skillsim::records
