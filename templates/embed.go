// Package templates embeds the programme templates (one YAML file per programme, with an
// optional <id>.demo.json beside it). templates/README.md documents the format.
package templates

import "embed"

// FS holds every template and demo data file shipped in the binary.
//
//go:embed *.yaml *.demo.json
var FS embed.FS
