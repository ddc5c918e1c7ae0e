// Package pgtest starts one throwaway PostgreSQL server per test binary and
// hands each test a fresh, empty database on it.
//
// The server is found in /usr/lib/postgresql/<version>/bin (highest version)
// or on PATH, initialised with initdb into a temporary folder, listens only
// on 127.0.0.1 on a free port and keeps its unix socket inside that folder.
// When the tests run as root the server runs as the unprivileged user
// "nobody", since PostgreSQL refuses to run as root.
//
// A package using it calls pgtest.Main from its TestMain, so the server is
// stopped and its folder removed after the tests:
//
//	func TestMain(m *testing.M) { pgtest.Main(m) }
//
// When no PostgreSQL binaries are found, Start skips the test, unless
// MOTCUA_REQUIRE_PG=1 is set: then it fails.
package pgtest
