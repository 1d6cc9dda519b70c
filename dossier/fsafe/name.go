package fsafe

import "strings"

// SafeName makes user text (an enterprise's or a project's name) usable as a file or folder
// name: each character no file system takes in a name — / \ : * ? " < > | and the control
// characters — becomes '_'.
func SafeName(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < 0x20 {
			return '_'
		}
		return r
	}, s)
}
