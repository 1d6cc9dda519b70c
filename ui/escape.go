package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// showEscapable shows d and lets Escape close it, as people expect of a desktop dialog (Fyne's
// dialogs do not handle the key). The window's own key handler is restored when d closes.
func showEscapable(d dialog.Dialog, win fyne.Window) {
	showClosingOnEscape(d, win, d.Hide)
}

// showClosingOnEscape shows d; Escape calls close (a file dialog's Dismiss, so that its
// callback hears "cancelled").
func showClosingOnEscape(d dialog.Dialog, win fyne.Window, close func()) {
	c := win.Canvas()
	previous := c.OnTypedKey()
	c.SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name == fyne.KeyEscape {
			close()
			return
		}
		if previous != nil {
			previous(k)
		}
	})
	d.SetOnClosed(func() { c.SetOnTypedKey(previous) })
	d.Show()
}
