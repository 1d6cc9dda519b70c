package ui

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/dossier/pack"
)

// launcher runs the system's programs (the PDF viewer, CUPS lp); tests replace it.
type launcher interface {
	LookPath(file string) (string, error)
	// Run runs the program and returns what it printed.
	Run(name string, args ...string) ([]byte, error)
}

type execLauncher struct{}

func (execLauncher) LookPath(file string) (string, error) { return exec.LookPath(file) }
func (execLauncher) Run(name string, args ...string) ([]byte, error) {
	return exec.Command(name, args...).CombinedOutput()
}

// viewCommand opens a file in the system's default application for it.
func viewCommand(goos, path string) (string, []string) {
	switch goos {
	case "windows":
		return "rundll32", []string{"url.dll,FileProtocolHandler", path}
	case "darwin":
		return "open", []string{path}
	}
	return "xdg-open", []string{path}
}

// lpCommand sends a file to the default printer with CUPS lp: sides and copies set.
func lpCommand(lp, path string, duplex bool, copies int) (string, []string) {
	sides := "sides=one-sided"
	if duplex {
		sides = "sides=two-sided-long-edge"
	}
	return lp, []string{"-n", strconv.Itoa(copies), "-o", sides, path}
}

// findLP is CUPS lp where the system has it (not on Windows), else "".
func findLP(l launcher) string {
	if runtime.GOOS == "windows" {
		return ""
	}
	p, err := l.LookPath("lp")
	if err != nil {
		return ""
	}
	return p
}

// onPrint (Ctrl+P) prints a document of a built package: the package just exported, else one
// the user picks.
func (u *UI) onPrint() {
	if ed, ok := u.current.(*editor); ok && ed.lastExport != "" {
		u.showPrint(ed.lastExport)
		return
	}
	u.pickPackage(u.showPrint)
}

// askPackage asks for a package folder, starting where the last one was exported.
func (u *UI) askPackage(then func(dir string)) {
	u.askFolder(lang.L("选择要打印的申报包文件夹"), u.app.Preferences().String(prefExportDir), then)
}

// printDialog lets the user pick a print document, shows how to print it, and opens it or
// sends it to the printer.
type printDialog struct {
	u      *UI
	dir    string
	docs   []pack.PrintDoc
	lp     string
	sel    *widget.Select
	info   *widget.Label
	copies *widget.Entry
	open   *widget.Button
	send   *widget.Button
	d      dialog.Dialog
}

// showPrint shows the print dialog for the package in dir.
func (u *UI) showPrint(dir string) {
	docs, note, err := pack.PrintDocuments(dir)
	if err != nil {
		u.showError(lang.L("无法打印：")+err.Error(), err)
		return
	}
	if len(docs) == 0 {
		showErrorText(u.win, lang.L("这个申报包没有打印稿（print 文件夹）。"))
		return
	}
	p := &printDialog{u: u, dir: dir, docs: docs, lp: findLP(u.launch)}
	u.printing = p
	p.build(note)
}

func (p *printDialog) build(note string) {
	names := make([]string, len(p.docs))
	for i, d := range p.docs {
		names[i] = strings.TrimSuffix(filepath.Base(d.Path), ".pdf")
	}
	p.info = &widget.Label{Wrapping: fyne.TextWrapWord}
	p.copies = &widget.Entry{}
	p.copies.ExtendBaseWidget(p.copies)
	p.sel = &widget.Select{Options: names, OnChanged: func(string) { p.onPick() }}
	p.sel.ExtendBaseWidget(p.sel)
	p.open = &widget.Button{Text: lang.L("用系统程序打开"), Icon: theme.FileIcon(), OnTapped: p.onOpen}
	p.send = &widget.Button{Text: lang.L("发送到默认打印机"), Icon: theme.DocumentPrintIcon(), Importance: widget.HighImportance, OnTapped: p.onSend}
	var actions []fyne.CanvasObject
	form := widget.NewForm(widget.NewFormItem(lang.L("文件"), p.sel))
	if p.lp != "" {
		form.Append(lang.L("打印份数"), p.copies)
		actions = append(actions, p.send)
	}
	actions = append(actions, p.open)
	lines := []fyne.CanvasObject{form, p.info, container.NewHBox(actions...)}
	if p.lp == "" {
		lines = append(lines, &widget.Label{Text: lang.L("在打开的程序中选择“打印”，按上面的说明设置纸张、双面和份数。"), Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance})
	}
	if note != "" {
		full := &widget.Label{Text: note, Wrapping: fyne.TextWrapWord}
		lines = append(lines, widget.NewAccordion(widget.NewAccordionItem(lang.L("打印说明（全文）"), full)))
	}
	p.d = dialog.NewCustom(lang.L("打印"), lang.L("关闭"), container.NewVScroll(container.NewVBox(lines...)), p.u.win)
	p.d.Resize(fyne.NewSize(720, 520))
	p.sel.SetSelectedIndex(0)
	showEscapable(p.d, p.u.win)
}

func (p *printDialog) doc() pack.PrintDoc { return p.docs[max(p.sel.SelectedIndex(), 0)] }

// onPick shows the chosen document's 打印说明: paper, sides, copies, seal.
func (p *printDialog) onPick() {
	d := p.doc()
	var b []string
	if paper := paperLabel(d.Paper); paper != "" {
		b = append(b, lang.L("纸张：")+paper)
	}
	if d.Copies > 0 {
		if d.Duplex {
			b = append(b, lang.L("双面打印，长边翻转（空白页是有意留出的，请勿删除）"))
		} else {
			b = append(b, lang.L("单面打印"))
		}
	}
	switch {
	case d.Copies == 0:
		b = append(b, lang.L("份数、单双面：这个申报包未记录，见下面的打印说明全文。"))
	case d.Bound && d.Copies > 1:
		b = append(b, fmt.Sprintf(lang.L("份数：通知要求%d份，文件中已依次排好全部%d份，打印一次即可"), d.Copies, d.Copies))
	default:
		b = append(b, fmt.Sprintf(lang.L("份数：%d份"), d.Copies))
	}
	if d.Seal != "" {
		b = append(b, lang.L("盖章：")+d.Seal)
	}
	if d.Note != "" {
		b = append(b, lang.L("说明：")+d.Note)
	}
	p.info.SetText(strings.Join(b, "\n"))
	n := 1
	if !d.Bound && d.Copies > 1 {
		n = d.Copies
	}
	p.copies.SetText(strconv.Itoa(n))
}

func paperLabel(code string) string {
	switch code {
	case pack.PaperA4Portrait:
		return lang.L("A4纵向")
	case pack.PaperA4Landscape:
		return lang.L("A4横向")
	case pack.PaperA3Landscape:
		return lang.L("A3横向")
	}
	return ""
}

func (p *printDialog) path() string {
	return filepath.Join(p.dir, filepath.FromSlash(p.doc().Path))
}

// onOpen opens the document in the system's viewer.
func (p *printDialog) onOpen() {
	name, args := viewCommand(runtime.GOOS, p.path())
	p.run(name, args, lang.L("无法用系统程序打开文件"), "")
}

// onSend sends the document to the default printer.
func (p *printDialog) onSend() {
	n, err := strconv.Atoi(strings.TrimSpace(p.copies.Text))
	if err != nil || n < 1 || n > 99 {
		showErrorText(p.u.win, lang.L("打印份数：请填1到99之间的整数。"))
		return
	}
	name, args := lpCommand(p.lp, p.path(), p.doc().Duplex, n)
	p.run(name, args, lang.L("打印失败"), lang.L("已发送到默认打印机。"))
}

// run runs the command off the UI goroutine and reports a failure (with what the program said).
func (p *printDialog) run(name string, args []string, failed, done string) {
	l := p.u.launch
	go func() {
		out, err := l.Run(name, args...)
		fyne.Do(func() {
			msg := strings.TrimSpace(string(out))
			switch {
			case err != nil:
				if msg == "" {
					msg = err.Error()
				}
				p.u.showError(failed+lang.L("（系统程序报告：")+msg+lang.L("）"), err)
			case done != "":
				dialog.ShowInformation(lang.L("打印"), done+"\n"+msg, p.u.win)
			}
		})
	}()
}
