#include <skillsim/records/StoreInfo.h>

#include <sqlite3.h>

#include <gtest/gtest.h>

TEST(StoreInfo, ReportsLinkedLibraryVersions) {
  EXPECT_EQ(skillsim::records::sqliteVersion(), SQLITE_VERSION);
  const std::string pq = skillsim::records::libpqVersion();
  ASSERT_NE(pq.find('.'), std::string::npos) << pq;
  EXPECT_GE(std::stoi(pq.substr(0, pq.find('.'))), 10) << pq; // libpq 10 or later
}
