#include "skillsim/app/QueueCommand.h"

#include "skillsim/app/Cli.h"

#include <skillsim/records/PendingQueue.h>
#include <skillsim/records/ResultsStore.h>
#include <skillsim/records/UserDirs.h>

#include <CLI/CLI.hpp>

#include <ctime>
#include <istream>
#include <map>
#include <ostream>
#include <set>

namespace skillsim::app {
namespace {

std::string utc(std::int64_t seconds) {
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S UTC", &tm);
  return buffer;
}

std::string describe(const records::QueuedAttempt& e) {
  if (!e.record) {
    return "unreadable: " + e.problem;
  }
  const records::AttemptRecord& r = *e.record;
  return "attempt " + r.attemptId.substr(0, 16) + " trainee '" + r.traineeId + "' scenario '" +
         r.scenario.id + "' " + std::string(records::toString(r.mode)) + ", started " +
         utc(r.startUtc) + " -> " +
         (e.store.empty() ? std::string("no store recorded (queued by an older build)") : e.store);
}

int list(const records::PendingQueue& queue, std::ostream& out) {
  const auto entries = queue.entries();
  if (entries.empty()) {
    out << "the queue is empty (" << queue.dir().string() << ")\n";
    return kExitOk;
  }
  out << entries.size() << " queued attempt" << (entries.size() == 1 ? "" : "s") << " in "
      << queue.dir().string() << ":\n";
  for (std::size_t i = 0; i < entries.size(); ++i) {
    out << "  " << i + 1 << ". " << describe(entries[i]) << '\n';
  }
  return kExitOk;
}

int flush(records::PendingQueue& queue, const QueueOptions& o, std::ostream& out,
          std::ostream& err) {
  if (o.includeUnbound && o.db.empty()) {
    err << "skillsim queue flush: --include-unbound needs --db: name the store those attempts "
           "were meant for\n";
    return kExitUsage;
  }
  // Each store once, opened at its recorded key (or at --db, which may carry the password).
  std::map<std::string, std::string> stores; // key -> location to open
  if (!o.db.empty()) {
    stores[records::storeKey(o.db)] = o.db;
  } else {
    for (const auto& e : queue.entries()) {
      if (e.record && !e.store.empty()) {
        stores.emplace(e.store, e.store);
      }
    }
  }
  int status = kExitOk;
  std::size_t written = 0;
  for (const auto& [key, location] : stores) {
    auto store = records::ResultsStore::open(location);
    if (!store) {
      err << key << ": still unavailable, its attempts stay queued: " << store.error().toString()
          << '\n';
      status = kExitFailure;
      continue;
    }
    auto report = queue.flush(**store, location, o.includeUnbound);
    if (!report) {
      err << key << ": " << report.error().toString() << "; the rest stay queued\n";
      status = kExitFailure;
      continue;
    }
    written += report->written;
    out << key << ": " << report->written << " written, " << report->duplicate
        << " already there\n";
    for (const std::string& why : report->rejected) {
      err << "set aside (renamed .rejected): " << why << '\n';
      status = kExitFailure;
    }
  }
  const std::size_t left = queue.pending().size();
  out << written << " attempt" << (written == 1 ? "" : "s") << " written; " << left
      << " still queued\n";
  return status;
}

int drop(records::PendingQueue& queue, const QueueOptions& o, std::ostream& out,
         std::ostream& err) {
  const auto entries = queue.entries();
  std::set<std::size_t> chosen;
  for (const std::string& want : o.entries) {
    bool found = false;
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const bool byNumber = want == std::to_string(i + 1);
      const bool byId = entries[i].record && entries[i].record->attemptId == want;
      const bool byFile =
          entries[i].file.filename().string() == want || entries[i].file.string() == want;
      if (byNumber || byId || byFile) {
        chosen.insert(i);
        found = true;
      }
    }
    if (!found) {
      err << "skillsim queue drop: no queued attempt '" << want
          << "'; give a number, attempt id or file name from 'skillsim queue list'\n";
      return kExitUsage;
    }
  }
  out << "to drop (they will reach no results store):\n";
  for (std::size_t i : chosen) {
    out << "  " << i + 1 << ". " << describe(entries[i]) << '\n';
  }
  if (!o.yes) {
    if (o.confirmation == nullptr) {
      err << "skillsim queue drop: refusing to drop " << chosen.size()
          << " queued attempt(s) without confirmation: there is no terminal to ask on; pass "
             "--yes to drop them\n";
      return kExitUsage;
    }
    out << "Drop " << chosen.size() << " queued attempt(s)? [y/N] " << std::flush;
    std::string answer;
    std::getline(*o.confirmation, answer);
    if (answer != "y" && answer != "Y" && answer != "yes") {
      out << "nothing dropped\n";
      return kExitOk;
    }
  }
  int status = kExitOk;
  for (std::size_t i : chosen) {
    if (auto ok = queue.drop(entries[i].file); !ok) {
      err << ok.error().toString() << '\n';
      status = kExitFailure;
    } else {
      out << "dropped " << entries[i].file.filename().string() << '\n';
    }
  }
  return status;
}

} // namespace

CLI::App* addQueueCommand(CLI::App& cli, QueueOptions& options) {
  CLI::App* cmd = cli.add_subcommand(
      "queue", "Attempts waiting for their results store (it was down): list, flush, drop");
  cmd->require_subcommand(1);
  cmd->add_option("--queue-dir", options.queueDir,
                  "The queue folder (default: the user's data folder's queue/)");
  CLI::App* listCmd = cmd->add_subcommand("list", "Each queued attempt and the store it is for");
  listCmd->callback([&options] { options.action = "list"; });
  CLI::App* flushCmd = cmd->add_subcommand(
      "flush", "Write each queued attempt to its own store, when that store answers");
  flushCmd->add_option("--db", options.db,
                       "Only the attempts for this store (SQLite file or postgresql:// URL)");
  flushCmd->add_flag("--include-unbound", options.includeUnbound,
                     "With --db: also attempts queued by older builds, which record no store");
  flushCmd->callback([&options] { options.action = "flush"; });
  CLI::App* dropCmd = cmd->add_subcommand(
      "drop", "Remove queued attempts (asks first on a terminal; --yes without one)");
  dropCmd
      ->add_option("entries", options.entries,
                   "Numbers from 'queue list', attempt ids or file "
                   "names")
      ->required();
  dropCmd->add_flag("-y,--yes", options.yes, "Drop without asking");
  dropCmd->callback([&options] { options.action = "drop"; });
  return cmd;
}

int runQueue(const QueueOptions& options, std::ostream& out, std::ostream& err) {
  records::PendingQueue queue(options.queueDir.empty() ? records::defaultQueueDir()
                                                       : std::filesystem::path(options.queueDir));
  try {
    if (options.action == "list") {
      return list(queue, out);
    }
    if (options.action == "flush") {
      return flush(queue, options, out, err);
    }
    if (options.action == "drop") {
      return drop(queue, options, out, err);
    }
  } catch (const std::exception& e) {
    err << "skillsim queue: internal error: " << e.what() << '\n';
    return kExitFailure;
  }
  err << "skillsim queue: give list, flush or drop\n";
  return kExitUsage;
}

} // namespace skillsim::app
