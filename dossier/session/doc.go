// Package session is one dossier being edited: a data file (CONTRACT.md) and the programme
// that judges it. The desktop UI calls it for every keystroke — Set stores what the user typed
// at a field path, Evaluate judges the file (cached until the next change), ProblemsFor gives
// the messages to show under a field — and reads Changes to know when to save.
//
// Field paths are the ones programme.Problem uses:
//
//	applied_on                         the application date (top level of the data file)
//	enterprise.credit_code             a field of the enterprise profile
//	enterprise.finance[2].rd_expense   a column of row 2 (0-based) of a table
//	category                           an answer of the programme
//
// The package also holds the use cases that span the session and the database (a
// records.Store): importing a data file (PlanImport) and naming what is stored
// (DossierTitle, PackageName). It never imports Fyne.
package session
