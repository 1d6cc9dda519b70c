package assets

import _ "embed" // for the icon

// Icon is the application icon (512×512 PNG: a white document with a tick on a blue rounded
// square), drawn by icons/gen.go. cmd/dossier/Icon.png is the same file, for `fyne package`.
//
//go:embed icons/Icon.png
var Icon []byte
