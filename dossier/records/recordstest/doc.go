// Package recordstest holds test support for the records.Store interface: MemStore, an
// in-memory fake that tests of the session and the UI run against. Production code never
// imports it (the application always runs on dossier/store).
package recordstest
