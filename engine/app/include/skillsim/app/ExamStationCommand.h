#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>

namespace CLI {
class App;
} // namespace CLI

namespace skillsim::app {

/** Options of `skillsim station register|list|revoke|key`. */
struct StationOptions {
  std::string action;  ///< "register", "list", "revoke" or "key".
  std::string db;      ///< Results store; empty = records::defaultStorePath().
  std::string key;     ///< register: the station's public key, 64 hex digits.
  std::string keyFile; ///< register: a file holding it (what `station key` prints).
  std::string name;    ///< register: the station's name, e.g. "bay 3 left".
  std::string by;      ///< register, revoke: the person doing it.
  std::int64_t id = 0; ///< revoke: the station's id from `list`.
  std::string keyDir;  ///< key: folder of the workstation key; empty = the user's config.
};

/** Options of `skillsim session open|close|list`. */
struct SessionOptions {
  std::string action;      ///< "open", "close" or "list".
  std::string db;          ///< Results store; empty = records::defaultStorePath().
  std::string invigilator; ///< open: the invigilator's id.
  std::string id;          ///< close: the session id `open` printed.
};

/** Adds the `station` subcommand and its actions to `cli`, filling `options`. */
CLI::App* addStationCommand(CLI::App& cli, StationOptions& options);
/** Adds the `session` subcommand and its actions to `cli`, filling `options`. */
CLI::App* addSessionCommand(CLI::App& cli, SessionOptions& options);

/**
 * `skillsim station` (issue 13, point 13): the centre's exam stations in the results store.
 * - `register --key HEX|--key-file F --name NAME --by PERSON`: registers a workstation's public
 *   key (from `skillsim station key` on that workstation) and prints its id.
 * - `list`: every station, id, name, key id, who registered it and when, and whether and by whom
 *   it was revoked (revocation keeps the row).
 * - `revoke ID --by PERSON`: revokes it now; attempts it signs from now on do not count.
 * - `key [--key-dir D]`: prints this workstation's public key (64 hex digits), creating the key
 *   when there is none.
 * Returns kExitOk, kExitUsage for bad options (a malformed key), kExitFailure for store errors.
 */
int runStation(const StationOptions& options, std::ostream& out, std::ostream& err);

/**
 * `skillsim session` (issue 13, point 13): invigilated exam sessions in the results store.
 * - `open --invigilator ID`: opens a session now and prints its id (the first word of the line);
 *   exam attempts taken with `skillsim run --mode exam --exam-session ID` carry it.
 * - `close ID`: closes it now; attempts begun later are not counted in it.
 * - `list`: every session with its invigilator, opening and closing times.
 */
int runSession(const SessionOptions& options, std::ostream& out, std::ostream& err);

} // namespace skillsim::app
