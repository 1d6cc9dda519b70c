package programme_test

import (
	"strconv"
	"strings"
	"testing"

	"dossier/dossier/programme"
	"dossier/templates"
)

// print: {sides, seal_mark} are read from the template; a wrong sides value names the line.
func TestPrintSettings(t *testing.T) {
	src, err := templates.FS.ReadFile("shanxi-techinnov-2019.yaml")
	if err != nil {
		t.Fatal(err)
	}
	const at = "      copies: 10\n"
	if !strings.Contains(string(src), at) {
		t.Fatal("the techinnov template changed: update the test")
	}
	parse := func(extra string) (*programme.Print, error) {
		p, err := programme.Parse("shanxi-techinnov-2019.yaml", []byte(strings.Replace(string(src), at, at+extra, 1)), nil)
		if err != nil {
			return nil, err
		}
		return p.Outputs[0].Print, nil
	}
	ps, err := parse("")
	if err != nil || ps.Simplex() || !ps.ShowSealMark() {
		t.Fatalf("default: simplex %v, seal mark %v, %v", ps.Simplex(), ps.ShowSealMark(), err)
	}
	ps, err = parse("      sides: simplex\n      seal_mark: false\n")
	if err != nil || !ps.Simplex() || ps.ShowSealMark() || !ps.Seal {
		t.Fatalf("sides: simplex, seal_mark: false: simplex %v, seal mark %v, %v", ps.Simplex(), ps.ShowSealMark(), err)
	}
	_, err = parse("      sides: both\n")
	if err == nil || !strings.Contains(err.Error(), "print.sides “both” 未知（可用：duplex 双面, simplex 单面）") {
		t.Fatalf("sides: both: %v", err)
	}
}

// attachment_index (附件目录 / 证明材料索引) is read with the output's attachments: true; without
// it, or as a title that is not one short line, the template check names the file and line.
func TestAttachmentIndexSetting(t *testing.T) {
	src, err := templates.FS.ReadFile("shanxi-techinnov-2019.yaml")
	if err != nil {
		t.Fatal(err)
	}
	const at = "    title: 项目资金申请报告\n"
	if !strings.Contains(string(src), at) {
		t.Fatal("the techinnov template changed: update the test")
	}
	line := strings.Count(string(src[:strings.Index(string(src), at)]), "\n") + 2 // the line after title
	parse := func(extra string) (*programme.Programme, error) {
		return programme.Parse("shanxi-techinnov-2019.yaml", []byte(strings.Replace(string(src), at, at+extra, 1)), nil)
	}
	p, err := parse("    attachments: true\n    attachment_index: 证明材料索引\n")
	if err != nil || p.Outputs[0].AttachmentIndex != "证明材料索引" {
		t.Fatalf("attachment_index with attachments: true: %v", err)
	}
	_, err = parse("    attachment_index: 附件目录\n")
	want := "shanxi-techinnov-2019.yaml:" + strconv.Itoa(line) + ":"
	if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "attachment_index 需要同一输出写 attachments: true") {
		t.Fatalf("attachment_index without attachments: true: %v (want %s)", err, want)
	}
	_, err = parse("    attachments: true\n    attachment_index: \"{{enterprise.name}}的证明材料索引\"\n")
	if err == nil || !strings.Contains(err.Error(), "应为一行标题") {
		t.Fatalf("attachment_index with {{ }}: %v", err)
	}
}
