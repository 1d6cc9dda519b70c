package main

import "runtime/debug"

// version is set at release time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

// commit is the source revision, set with -ldflags "-X main.commit=…" where the build has no
// version-control stamp (go build -buildvcs=false, or a source tree without .git).
var commit = ""

// versionString is the version the manifest's generator and `dossier --version` name:
// "0.1.0-dev", with the commit where it is known ("0.1.0-dev+1a2b3c4d5e6f", "+…-modified"
// when built from a tree with uncommitted changes).
func versionString() string {
	rev, modified := commit, false
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value[:min(12, len(s.Value))]
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	if rev == "" {
		return version
	}
	v := version + "+" + rev
	if modified {
		v += "-modified"
	}
	return v
}
