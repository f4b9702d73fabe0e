#include "skillsim/app/ExamStationCommand.h"

#include "skillsim/app/Cli.h"

#include <skillsim/records/ResultsStore.h>
#include <skillsim/records/TraceHeader.h>
#include <skillsim/records/UserDirs.h>
#include <skillsim/records/WorkstationKey.h>

#include <CLI/CLI.hpp>

#include <ctime>
#include <fstream>
#include <iterator>
#include <memory>
#include <ostream>

namespace skillsim::app {
namespace {

/** Registration, revocation and session times are records of when a person acted: the clock. */
std::int64_t nowUtc() { return static_cast<std::int64_t>(std::time(nullptr)); }

core::Expected<std::unique_ptr<records::ResultsStore>> openStore(const std::string& db) {
  return records::ResultsStore::open(db.empty() ? records::defaultStorePath().string() : db);
}

std::string describe(const records::ExamStation& s) {
  std::string line = std::to_string(s.id) + "  " + s.name + "  key " + records::keyId(s.publicKey) +
                     "  registered by " + s.registeredBy + " at " +
                     records::formatUtc(s.registeredUtc);
  if (s.revokedUtc) {
    line += "  REVOKED by " + s.revokedBy + " at " + records::formatUtc(*s.revokedUtc);
  } else {
    line += "  in service";
  }
  return line;
}

std::string describe(const records::ExamSession& s) {
  return s.id + "  invigilator " + s.invigilatorId + "  opened " + records::formatUtc(s.openedUtc) +
         (s.closedUtc ? "  closed " + records::formatUtc(*s.closedUtc) : std::string("  open"));
}

int station(const StationOptions& o, std::ostream& out, std::ostream& err) {
  auto fail = [&](const core::Error& e) {
    err << "skillsim station " << o.action << ": " << e.toString() << '\n';
    return kExitFailure;
  };
  if (o.action == "key") {
    auto key = records::WorkstationKey::loadOrCreate(
        o.keyDir.empty() ? records::defaultConfigDir() : std::filesystem::path(o.keyDir));
    if (!key) {
      return fail(key.error());
    }
    out << records::publicKeyHex(key->publicKey()) << '\n';
    return kExitOk;
  }
  std::optional<records::PublicKey> key;
  if (o.action == "register") {
    if (o.key.empty() == o.keyFile.empty()) {
      err << "skillsim station register: give the station's public key with --key HEX or "
             "--key-file FILE (one of them; 'skillsim station key' prints it on the station)\n";
      return kExitUsage;
    }
    std::string text = o.key;
    if (!o.keyFile.empty()) {
      std::ifstream in(o.keyFile, std::ios::binary);
      if (!in) {
        err << "skillsim station register: " << o.keyFile << ": cannot read the key file\n";
        return kExitFailure;
      }
      text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    key = records::parsePublicKey(text);
    if (!key) {
      err << "skillsim station register: " << (o.keyFile.empty() ? "--key" : o.keyFile + ":")
          << " is not a public key: expected 64 hex digits (an Ed25519 key, as 'skillsim "
             "station key' prints it)\n";
      return kExitUsage;
    }
  }
  auto store = openStore(o.db);
  if (!store) {
    return fail(store.error());
  }
  if (o.action == "register") {
    auto s = (*store)->registerStation(*key, o.name, o.by, nowUtc());
    if (!s) {
      return fail(s.error());
    }
    out << "registered exam station " << s->id << " '" << s->name << "' (key "
        << records::keyId(s->publicKey) << ") by " << s->registeredBy << " at "
        << records::formatUtc(s->registeredUtc) << '\n';
    return kExitOk;
  }
  if (o.action == "revoke") {
    auto s = (*store)->revokeStation(o.id, o.by, nowUtc());
    if (!s) {
      return fail(s.error());
    }
    out << "revoked exam station " << s->id << " '" << s->name << "' by " << s->revokedBy << " at "
        << records::formatUtc(*s->revokedUtc)
        << ": exam attempts it signs from now on do not count\n";
    return kExitOk;
  }
  auto all = (*store)->stations();
  if (!all) {
    return fail(all.error());
  }
  if (all->empty()) {
    out << "no exam stations registered in this store\n";
  }
  for (const records::ExamStation& s : *all) {
    out << describe(s) << '\n';
  }
  return kExitOk;
}

int session(const SessionOptions& o, std::ostream& out, std::ostream& err) {
  auto fail = [&](const core::Error& e) {
    err << "skillsim session " << o.action << ": " << e.toString() << '\n';
    return kExitFailure;
  };
  auto store = openStore(o.db);
  if (!store) {
    return fail(store.error());
  }
  if (o.action == "open") {
    auto s = (*store)->openSession(o.invigilator, nowUtc());
    if (!s) {
      return fail(s.error());
    }
    out << s->id << "  exam session opened by invigilator " << s->invigilatorId << " at "
        << records::formatUtc(s->openedUtc) << "; take exam attempts with 'skillsim run --mode "
        << "exam --exam-session " << s->id << "', or from a course: enter " << s->id
        << " beside Start exam ('skillsim course open ... --exam-session " << s->id << "')\n";
    return kExitOk;
  }
  if (o.action == "close") {
    auto s = (*store)->closeSession(o.id, nowUtc());
    if (!s) {
      return fail(s.error());
    }
    out << "closed exam session " << s->id << " at " << records::formatUtc(*s->closedUtc)
        << " (opened " << records::formatUtc(s->openedUtc) << " by " << s->invigilatorId << ")\n";
    return kExitOk;
  }
  auto all = (*store)->sessions();
  if (!all) {
    return fail(all.error());
  }
  if (all->empty()) {
    out << "no exam sessions in this store\n";
  }
  for (const records::ExamSession& s : *all) {
    out << describe(s) << '\n';
  }
  return kExitOk;
}

} // namespace

CLI::App* addStationCommand(CLI::App& cli, StationOptions& o) {
  CLI::App* cmd = cli.add_subcommand(
      "station", "The centre's exam stations: register, list or revoke their public keys");
  cmd->require_subcommand(1);
  auto db = [&o](CLI::App* c) {
    c->add_option("--db", o.db, "Results store: SQLite file or postgresql:// URL");
  };
  CLI::App* reg = cmd->add_subcommand("register", "Register an exam station's public key");
  reg->add_option("--key", o.key, "The station's public key (64 hex digits)");
  reg->add_option("--key-file", o.keyFile, "A file holding the station's public key");
  reg->add_option("--name", o.name, "The station's name")->required();
  reg->add_option("--by", o.by, "Who registers it")->required();
  db(reg);
  reg->callback([&o] { o.action = "register"; });
  CLI::App* list = cmd->add_subcommand("list", "List the exam stations, revoked ones included");
  db(list);
  list->callback([&o] { o.action = "list"; });
  CLI::App* revoke = cmd->add_subcommand("revoke", "Revoke an exam station (history is kept)");
  revoke->add_option("id", o.id, "The station's id (from 'station list')")->required();
  revoke->add_option("--by", o.by, "Who revokes it")->required();
  db(revoke);
  revoke->callback([&o] { o.action = "revoke"; });
  CLI::App* key = cmd->add_subcommand("key", "Print this workstation's public key");
  key->add_option("--key-dir", o.keyDir,
                  "Folder of the workstation key (default: the user's config)");
  key->callback([&o] { o.action = "key"; });
  return cmd;
}

CLI::App* addSessionCommand(CLI::App& cli, SessionOptions& o) {
  CLI::App* cmd =
      cli.add_subcommand("session", "Invigilated exam sessions: open, close or list them");
  cmd->require_subcommand(1);
  auto db = [&o](CLI::App* c) {
    c->add_option("--db", o.db, "Results store: SQLite file or postgresql:// URL");
  };
  CLI::App* open = cmd->add_subcommand("open", "Open an exam session now; prints its id");
  open->add_option("--invigilator", o.invigilator, "The invigilator's id")->required();
  db(open);
  open->callback([&o] { o.action = "open"; });
  CLI::App* close = cmd->add_subcommand("close", "Close an exam session now");
  close->add_option("id", o.id, "The session id")->required();
  db(close);
  close->callback([&o] { o.action = "close"; });
  CLI::App* list = cmd->add_subcommand("list", "List the exam sessions");
  db(list);
  list->callback([&o] { o.action = "list"; });
  return cmd;
}

int runStation(const StationOptions& options, std::ostream& out, std::ostream& err) {
  try {
    return station(options, out, err);
  } catch (const std::exception& e) {
    err << "skillsim station: internal error: " << e.what() << '\n';
    return kExitFailure;
  }
}

int runSession(const SessionOptions& options, std::ostream& out, std::ostream& err) {
  try {
    return session(options, out, err);
  } catch (const std::exception& e) {
    err << "skillsim session: internal error: " << e.what() << '\n';
    return kExitFailure;
  }
}

} // namespace skillsim::app
