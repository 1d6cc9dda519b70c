// Command probe links Fyne's translations the way the desktop build does, then prints the
// language Fyne chose and the LANG the rest of the program sees (fynelocale_test.go runs it).
package main

import (
	"fmt"
	"os"

	"fyne.io/fyne/v2/lang"
)

// restore is fynelocale.Restore, unless built with -tags nofix (the control: Fyne alone).
var restore = func() {}

func main() {
	restore()
	fmt.Printf("fyne=%s LANG=%s\n", lang.L("Cancel"), os.Getenv("LANG"))
}
