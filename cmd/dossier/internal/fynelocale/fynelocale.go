// Package fynelocale keeps Fyne's translations from reading a locale they cannot parse.
//
// Fyne's lang package reads the user's locale when it is initialised, as a side effect of being
// linked into the binary (the desktop build links it, whatever the subcommand). Under LANG=C.UTF-8,
// Debian's default in containers and CI, it logs "Fyne error: Error parsing user locale C" on every
// run, and with LANG=C, POSIX or no locale at all Fyne's own dialogs fall back to English.
//
// This package is initialised before Fyne's: Go initialises packages in the order of their import
// paths among those whose imports are ready (Go 1.21 and later), and "dossier/…" sorts before
// "fyne.io/…" while importing nothing Fyne needs first. Its init replaces such a locale by
// zh_CN.UTF-8, the language of the application, so Fyne reads a locale it understands. The
// command line calls Restore before any work, so its subcommands, and any program they start,
// see the environment the user set; the desktop application keeps the Chinese locale.
package fynelocale

import (
	"os"
	"runtime"
	"strings"

	"golang.org/x/text/language"
)

// Chinese is the locale given to Fyne when the system's is missing or not a language.
const Chinese = "zh_CN.UTF-8"

// setting is one environment variable as the user had it.
type setting struct {
	name, value string
	set         bool
}

// saved holds what init changed, for Restore.
var saved []setting

func init() { saved = apply(os.LookupEnv, os.Setenv) }

// localeVars are read in this order by Fyne's locale lookup (github.com/jeandeaual/go-locale):
// the first that is set and not empty decides; unless it is C or POSIX, a non-empty LANGUAGE
// (a list separated by colons) then takes its place.
var localeVars = [...]string{"LC_ALL", "LC_MESSAGES", "LANG"}

// apply sets the locale Fyne will read to Chinese when the one it would read is missing or
// cannot be parsed, and returns the variables as they were.
func apply(lookup func(string) (string, bool), set func(string, string) error) []setting {
	switch runtime.GOOS {
	case "windows", "darwin", "ios", "android", "js":
		return nil // the locale comes from the system's settings there, not the environment
	}
	var changed []setting
	for range 3 { // replacing LC_ALL can bring LANGUAGE into play; then that is looked at
		name := readBy(lookup)
		v, ok := lookup(name)
		if parseableList(v) {
			break
		}
		changed = append(changed, setting{name, v, ok})
		_ = set(name, Chinese)
	}
	return changed
}

// readBy names the variable Fyne's locale lookup takes the locale from.
func readBy(lookup func(string) (string, bool)) string {
	for _, name := range localeVars {
		if v, _ := lookup(name); v != "" {
			if v != "C" && v != "POSIX" {
				if l, _ := lookup("LANGUAGE"); l != "" {
					return "LANGUAGE"
				}
			}
			return name
		}
	}
	return "LANG"
}

// parseableList reports whether every entry of a colon-separated list of locales is Parseable.
func parseableList(v string) bool {
	for _, l := range strings.Split(v, ":") {
		if !Parseable(l) {
			return false
		}
	}
	return true
}

// Parseable reports whether Fyne can read a language from the locale value v, as
// "zh_CN.UTF-8" or "de"; "C", "C.UTF-8" and "POSIX" name no language. It reads the value as
// Fyne's lookup does: the codeset is cut off, the rest is language_territory.
func Parseable(v string) bool {
	v, _, _ = strings.Cut(v, ".")
	lang, territory, _ := strings.Cut(strings.ReplaceAll(v, "-", "_"), "_")
	if lang == "" || lang == "C" || lang == "POSIX" {
		return false
	}
	tag := lang
	if territory != "" {
		tag += "-" + territory
	}
	_, err := language.Parse(tag)
	return err == nil
}

// Restore puts back the locale variables init changed. The command line calls it; Fyne has
// read its locale by then.
func Restore() {
	for _, s := range saved {
		if s.set {
			os.Setenv(s.name, s.value)
		} else {
			os.Unsetenv(s.name)
		}
	}
}

// Apply gives Fyne the Chinese locale again after Restore (the desktop application: Fyne looks
// the locale up again when it starts).
func Apply() {
	if len(saved) > 0 {
		saved = apply(os.LookupEnv, os.Setenv)
	}
}
