//go:build windows

package fsafe

import "errors"

func mkfifo(string) error { return errors.New("no FIFOs on Windows") }
