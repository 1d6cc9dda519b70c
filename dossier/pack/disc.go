package pack

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"dossier/dossier/document"
	"dossier/dossier/programme"
)

// What goes on the disc. The top level of a package is the electronic copy the notice asks
// for (burned on a disc or sent by e-mail): the documents, manifest.json and 文件清单.txt.
// print/ is for the printer. PrivateDir holds 申报数据.json — the user's own data, with ID
// numbers (身份证号码) and phone numbers — which a bureau does not need on a disc: it stays in
// the package (dossier aggregate and rebuilding read it; dossier verify checks it like every
// file) but outside what is burned, unless the build asks for it (Options.DiscData).

// PrivateDir is the package folder that is not burned.
const PrivateDir = "不刻录"

// FileListName is the readable list of the package's files beside manifest.json.
const FileListName = "文件清单.txt"

// DataPath is where Build writes the data file, relative to the package: PrivateDir/申报数据.json,
// or the top level when the data file is to go on the disc.
func DataPath(onDisc bool) string {
	if onDisc {
		return DataFileName
	}
	return PrivateDir + "/" + DataFileName
}

// FindDataFile returns the path of the data file of the package folder dir: 不刻录/申报数据.json,
// or 申报数据.json at the top level (a package built with it on the disc, or before PrivateDir).
func FindDataFile(dir string) string {
	private := filepath.Join(dir, PrivateDir, DataFileName)
	if _, err := os.Lstat(private); err == nil {
		return private
	}
	return filepath.Join(dir, DataFileName)
}

// printCopyName is the file name of a report's print copies: 项目资金申请报告（一式十份）.pdf.
func printCopyName(name string, copies int) string {
	return fmt.Sprintf("%s（一式%s份）.pdf", strings.TrimSuffix(name, ".pdf"), chineseCount(copies))
}

// draftSheet marks a draft's summary table as a draft in the workbook itself: the title row
// and the worksheet's name say 草稿 (an xlsx has no watermark). The print PDF of the sheet
// (print/) carries the 草稿 watermark and says so too.
func draftSheet(s *document.Sheet) *document.Sheet {
	c := *s
	c.Title = "【草稿，不能报送】" + c.Title
	c.Name = "草稿-" + c.Name
	return &c
}

// describe says what each file of a package is, for 文件清单.txt.
func describe(ev *programme.Evaluation, specs []*programme.Output, o Options) map[string]string {
	d := map[string]string{
		PrintDir + "/打印说明.txt": "打印说明：每份文件的份数、单双面、装订与盖章",
		ManifestName:           "机读清单：各文件的大小与 SHA-256，供 dossier verify 核对申报包",
		FileListName:           "本清单",
		DataPath(o.DiscData):   "申报数据（dossier 的数据文件，含身份证号码、联系电话等个人信息）：供 dossier aggregate 汇总、重新生成申报包",
	}
	for _, spec := range specs {
		name := ev.FileName(spec)
		title := ev.Title(spec)
		switch spec.Kind {
		case programme.KindReport:
			d[name] = "《" + title + "》电子版（PDF）"
			if spec.Print != nil {
				d[PrintDir+"/"+printCopyName(name, spec.Print.Copies)] = fmt.Sprintf("《%s》打印稿：一式%s份，已排好双面打印、装订和盖章位置", title, chineseCount(spec.Print.Copies))
			}
		case programme.KindSheet:
			d[name] = "《" + title + "》（Excel）"
			d[PrintDir+"/"+strings.TrimSuffix(name, path.Ext(name))+".pdf"] = "《" + title + "》的打印版（PDF），按表下的位置签章"
		}
	}
	return d
}

// writeFileList writes 文件清单.txt: every file of the package in three groups (burned, print,
// not burned), each with its size, what it is and its SHA-256. It is written after every other
// file but the manifest, which it names without a digest (the manifest lists the 清单's).
func writeFileList(dir string, ev *programme.Evaluation, specs []*programme.Output, o Options) error {
	items, err := scan(dir)
	if err != nil {
		return ioError("读取", dir, err)
	}
	what := describe(ev, specs, o)
	var b strings.Builder
	b.WriteString("文件清单\n\n")
	fmt.Fprintf(&b, "申报项目：%s\n申报单位：%s\n生成时间：%s（%s）\n", ev.Programme.Title, ev.FieldText("enterprise.name"), o.Now.Format("2006年1月2日 15:04"), o.Generator)
	if o.Draft {
		b.WriteString("本申报包是草稿（每页带“草稿”水印），不能报送。\n")
	}
	groups := []struct {
		title string
		in    func(p string) bool
	}{
		{"一、电子版（本文件夹外层的文件，刻录光盘或发送电子邮件的就是这些）", func(p string) bool { return !strings.Contains(p, "/") }},
		{"二、打印稿（" + PrintDir + "/ 文件夹：打印用，不刻录）", func(p string) bool { return strings.HasPrefix(p, PrintDir+"/") }},
		{"三、不刻录（" + PrivateDir + "/ 文件夹：留在申报包中，不刻录、不报送）", func(p string) bool { return strings.HasPrefix(p, PrivateDir+"/") }},
	}
	items = append(items, Item{Path: ManifestName}, Item{Path: FileListName})
	sort.SliceStable(items, func(i, j int) bool { return items[i].Path < items[j].Path })
	for _, g := range groups {
		n := 0
		for _, it := range items {
			if !g.in(it.Path) {
				continue
			}
			if n == 0 {
				b.WriteString("\n" + g.title + "\n")
			}
			n++
			fmt.Fprintf(&b, "%d. %s\n", n, it.Path)
			if d := what[it.Path]; d != "" {
				fmt.Fprintf(&b, "   内容：%s\n", d)
			}
			if it.SHA256 != "" {
				fmt.Fprintf(&b, "   大小：%s\n   SHA-256：%s\n", sizeText(it.Size), it.SHA256)
			}
		}
	}
	b.WriteString("\n核对：dossier verify 本文件夹（按 manifest.json 核对每个文件的大小与 SHA-256）。\n")
	return writeFile(filepath.Join(dir, FileListName), []byte(b.String()))
}

// sizeText is a size as people read it: 159.9 KB（163,717 字节）.
func sizeText(n int64) string {
	digits := fmt.Sprint(n)
	var grouped []string
	for len(digits) > 3 {
		grouped = append([]string{digits[len(digits)-3:]}, grouped...)
		digits = digits[:len(digits)-3]
	}
	exact := strings.Join(append([]string{digits}, grouped...), ",") + " 字节"
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB（%s）", float64(n)/(1<<20), exact)
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB（%s）", float64(n)/(1<<10), exact)
	}
	return exact
}

// privateNote is the line of 打印说明.txt about what is not burned.
func privateNote(o Options) string {
	if o.DiscData {
		return "申报数据.json（含身份证号码等个人信息）按要求放在外层，会随电子版刻录。\n"
	}
	return "刻录光盘时只刻录本文件夹外层的文件；" + PrivateDir + "/" + DataFileName + "（申报数据，含身份证号码等个人信息）不刻录、不报送。\n"
}
