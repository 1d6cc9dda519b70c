package main

// startGUI opens the desktop application with the embedded templates and the user's template
// folder (templatesDir, from --templates; "" = the folder chosen on the 模板 page, if any) and,
// if given, a data file to open. It is nil in builds without the GUI (the ci tag), where
// `dossier` with no arguments prints the help.
var startGUI func(templatesDir, file string) error

// noDesktop is the message when the desktop application cannot open a window: there is no
// graphical desktop (a server, a container, an SSH session), or it refused the connection.
// It points at the command line, which does all the work without one. Exit 3.
func noDesktop(detail string) error {
	return fail(exitInternal, "无法打开桌面程序：%s。\n桌面程序需要图形桌面（Linux 上需要 X11 或 Wayland 会话）。"+
		"没有图形桌面时请用命令行完成同样的工作，子命令见 dossier --help", detail)
}

// displayMissing says why there is no desktop to open a window on, or "" when there may be one.
// On Linux and the BSDs a session names its display in DISPLAY (X11) or WAYLAND_DISPLAY;
// Windows and macOS always have a desktop.
func displayMissing(goos string, getenv func(string) string) string {
	switch goos {
	case "linux", "freebsd", "openbsd", "netbsd", "dragonfly", "illumos", "solaris":
		if getenv("DISPLAY") == "" && getenv("WAYLAND_DISPLAY") == "" {
			return "没有图形桌面（环境变量 DISPLAY 和 WAYLAND_DISPLAY 都没有设置）"
		}
	}
	return ""
}

// windowFailed is noDesktop after the window system failed to start (GLFW panics when the
// display named in DISPLAY cannot be opened).
func windowFailed(getenv func(string) string) error {
	where := ""
	if d := getenv("DISPLAY"); d != "" {
		where = "（DISPLAY=" + d + "）"
	} else if d := getenv("WAYLAND_DISPLAY"); d != "" {
		where = "（WAYLAND_DISPLAY=" + d + "）"
	}
	return noDesktop("连接不上图形桌面" + where)
}
