//go:build !nofix

package main

import "dossier/cmd/dossier/internal/fynelocale"

func init() { restore = fynelocale.Restore }
